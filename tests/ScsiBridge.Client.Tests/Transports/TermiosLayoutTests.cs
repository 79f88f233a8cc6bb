using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ScsiBridge.Client.Transports;
using Xunit;

namespace ScsiBridge.Client.Tests.Transports
{
    public sealed unsafe class TermiosLayoutTests
    {
        [Fact]
        public void GlibcTermiosIsSixtyBytesWithSpeedsAfterThePadding()
        {
            Assert.Equal(60, Marshal.SizeOf<Termios>());
            Assert.Equal(60, Unsafe.SizeOf<Termios>());
            Assert.Equal(16, (int)Marshal.OffsetOf<Termios>(nameof(Termios.LineDiscipline)));
            Assert.Equal(17, (int)Marshal.OffsetOf<Termios>(nameof(Termios.ControlChars)));
            Assert.Equal(52, (int)Marshal.OffsetOf<Termios>(nameof(Termios.InputSpeed)));
            Assert.Equal(56, (int)Marshal.OffsetOf<Termios>(nameof(Termios.OutputSpeed)));
        }

        [Fact]
        public void KernelTermios2IsFortyFourBytes()
        {
            // TCGETS2/TCSETS2 encode this size in the request number.
            Assert.Equal(44, Unsafe.SizeOf<Termios2>());
            Assert.Equal(17, (int)Marshal.OffsetOf<Termios2>(nameof(Termios2.ControlChars)));
            Assert.Equal(36, (int)Marshal.OffsetOf<Termios2>(nameof(Termios2.InputSpeed)));
            Assert.Equal((int)((Libc.TCGETS2 >> 16) & 0x3FFF), Unsafe.SizeOf<Termios2>());
        }

        [Fact]
        public void PollFdIsEightBytes()
        {
            Assert.Equal(8, Unsafe.SizeOf<Libc.PollFd>());
        }

        [Fact]
        public void TcgetattrWritesWithinTheStructAndAgreesWithTheKernel()
        {
            using PseudoTerminal pty = PseudoTerminal.Open();
            const int guard = 64;
            byte* block = stackalloc byte[60 + guard];
            for (int i = 0; i < 60 + guard; i++)
            {
                block[i] = 0xA5;
            }

            Termios2 fromLambda = default;
            IntPtr blockAddress = (IntPtr)block;
            bool used = pty.Master.Stream.TryUseDescriptor(fd =>
            {
                // On Linux the master's termios calls reach the slave's settings.
                Termios2 fromKernel;
                Assert.Equal(0, Libc.TcGetAttr(fd, (Termios*)blockAddress));
                Assert.Equal(0, Libc.Ioctl(fd, Libc.TCGETS2, &fromKernel));
                fromLambda = fromKernel;
            });
            Assert.True(used);
            Termios2 kernel = fromLambda;

            for (int i = 60; i < 60 + guard; i++)
            {
                Assert.Equal(0xA5, block[i]);
            }

            Termios* termios = (Termios*)block;
            Assert.Equal(kernel.InputFlags, termios->InputFlags);
            Assert.Equal(kernel.LocalFlags, termios->LocalFlags);
            Assert.Equal(kernel.ControlChars[Libc.VMIN], termios->ControlChars[Libc.VMIN]);
            Assert.Equal(kernel.ControlChars[Libc.VTIME], termios->ControlChars[Libc.VTIME]);
            Assert.Equal(kernel.ControlFlags & ~(Libc.CBAUD | (Libc.CBAUD << Libc.IBSHIFT)),
                         termios->ControlFlags & ~(Libc.CBAUD | (Libc.CBAUD << Libc.IBSHIFT)));
        }
    }
}
