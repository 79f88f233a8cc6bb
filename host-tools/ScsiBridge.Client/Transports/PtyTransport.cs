namespace ScsiBridge.Client.Transports
{
    /// <summary>
    /// The master (controlling) side of a <see cref="PseudoTerminal"/>: what the simulator host
    /// reads requests from and writes responses to. A client that closes the slave side shows up
    /// here as a <see cref="LinkHangupException"/>; the transport stays usable, and works again
    /// as soon as the next client opens the slave (see <see cref="PseudoTerminal.WaitForPeer"/>).
    /// </summary>
    public sealed class PtyTransport : ILinkTransport
    {
        private readonly FileDescriptorStream _stream;
        private readonly string _slavePath;

        internal PtyTransport(FileDescriptorHandle master, string slavePath)
        {
            _slavePath = slavePath;
            Name = "pty master of " + slavePath;
            _stream = new FileDescriptorStream(master, Name, OnHangup, OnWriteStalled);
        }

        public string Name { get; }

        /// <summary>True until disposed: a hang-up of one client does not close the master.</summary>
        public bool IsOpen => !_stream.IsDisposed;

        /// <summary>How long a Write may make no progress before it fails with ETIMEDOUT; negative waits forever (the default).</summary>
        public int WriteTimeoutMs
        {
            get => _stream.WriteTimeoutMs;
            set => _stream.WriteTimeoutMs = value;
        }

        internal FileDescriptorStream Stream => _stream;

        /// <summary>
        /// Reads what the client wrote. Throws <see cref="LinkHangupException"/> once the client has
        /// closed the slave side and everything it wrote before has been read, and at once while no
        /// client has the slave open.
        /// </summary>
        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            return _stream.Read(buffer, offset, count, timeoutMs);
        }

        /// <summary>
        /// Writes to the client. Throws <see cref="LinkHangupException"/> when no client has the
        /// slave side open: the kernel would otherwise keep the bytes for whoever opens it next.
        /// </summary>
        public void Write(byte[] buffer, int offset, int count)
        {
            if ((_stream.PollDescriptor(Libc.POLLOUT, 0) & Libc.POLLHUP) != 0)
            {
                throw OnHangup("write", 0);
            }

            _stream.Write(buffer, offset, count);
        }

        public void Dispose()
        {
            _stream.Dispose();
        }

        public override string ToString() => Name;

        private LinkHangupException OnHangup(string operation, int errno)
        {
            return new LinkHangupException(
                $"the client on {_slavePath} closed it (hang-up): wait for the next client to open the slave side",
                _slavePath, operation, errno, errno == 0 ? string.Empty : Errno.Name(errno));
        }

        private LinkTransportException OnWriteStalled(int timeoutMs)
        {
            return TransportErrors.WriteStalled(Name, timeoutMs, rtsCts: false);
        }
    }
}
