using System;
using System.Runtime.InteropServices;

namespace ScsiBridge.Client.Transports
{
    /// <summary>
    /// A pseudo-terminal pair for the simulator host: the host keeps <see cref="Master"/>, and a
    /// client (the CLI, a test, any serial terminal) opens <see cref="SlavePath"/> as if it were
    /// the bridge's serial port.
    /// </summary>
    /// <remarks>
    /// <para>The slave side is put in raw mode when the pair is made, so bytes pass untouched both
    /// ways (0x00, CR, LF, and XON/XOFF 0x11/0x13 included) even for a client that changes no
    /// settings. The setting outlives each client: the slave's tty lives as long as the master.</para>
    /// <para>Peer tracking: the master reports POLLHUP while no client has the slave open. A fresh
    /// master would not (Linux raises it only after a first client closes), so the pair is made
    /// with one open and close of the slave, and from then on "no hang-up" means "a client is
    /// there". <see cref="WaitForPeer"/> sleeps on an inotify watch for the slave's next open.</para>
    /// <para>A client should flush its input when it opens the slave (<see cref="SerialPortTransport"/>
    /// does): the master's writes that nobody read stay queued for the next opener.</para>
    /// </remarks>
    public sealed unsafe class PseudoTerminal : IDisposable
    {
        private const int PathBufferSize = 256;

        // Without inotify, WaitForPeer looks for a client this often.
        private const int PeerCheckIntervalMs = 20;

        private readonly PtyTransport _master;
        private readonly FileDescriptorHandle? _openWatch;

        private PseudoTerminal(PtyTransport master, string slavePath, FileDescriptorHandle? openWatch)
        {
            _master = master;
            SlavePath = slavePath;
            _openWatch = openWatch;
        }

        /// <summary>The slave side's path (/dev/pts/N), for the client to open.</summary>
        public string SlavePath { get; }

        /// <summary>The master side, as the host's link transport.</summary>
        public PtyTransport Master => _master;

        /// <summary>True while a client has the slave side open.</summary>
        public bool IsPeerConnected => (_master.Stream.PollDescriptor(Libc.POLLIN, 0) & Libc.POLLHUP) == 0;

        /// <summary>Makes a pseudo-terminal pair with its slave side in raw mode.</summary>
        /// <exception cref="LinkTransportException">The system could not make one (out of ptys, /dev/pts not mounted...).</exception>
        /// <exception cref="PlatformNotSupportedException">Not Linux on x64 or arm64.</exception>
        public static PseudoTerminal Open()
        {
            LinuxPlatform.EnsureSupported("Pseudo-terminal support");

            // O_CLOEXEC so a process the host starts does not inherit the master and keep the
            // pair alive; O_NONBLOCK because every read and write goes through poll.
            int fd = Libc.PosixOpenPt(Libc.O_RDWR | Libc.O_NOCTTY | Libc.O_CLOEXEC | Libc.O_NONBLOCK);
            if (fd < 0)
            {
                throw TransportErrors.Generic("/dev/ptmx", "posix_openpt", Libc.LastErrno);
            }

            var masterHandle = new FileDescriptorHandle(fd);
            FileDescriptorHandle? openWatch = null;
            PtyTransport? master = null;
            try
            {
                if (Libc.GrantPt(fd) != 0)
                {
                    throw TransportErrors.Generic("/dev/ptmx", "grantpt", Libc.LastErrno);
                }

                if (Libc.UnlockPt(fd) != 0)
                {
                    throw TransportErrors.Generic("/dev/ptmx", "unlockpt", Libc.LastErrno);
                }

                byte* pathBuffer = stackalloc byte[PathBufferSize];
                int nameError = Libc.PtsNameR(fd, pathBuffer, PathBufferSize);
                if (nameError != 0)
                {
                    throw TransportErrors.Generic("/dev/ptmx", "ptsname_r", nameError);
                }

                string slavePath = Marshal.PtrToStringUTF8((IntPtr)pathBuffer) ?? string.Empty;
                ConfigureSlave(slavePath);
                openWatch = WatchOpens(slavePath);
                master = new PtyTransport(masterHandle, slavePath);
                return new PseudoTerminal(master, slavePath, openWatch);
            }
            catch
            {
                openWatch?.Dispose();
                if (master != null)
                {
                    master.Dispose();
                }
                else
                {
                    masterHandle.Dispose();
                }

                throw;
            }
        }

