using ScsiBridge.Firmware.Link;

namespace ScsiBridge.Device
{
    /// <summary>The link to the PC: frames go out through ILinkOutput, bytes come in through Read.</summary>
    public interface ILinkPort : ILinkOutput
    {
        /// <summary>Waits up to the port's read timeout for bytes. Returns how many it read,
        /// 0 when none came in time, or -1 when the PC went away (the port was closed).</summary>
        int Read(byte[] buffer, int offset, int count);
    }
}
