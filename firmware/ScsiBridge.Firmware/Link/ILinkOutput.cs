namespace ScsiBridge.Firmware.Link
{
    /// <summary>Where the link server's encoded frames go: the UART on the board, a
    /// pseudo-terminal in the simulator host, a buffer in tests. Writes all bytes or throws.</summary>
    public interface ILinkOutput
    {
        void Write(byte[] buffer, int offset, int count);
    }
}