        /// <summary>
        /// Waits until a client has the slave side open, up to <paramref name="timeoutMs"/>
        /// milliseconds (negative: without limit). Dispose from another thread ends the wait with
        /// ObjectDisposedException.
        /// </summary>
        /// <returns>True when a client is connected; false when the timeout passed first.</returns>
        public bool WaitForPeer(int timeoutMs)
        {
            long deadline = FileDescriptorStream.Deadline(timeoutMs);
            while (true)
            {
                // Drain before looking, so an open that happens after the look still wakes the wait.
                DrainOpenWatch();
                if (IsPeerConnected)
                {
                    return true;
                }

                int remaining = FileDescriptorStream.Remaining(deadline);
                if (remaining == 0)
                {
                    return false;
                }

                if (_openWatch != null)
                {
                    _master.Stream.WaitForOther(_openWatch, Libc.POLLIN, remaining);
                }
                else
                {
                    int nap = remaining < 0 ? PeerCheckIntervalMs : Math.Min(remaining, PeerCheckIntervalMs);
                    _master.Stream.WaitForOther(null, 0, nap);
                }
            }
        }

        /// <summary>Closes the master; a connected client sees a hang-up.</summary>
        public void Dispose()
        {
            _master.Dispose();
            _openWatch?.Dispose();
        }

        public override string ToString() => SlavePath;

        private static void ConfigureSlave(string slavePath)
        {
            int fd = Libc.Open(slavePath, Libc.O_RDWR | Libc.O_NOCTTY | Libc.O_NONBLOCK | Libc.O_CLOEXEC, 0);
            if (fd < 0)
            {
                throw TransportErrors.Open(slavePath, Libc.LastErrno);
            }

            try
            {
                Termios termios;
                if (Libc.TcGetAttr(fd, &termios) != 0)
                {
                    throw TransportErrors.Generic(slavePath, "tcgetattr", Libc.LastErrno);
                }

                TerminalSettings.MakeRaw(&termios, rtsCts: false);
                if (Libc.TcSetAttr(fd, Libc.TCSANOW, &termios) != 0)
                {
                    throw TransportErrors.Generic(slavePath, "tcsetattr", Libc.LastErrno);
                }

                if (Libc.TcFlush(fd, Libc.TCIOFLUSH) != 0)
                {
                    throw TransportErrors.Generic(slavePath, "tcflush", Libc.LastErrno);
                }
            }
            finally
            {
                // Closing leaves the master in the "no client" (POLLHUP) state; see the remarks.
                Libc.Close(fd);
            }
        }

        private static FileDescriptorHandle? WatchOpens(string slavePath)
        {
            int fd = Libc.InotifyInit1(Libc.IN_CLOEXEC | Libc.IN_NONBLOCK);
            if (fd < 0)
            {
                // Out of inotify instances: WaitForPeer falls back to looking periodically.
                return null;
            }

            if (Libc.InotifyAddWatch(fd, slavePath, Libc.IN_OPEN) < 0)
            {
                Libc.Close(fd);
                return null;
            }

            return new FileDescriptorHandle(fd);
        }

        private void DrainOpenWatch()
        {
            if (_openWatch == null)
            {
                return;
            }

            bool added = false;
            try
            {
                try
                {
                    _openWatch.DangerousAddRef(ref added);
                }
                catch (ObjectDisposedException)
                {
                    throw new ObjectDisposedException(SlavePath, $"the pseudo-terminal {SlavePath} was closed");
                }

                byte* events = stackalloc byte[1024];
                while (Libc.Read(_openWatch.Fd, events, 1024) > 0)
                {
                }
            }
            finally
            {
                if (added)
                {
                    _openWatch.DangerousRelease();
                }
            }
        }
    }
}
