using System;
using System.Threading;

namespace ScsiBridge.Client.Transports
{
    /// <summary>
    /// The bridge's serial link through a Linux tty: /dev/ttyUSB* or /dev/ttyACM* for the board's
    /// USB-UART adapter, or the slave side of a <see cref="PseudoTerminal"/> for the simulator.
    /// Raw 8N1, CLOCAL, optional RTS/CTS.
    /// </summary>
    public sealed unsafe class SerialPortTransport : ILinkTransport
    {
        /// <summary>The rate the bridge firmware runs its UART at.</summary>
        public const int DefaultBaudRate = 3_000_000;

        // Unix98 pseudo-terminal slaves (/dev/pts/N) use majors 136 to 143.
        private const uint PtySlaveMajorFirst = 136;
        private const uint PtySlaveMajorLast = 143;

        // How long Dispose lets queued output drain before discarding the rest. Without the
        // discard, a port whose CTS is held off makes close(2) wait out the driver's closing_wait
        // (30 s for USB serial drivers).
        private const int DrainOnCloseMs = 250;

        private readonly FileDescriptorStream _stream;
        private readonly bool _exclusiveIoctl;
        private volatile bool _hungUp;

        private SerialPortTransport(
            FileDescriptorHandle descriptor,
            string path,
            int baudRate,
            int actualBaudRate,
            bool rtsCts,
            bool exclusive,
            bool exclusiveIoctl,
            bool isPseudoTerminalSlave)
        {
            Name = path;
            BaudRate = baudRate;
            ActualBaudRate = actualBaudRate;
            RtsCts = rtsCts;
            IsExclusive = exclusive;
            IsPseudoTerminalSlave = isPseudoTerminalSlave;
            _exclusiveIoctl = exclusiveIoctl;
            _stream = new FileDescriptorStream(descriptor, path, OnHangup, OnWriteStalled);
        }

        /// <summary>The path the port was opened by.</summary>
        public string Name { get; }

        public bool IsOpen => !_stream.IsDisposed && !_hungUp;

        /// <summary>The rate that was asked for.</summary>
        public int BaudRate { get; }

        /// <summary>
        /// The rate the driver reports after setting it (termios2 c_ospeed). A USB-UART driver
        /// reports the rate its divider really makes when it cannot hit the request exactly.
        /// </summary>
        public int ActualBaudRate { get; }

        public bool RtsCts { get; }

        /// <summary>True when the port was opened with exclusive = true.</summary>
        public bool IsExclusive { get; }

        /// <summary>True when the tty is a pseudo-terminal slave (the simulator host's side).</summary>
        public bool IsPseudoTerminalSlave { get; }

        /// <summary>How long a Write may make no progress before it fails with ETIMEDOUT; negative waits forever (the default).</summary>
        public int WriteTimeoutMs
        {
            get => _stream.WriteTimeoutMs;
            set => _stream.WriteTimeoutMs = value;
        }

