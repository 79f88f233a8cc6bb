namespace ScsiBridge.Hal.Esp32
{
    /// <summary>
    /// The interop component's link port (Interop/NativeLinkPort on the board, a fake in tests):
    /// the byte channel to the PC that the board's firmware build provides. Reads never block:
    /// arrival is announced by a custom event (InteropLayout.EventLinkData).
    /// </summary>
    internal interface ILinkInterop
    {
        /// <summary>0, or a negative InteropStatus (NoLink when the build has no channel).</summary>
        int Open();

        /// <summary>Bytes read now (0 when none are waiting), or a negative status (LinkClosed).</summary>
        int Read(byte[] buffer, int offset, int count);

        /// <summary>Bytes written (all of them, or fewer when the channel's buffer is full), or a negative status.</summary>
        int Write(byte[] buffer, int offset, int count);
    }
}
