namespace ScsiBridge.Hal
{
    /// <summary>
    /// Bus phases as the native controller numbers them (sb::Phase): the information phases are
    /// MSG&lt;&lt;2 | C/D&lt;&lt;1 | I/O; values from 8 are bus states outside them.
    /// </summary>
    public static class BusPhase
    {
        public const int DataOut = 0;
        public const int DataIn = 1;
        public const int Command = 2;
        public const int Status = 3;
        public const int Reserved4 = 4;
        public const int Reserved5 = 5;
        public const int MessageOut = 6;
        public const int MessageIn = 7;
        public const int BusFree = 8;
        public const int Arbitration = 9;
        public const int Selection = 10;
        public const int Reselection = 11;
        public const int Reset = 12;
        public const int None = 0xFF;

        /// <summary>True for the eight information-transfer phases (values 0-7).</summary>
        public static bool IsInformation(int phase)
        {
            return phase >= DataOut && phase <= MessageIn;
        }

        /// <summary>True when the target sends and the initiator receives.</summary>
        public static bool IsIn(int phase)
        {
            return IsInformation(phase) && (phase & 1) != 0;
        }

        /// <summary>Display name (nanoFramework has no Enum.ToString for this).</summary>
        public static string Name(int phase)
        {
            switch (phase)
            {
                case DataOut: return "DATA OUT";
                case DataIn: return "DATA IN";
                case Command: return "COMMAND";
                case Status: return "STATUS";
                case Reserved4: return "RESERVED (4)";
                case Reserved5: return "RESERVED (5)";
                case MessageOut: return "MESSAGE OUT";
                case MessageIn: return "MESSAGE IN";
                case BusFree: return "BUS FREE";
                case Arbitration: return "ARBITRATION";
                case Selection: return "SELECTION";
                case Reselection: return "RESELECTION";
                case Reset: return "RESET";
                case None: return "NONE";
                default: return "phase " + phase.ToString();
            }
        }
    }
}
