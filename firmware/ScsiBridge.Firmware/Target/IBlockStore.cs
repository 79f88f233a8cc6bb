namespace ScsiBridge.Firmware.Target
{
    /// <summary>
    /// The medium behind an emulated disk or CD-ROM: an image file on the PC, a file on the
    /// board's SD card. Reads and writes are whole or fail: a short read or write is reported as
    /// an error, never passed on as data.
    /// </summary>
    public interface IBlockStore
    {
        /// <summary>The image's size in bytes.</summary>
        long Length { get; }

        bool ReadOnly { get; }

        /// <summary>Reads exactly count bytes at position into buffer; false when it cannot.</summary>
        bool Read(long position, byte[] buffer, int offset, int count);

        /// <summary>Writes exactly count bytes at position; false when it cannot.</summary>
        bool Write(long position, byte[] buffer, int offset, int count);

        bool Flush();
    }
}
