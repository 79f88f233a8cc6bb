namespace ScsiBridge.Hal
{
    /// <summary>
    /// The 18 signals of a narrow SCSI-2 bus as one bit mask, in the layout of the native
    /// controller (hal/native/core/include/sb/lines.h). A set bit means "asserted".
    /// </summary>
    public static class ScsiLines
    {
        public const uint Bsy = 1u << 0;
        public const uint Sel = 1u << 1;
        public const uint Atn = 1u << 2;
        public const uint Ack = 1u << 3;
        public const uint Rst = 1u << 4;
        public const uint Msg = 1u << 5;
        public const uint Cd = 1u << 6;
        public const uint Io = 1u << 7;
        public const uint Req = 1u << 8;

        /// <summary>DB0..DB7 occupy bits 9..16.</summary>
        public const int DataShift = 9;
        public const uint DataLines = 0xFFu << DataShift;
        public const uint Dbp = 1u << 17;
        public const uint DataAndParity = DataLines | Dbp;
        public const uint PhaseLines = Msg | Cd | Io;
        public const uint AllLines = (1u << 18) - 1;
        public const int LineCount = 18;

        /// <summary>Bit index of each line, for faults that name one line (a glitch).</summary>
        public const int BsyIndex = 0;
        public const int SelIndex = 1;
        public const int AtnIndex = 2;
        public const int AckIndex = 3;
        public const int RstIndex = 4;
        public const int MsgIndex = 5;
        public const int CdIndex = 6;
        public const int IoIndex = 7;
        public const int ReqIndex = 8;
        public const int DbpIndex = 17;

        /// <summary>The data line an ID drives during arbitration and selection.</summary>
        public static uint IdLine(int id)
        {
            return 1u << (DataShift + id);
        }

        /// <summary>The byte on DB0..DB7.</summary>
        public static int DataOf(uint lines)
        {
            return (int)((lines >> DataShift) & 0xFFu);
        }

        /// <summary>The information phase the MSG, C/D and I/O lines encode.</summary>
        public static int PhaseOf(uint lines)
        {
            int phase = 0;
            if ((lines & Msg) != 0)
            {
                phase |= 4;
            }

            if ((lines & Cd) != 0)
            {
                phase |= 2;
            }

            if ((lines & Io) != 0)
            {
                phase |= 1;
            }

            return phase;
        }

        /// <summary>The name of line number <paramref name="index"/> (0-17) as on the cable.</summary>
        public static string LineName(int index)
        {
            switch (index)
            {
                case BsyIndex: return "BSY";
                case SelIndex: return "SEL";
                case AtnIndex: return "ATN";
                case AckIndex: return "ACK";
                case RstIndex: return "RST";
                case MsgIndex: return "MSG";
                case CdIndex: return "C/D";
                case IoIndex: return "I/O";
                case ReqIndex: return "REQ";
                case DbpIndex: return "DBP";
                default:
                    if (index > ReqIndex && index < DbpIndex)
                    {
                        return "DB" + (index - DataShift).ToString();
                    }

                    return "line " + index.ToString();
            }
        }

        /// <summary>The asserted lines as text, e.g. "BSY SEL DB7", for diagnostics.</summary>
        public static string Describe(uint lines)
        {
            string text = string.Empty;
            for (int i = 0; i < LineCount; i++)
            {
                if ((lines & (1u << i)) != 0)
                {
                    text = text.Length == 0 ? LineName(i) : text + " " + LineName(i);
                }
            }

            return text.Length == 0 ? "(none)" : text;
        }
    }
}
