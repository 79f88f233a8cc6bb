using System.Runtime.InteropServices;

namespace ScsiBridge.Client.Transports
{
    /// <summary>
    /// The C library calls and constants the transports use. Values are the Linux asm-generic ones,
    /// which x86_64 and arm64 share; <see cref="LinuxPlatform"/> refuses any other platform before
    /// one of these is called. Hex stands in for the octal the C headers use.
    /// </summary>
    internal static unsafe partial class Libc
    {
        // The runtime maps "libc" to the C library's real file name (libc.so.6 with glibc).
        private const string Library = "libc";

        // open(2)
        public const int O_RDWR = 0x2;
        public const int O_NOCTTY = 0x100;
        public const int O_NONBLOCK = 0x800;
        public const int O_CLOEXEC = 0x80000;

        // poll(2)
        public const short POLLIN = 0x1;
        public const short POLLOUT = 0x4;
        public const short POLLERR = 0x8;
        public const short POLLHUP = 0x10;
        public const short POLLNVAL = 0x20;

        // flock(2)
        public const int LOCK_EX = 2;
        public const int LOCK_NB = 4;

        // tcsetattr(3) and tcflush(3)
        public const int TCSANOW = 0;
        public const int TCOFLUSH = 1;
        public const int TCIOFLUSH = 2;

        // ioctl(2) requests. TCGETS2/TCSETS2 encode sizeof(struct termios2) == 44.
        public const uint TIOCEXCL = 0x540C;
        public const uint TIOCNXCL = 0x540D;
        public const uint TIOCOUTQ = 0x5411;
        public const uint TCGETS2 = 0x802C542A;
        public const uint TCSETS2 = 0x402C542B;

        // c_iflag
        public const uint IGNBRK = 0x1;
        public const uint BRKINT = 0x2;
        public const uint PARMRK = 0x8;
        public const uint INPCK = 0x10;
        public const uint ISTRIP = 0x20;
        public const uint INLCR = 0x40;
        public const uint IGNCR = 0x80;
        public const uint ICRNL = 0x100;
        public const uint IXON = 0x400;
        public const uint IXANY = 0x800;
        public const uint IXOFF = 0x1000;

        // c_oflag
        public const uint OPOST = 0x1;

        // c_cflag
        public const uint CBAUD = 0x100F;
        public const uint BOTHER = 0x1000;
        public const int IBSHIFT = 16;
        public const uint CSIZE = 0x30;
        public const uint CS8 = 0x30;
        public const uint CSTOPB = 0x40;
        public const uint CREAD = 0x80;
        public const uint PARENB = 0x100;
        public const uint CLOCAL = 0x800;
        public const uint CRTSCTS = 0x80000000;

        // c_lflag
        public const uint ISIG = 0x1;
        public const uint ICANON = 0x2;
        public const uint ECHO = 0x8;
        public const uint ECHONL = 0x40;
        public const uint IEXTEN = 0x8000;

        // c_cc indices
        public const int VTIME = 5;
        public const int VMIN = 6;

        // eventfd(2), inotify(7)
        public const int EFD_CLOEXEC = 0x80000;
        public const int EFD_NONBLOCK = 0x800;
        public const int IN_CLOEXEC = 0x80000;
        public const int IN_NONBLOCK = 0x800;
        public const uint IN_OPEN = 0x20;

        // statx(2)
        public const int AT_EMPTY_PATH = 0x1000;
        public const uint STATX_TYPE = 0x1;
        public const int StatxSize = 256;
        public const int StatxModeOffset = 28;
        public const int StatxRdevMajorOffset = 128;
        public const ushort S_IFMT = 0xF000;
        public const ushort S_IFCHR = 0x2000;

        [StructLayout(LayoutKind.Sequential)]
        public struct PollFd
        {
            public int Fd;
            public short Events;
            public short ReturnedEvents;
        }

        /// <summary>The errno the last P/Invoke left behind.</summary>
        public static int LastErrno => Marshal.GetLastPInvokeError();

        // open(2) is variadic in C; passing the mode as a fixed third argument matches the calling
        // convention on x86_64 and arm64 Linux, the only platforms this code runs on.
        [LibraryImport(Library, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        public static partial int Open(string path, int flags, int mode);

        [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
        public static partial int Close(int fd);

        [LibraryImport(Library, EntryPoint = "read", SetLastError = true)]
        public static partial nint Read(int fd, byte* buffer, nuint count);

        [LibraryImport(Library, EntryPoint = "write", SetLastError = true)]
        public static partial nint Write(int fd, byte* buffer, nuint count);

        [LibraryImport(Library, EntryPoint = "poll", SetLastError = true)]
        public static partial int Poll(PollFd* fds, nuint count, int timeoutMs);

        // ioctl(2) is variadic too; the request is unsigned long in glibc.
        [LibraryImport(Library, EntryPoint = "ioctl", SetLastError = true)]
        public static partial int Ioctl(int fd, nuint request, void* argument);

        [LibraryImport(Library, EntryPoint = "flock", SetLastError = true)]
        public static partial int Flock(int fd, int operation);

        [LibraryImport(Library, EntryPoint = "tcgetattr", SetLastError = true)]
        public static partial int TcGetAttr(int fd, Termios* termios);

        [LibraryImport(Library, EntryPoint = "tcsetattr", SetLastError = true)]
        public static partial int TcSetAttr(int fd, int optionalActions, Termios* termios);

        [LibraryImport(Library, EntryPoint = "cfmakeraw")]
        public static partial void CfMakeRaw(Termios* termios);

        [LibraryImport(Library, EntryPoint = "tcflush", SetLastError = true)]
        public static partial int TcFlush(int fd, int queueSelector);

        [LibraryImport(Library, EntryPoint = "posix_openpt", SetLastError = true)]
        public static partial int PosixOpenPt(int flags);

        [LibraryImport(Library, EntryPoint = "grantpt", SetLastError = true)]
        public static partial int GrantPt(int fd);

        [LibraryImport(Library, EntryPoint = "unlockpt", SetLastError = true)]
        public static partial int UnlockPt(int fd);

        // Returns 0 or an errno value (not -1).
        [LibraryImport(Library, EntryPoint = "ptsname_r", SetLastError = true)]
        public static partial int PtsNameR(int fd, byte* buffer, nuint length);

        [LibraryImport(Library, EntryPoint = "eventfd", SetLastError = true)]
        public static partial int EventFd(uint initialValue, int flags);

        [LibraryImport(Library, EntryPoint = "inotify_init1", SetLastError = true)]
        public static partial int InotifyInit1(int flags);

        [LibraryImport(Library, EntryPoint = "inotify_add_watch", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        public static partial int InotifyAddWatch(int fd, string path, uint mask);

        // statx's struct is the same on every Linux architecture, unlike struct stat.
        [LibraryImport(Library, EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        public static partial int Statx(int directoryFd, string path, int flags, uint mask, byte* buffer);
    }
}
