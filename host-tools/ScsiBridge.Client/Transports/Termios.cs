using System.Runtime.InteropServices;

namespace ScsiBridge.Client.Transports
{
    /// <summary>
    /// glibc's <c>struct termios</c> on x86_64 and arm64 Linux: 60 bytes. c_cc has 32 entries in
    /// glibc (the kernel's own struct has 19), and three bytes of padding align c_ispeed to 52.
    /// </summary>
    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct Termios
    {
        public const int ControlCharCount = 32;

        /// <summary>c_iflag</summary>
        public uint InputFlags;
        /// <summary>c_oflag</summary>
        public uint OutputFlags;
        /// <summary>c_cflag</summary>
        public uint ControlFlags;
        /// <summary>c_lflag</summary>
        public uint LocalFlags;
        /// <summary>c_line</summary>
        public byte LineDiscipline;
        /// <summary>c_cc</summary>
        public fixed byte ControlChars[ControlCharCount];
        /// <summary>c_ispeed</summary>
        public uint InputSpeed;
        /// <summary>c_ospeed</summary>
        public uint OutputSpeed;
    }

    /// <summary>
    /// The kernel's <c>struct termios2</c> (asm-generic): 44 bytes, read and written with the
    /// TCGETS2/TCSETS2 ioctls. With BOTHER in c_cflag the speed fields carry any baud rate.
    /// </summary>
    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct Termios2
    {
        public const int ControlCharCount = 19;

        public uint InputFlags;
        public uint OutputFlags;
        public uint ControlFlags;
        public uint LocalFlags;
        public byte LineDiscipline;
        public fixed byte ControlChars[ControlCharCount];
        public uint InputSpeed;
        public uint OutputSpeed;
    }
}
