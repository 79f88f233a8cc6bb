namespace ScsiBridge.Client.Transports
{
    /// <summary>
    /// Another program already holds the port: it opened it exclusively (EBUSY from open) or holds
    /// its lock (EWOULDBLOCK from flock).
    /// </summary>
    public sealed class LinkPortBusyException : LinkTransportException
    {
        public LinkPortBusyException(string message, string portName, string operation, int errno, string errnoName)
            : base(message, portName, operation, errno, errnoName)
        {
        }
    }
}
