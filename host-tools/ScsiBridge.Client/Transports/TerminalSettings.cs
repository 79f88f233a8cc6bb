namespace ScsiBridge.Client.Transports
{
    /// <summary>
    /// Line settings shared by the serial port and the pseudo-terminal: raw 8N1, and baud rates.
    /// </summary>
    internal static unsafe class TerminalSettings
    {
        // The rates the kernel encodes as a Bxxx code in c_cflag; every other rate needs BOTHER.
        private static readonly int[] StandardRates =
        {
            50, 75, 110, 134, 150, 200, 300, 600, 1200, 1800, 2400, 4800, 9600, 19200, 38400,
            57600, 115200, 230400, 460800, 500000, 576000, 921600, 1000000, 1152000, 1500000,
            2000000, 2500000, 3000000, 3500000, 4000000,
        };

        private static readonly uint[] StandardCodes =
        {
            0x1, 0x2, 0x3, 0x4, 0x5, 0x6, 0x7, 0x8, 0x9, 0xA, 0xB, 0xC, 0xD, 0xE, 0xF,
            0x1001, 0x1002, 0x1003, 0x1004, 0x1005, 0x1006, 0x1007, 0x1008, 0x1009, 0x100A,
            0x100B, 0x100C, 0x100D, 0x100E, 0x100F,
        };

        /// <summary>The Bxxx code of <paramref name="baudRate"/>, when it has one.</summary>
        public static bool TryGetStandardCode(int baudRate, out uint code)
        {
            for (int i = 0; i < StandardRates.Length; i++)
            {
                if (StandardRates[i] == baudRate)
                {
                    code = StandardCodes[i];
                    return true;
                }
            }

            code = 0;
            return false;
        }

        /// <summary>
        /// Makes <paramref name="termios"/> a raw 8N1 line: no echo, no line editing, no signals,
        /// no CR/LF translation and no XON/XOFF, so every byte value passes untouched. VMIN=1 with
        /// VTIME=0 makes a non-blocking read with nothing buffered fail with EAGAIN rather than
        /// return 0, so 0 keeps its one meaning: the other end hung up.
        /// </summary>
        public static void MakeRaw(Termios* termios, bool rtsCts)
        {
            Libc.CfMakeRaw(termios);
            // cfmakeraw leaves the receive-side XOFF and the any-character restart alone.
            termios->InputFlags &= ~(Libc.IXON | Libc.IXOFF | Libc.IXANY | Libc.IGNBRK | Libc.BRKINT |
                                     Libc.PARMRK | Libc.ISTRIP | Libc.INLCR | Libc.IGNCR | Libc.ICRNL | Libc.INPCK);
            termios->OutputFlags &= ~Libc.OPOST;
            termios->LocalFlags &= ~(Libc.ECHO | Libc.ECHONL | Libc.ICANON | Libc.ISIG | Libc.IEXTEN);
            termios->ControlFlags &= ~(Libc.CSIZE | Libc.PARENB | Libc.CSTOPB | Libc.CRTSCTS);
            // CLOCAL: a USB-UART bridge has no carrier line worth waiting for.
            termios->ControlFlags |= Libc.CS8 | Libc.CREAD | Libc.CLOCAL;
            if (rtsCts)
            {
                termios->ControlFlags |= Libc.CRTSCTS;
            }

            termios->ControlChars[Libc.VMIN] = 1;
            termios->ControlChars[Libc.VTIME] = 0;
        }

        /// <summary>
        /// Puts a standard rate into <paramref name="termios"/> by hand rather than through
        /// cfsetospeed: glibc 2.42 changed what the default version of cfsetospeed takes (the rate
        /// in baud instead of a Bxxx code), and a P/Invoke binds whichever version is the default,
        /// so the same call would ask older and newer systems for different rates. Writing the
        /// Bxxx code into c_cflag and the rate into c_ispeed/c_ospeed means the same thing to both.
        /// </summary>
        public static void SetStandardSpeed(Termios* termios, uint code, int baudRate)
        {
            // CIBAUD (the input code) left 0 means "input speed = output speed".
            termios->ControlFlags &= ~(Libc.CBAUD | (Libc.CBAUD << Libc.IBSHIFT));
            termios->ControlFlags |= code;
            termios->InputSpeed = (uint)baudRate;
            termios->OutputSpeed = (uint)baudRate;
        }

        /// <summary>Puts any rate into a kernel termios2 with BOTHER, for input and output.</summary>
        public static void SetCustomSpeed(Termios2* termios, int baudRate)
        {
            termios->ControlFlags &= ~(Libc.CBAUD | (Libc.CBAUD << Libc.IBSHIFT));
            termios->ControlFlags |= Libc.BOTHER | (Libc.BOTHER << Libc.IBSHIFT);
            termios->InputSpeed = (uint)baudRate;
            termios->OutputSpeed = (uint)baudRate;
        }
    }
}
