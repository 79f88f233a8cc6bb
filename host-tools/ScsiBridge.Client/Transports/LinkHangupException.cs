namespace ScsiBridge.Client.Transports
{
    /// <summary>
    /// The other end of the link went away: the USB-UART adapter was unplugged or reset, the
    /// pseudo-terminal's other side was closed, or (on a pseudo-terminal master) no client has the
    /// slave side open. A serial port that hung up stays dead and must be opened again; a
    /// <see cref="PtyTransport"/> works again once the next client opens the slave side.
    /// </summary>
    public sealed class LinkHangupException : LinkTransportException
    {
        public LinkHangupException(string message, string portName, string operation, int errno, string errnoName)
            : base(message, portName, operation, errno, errnoName)
        {
        }
    }
}