        /// <summary>
        /// Opens and configures a serial port, discarding anything already buffered in it.
        /// </summary>
        /// <param name="path">The tty: /dev/ttyUSB0, /dev/ttyACM0, a /dev/serial/by-id link, or a pseudo-terminal slave.</param>
        /// <param name="baudRate">Any rate the adapter can make; the standard ones up to 4,000,000 use the classic
        /// termios codes, the others are set with termios2 (BOTHER).</param>
        /// <param name="rtsCts">Hardware flow control on RTS/CTS.</param>
        /// <param name="exclusive">Keep other programs out: an advisory flock(2) that every scsibridge tool honours,
        /// plus TIOCEXCL so that other non-root programs get EBUSY from open(2). TIOCEXCL is skipped on a
        /// pseudo-terminal slave, where it would outlive this transport (see remarks).</param>
        /// <remarks>
        /// On a pseudo-terminal the slave's tty lives as long as the master does, so a TIOCEXCL left
        /// on it (by a client that crashed before clearing it) would make every later non-root open
        /// of the slave fail with EBUSY. flock works on pseudo-terminal slaves like on any device
        /// node, so exclusive = true still keeps two scsibridge tools from sharing one.
        /// </remarks>
        /// <exception cref="LinkPortBusyException">Another program has the port.</exception>
        /// <exception cref="LinkTransportException">The port is missing, not accessible, not a tty, or refused the settings.</exception>
        /// <exception cref="PlatformNotSupportedException">Not Linux on x64 or arm64.</exception>
        public static SerialPortTransport Open(string path, int baudRate = DefaultBaudRate, bool rtsCts = false, bool exclusive = true)
        {
            ArgumentException.ThrowIfNullOrEmpty(path);
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(baudRate);
            LinuxPlatform.EnsureSupported("Serial port support");

            int fd = Libc.Open(path, Libc.O_RDWR | Libc.O_NOCTTY | Libc.O_NONBLOCK | Libc.O_CLOEXEC, 0);
            if (fd < 0)
            {
                throw TransportErrors.Open(path, Libc.LastErrno);
            }

            var descriptor = new FileDescriptorHandle(fd);
            bool exclusiveIoctl = false;
            try
            {
                bool isPtySlave = IsPtySlave(fd);
                if (exclusive)
                {
                    // The lock first: if another tool holds the port, nothing of its tty may change.
                    if (Libc.Flock(fd, Libc.LOCK_EX | Libc.LOCK_NB) != 0)
                    {
                        throw TransportErrors.Lock(path, Libc.LastErrno);
                    }

                    if (!isPtySlave)
                    {
                        if (Libc.Ioctl(fd, Libc.TIOCEXCL, null) != 0)
                        {
                            int errno = Libc.LastErrno;
                            throw errno == Errno.ENOTTY
                                ? TransportErrors.NotATerminal(path, "ioctl(TIOCEXCL)", errno)
                                : TransportErrors.Generic(path, "ioctl(TIOCEXCL)", errno);
                        }

                        exclusiveIoctl = true;
                    }
                }

                int actualBaudRate = Configure(fd, path, baudRate, rtsCts);

                // Bytes left from before (a previous session, or a pseudo-terminal master that wrote
                // while nobody listened) would otherwise arrive as the start of this session.
                if (Libc.TcFlush(fd, Libc.TCIOFLUSH) != 0)
                {
                    throw TransportErrors.Io(path, "tcflush", Libc.LastErrno);
                }

                return new SerialPortTransport(descriptor, path, baudRate, actualBaudRate, rtsCts, exclusive, exclusiveIoctl, isPtySlave);
            }
            catch
            {
                if (exclusiveIoctl)
                {
                    Libc.Ioctl(fd, Libc.TIOCNXCL, null);
                }

                descriptor.Dispose();
                throw;
            }
        }

        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            return _stream.Read(buffer, offset, count, timeoutMs);
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            _stream.Write(buffer, offset, count);
        }

        /// <summary>
        /// Lets queued output drain briefly, then closes the port, clears TIOCEXCL and releases the
        /// lock. A Read or Write blocked in another thread ends with ObjectDisposedException.
        /// </summary>
        public void Dispose()
        {
            if (_stream.IsDisposed)
            {
                return;
            }

            _stream.TryUseDescriptor(fd =>
            {
                // Only discard what would not drain: on a pseudo-terminal the "output queue" that
                // TCOFLUSH empties is the master's unread input, which must survive the close.
                if (!_hungUp && !DrainBriefly(fd))
                {
                    Libc.TcFlush(fd, Libc.TCOFLUSH);
                }

                if (_exclusiveIoctl)
                {
                    Libc.Ioctl(fd, Libc.TIOCNXCL, null);
                }
            });
            _stream.Dispose();
        }

        public override string ToString() => Name;

