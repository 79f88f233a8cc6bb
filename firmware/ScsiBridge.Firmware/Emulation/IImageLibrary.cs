using ScsiBridge.Firmware.Target;

namespace ScsiBridge.Firmware.Emulation
{
    /// <summary>
    /// Where the bridge finds disk and CD-ROM images by name: the SD card on the board, a
    /// folder in the simulator. Opening is not on any hot path and may allocate.
    /// </summary>
    public interface IImageLibrary
    {
        /// <summary>The image called name, or null when there is none (or it cannot be opened
        /// as asked, such as writable when the file is read-only).</summary>
        IBlockStore? Open(string name, bool readOnly);

        /// <summary>The names Open takes, in a stable order, with each image's size in bytes
        /// (sizes[i] is the size of names[i]); what `scsibridge target images` shows.</summary>
        string[] List(out long[] sizes);
    }
}