        private static int Configure(int fd, string path, int baudRate, bool rtsCts)
        {
            Termios termios;
            if (Libc.TcGetAttr(fd, &termios) != 0)
            {
                int errno = Libc.LastErrno;
                throw errno == Errno.ENOTTY || errno == Errno.EINVAL
                    ? TransportErrors.NotATerminal(path, "tcgetattr", errno)
                    : TransportErrors.Io(path, "tcgetattr", errno);
            }

            TerminalSettings.MakeRaw(&termios, rtsCts);
            bool standard = TerminalSettings.TryGetStandardCode(baudRate, out uint code);
            if (standard)
            {
                TerminalSettings.SetStandardSpeed(&termios, code, baudRate);
            }

            if (Libc.TcSetAttr(fd, Libc.TCSANOW, &termios) != 0)
            {
                throw TransportErrors.Settings(path, "tcsetattr", Libc.LastErrno, baudRate);
            }

            Termios2 kernel;
            if (Libc.Ioctl(fd, Libc.TCGETS2, &kernel) != 0)
            {
                throw TransportErrors.Settings(path, "ioctl(TCGETS2)", Libc.LastErrno, baudRate);
            }

            if (!standard)
            {
                TerminalSettings.SetCustomSpeed(&kernel, baudRate);
                if (Libc.Ioctl(fd, Libc.TCSETS2, &kernel) != 0)
                {
                    throw TransportErrors.Settings(path, "ioctl(TCSETS2)", Libc.LastErrno, baudRate);
                }

                if (Libc.Ioctl(fd, Libc.TCGETS2, &kernel) != 0)
                {
                    throw TransportErrors.Settings(path, "ioctl(TCGETS2)", Libc.LastErrno, baudRate);
                }
            }

            // tcsetattr succeeds when any part of the request took; a driver without hardware
            // flow control silently clears CRTSCTS, which would lose data at 3 Mbaud.
            if (rtsCts && (kernel.ControlFlags & Libc.CRTSCTS) == 0)
            {
                throw new LinkTransportException(
                    $"the driver of {path} does not support RTS/CTS flow control: open the port without RTS/CTS, or use an adapter that has it",
                    path, "tcsetattr", 0, string.Empty);
            }

            return kernel.OutputSpeed == 0 ? baudRate : (int)kernel.OutputSpeed;
        }

        private static bool IsPtySlave(int fd)
        {
            byte* buffer = stackalloc byte[Libc.StatxSize];
            if (Libc.Statx(fd, string.Empty, Libc.AT_EMPTY_PATH, Libc.STATX_TYPE, buffer) != 0)
            {
                // Without statx (a very old kernel, or a container that filters it) treat the
                // port as a real one; only the TIOCEXCL detail depends on the answer.
                return false;
            }

            ushort mode = *(ushort*)(buffer + Libc.StatxModeOffset);
            uint major = *(uint*)(buffer + Libc.StatxRdevMajorOffset);
            return (mode & Libc.S_IFMT) == Libc.S_IFCHR && major >= PtySlaveMajorFirst && major <= PtySlaveMajorLast;
        }

        /// <summary>Waits a little for queued output to leave; false when some is still queued.</summary>
        private static bool DrainBriefly(int fd)
        {
            long deadline = Environment.TickCount64 + DrainOnCloseMs;
            while (true)
            {
                int queued = 0;
                if (Libc.Ioctl(fd, Libc.TIOCOUTQ, &queued) != 0 || queued <= 0)
                {
                    return true;
                }

                if (Environment.TickCount64 >= deadline)
                {
                    return false;
                }

                // At 3 Mbaud a full 4 KiB buffer drains in under 15 ms: check every 2 ms.
                Thread.Sleep(2);
            }
        }

        private LinkHangupException OnHangup(string operation, int errno)
        {
            _hungUp = true;
            return TransportErrors.Hangup(Name, operation, errno);
        }

        private LinkTransportException OnWriteStalled(int timeoutMs)
        {
            return TransportErrors.WriteStalled(Name, timeoutMs, RtsCts);
        }
    }
}
