namespace ScsiBridge.Protocol
{
    /// <summary>Error frame codes (docs/protocol.md, "Error frames").</summary>
    public static class LinkErrors
    {
        public const int None = 0;
        public const int BadCrc = 1;
        public const int BadCobs = 2;
        public const int ShortFrame = 3;
        public const int UnsupportedVersion = 4;
        public const int UnknownOpcode = 5;
        public const int BadLength = 6;
        public const int PayloadTooLarge = 7;
        public const int BadArgument = 8;
        public const int NotElevated = 9;
        public const int Busy = 10;
        public const int DataOutOfOrder = 11;

        public static string Name(int code)
        {
            switch (code)
            {
                case None: return "none";
                case BadCrc: return "BadCrc";
                case BadCobs: return "BadCobs";
                case ShortFrame: return "ShortFrame";
                case UnsupportedVersion: return "UnsupportedVersion";
                case UnknownOpcode: return "UnknownOpcode";
                case BadLength: return "BadLength";
                case PayloadTooLarge: return "PayloadTooLarge";
                case BadArgument: return "BadArgument";
                case NotElevated: return "NotElevated";
                case Busy: return "Busy";
                case DataOutOfOrder: return "DataOutOfOrder";
                default: return "error " + code.ToString();
            }
        }

        /// <summary>What happened, in words a person can act on.</summary>
        public static string Describe(int code)
        {
            switch (code)
            {
                case BadCrc: return "a frame was damaged on the wire (CRC mismatch); check the cable and the baud rate";
                case BadCobs: return "a frame's COBS encoding is broken; the link may be running at the wrong baud rate";
                case ShortFrame: return "a frame was shorter than a header and its CRC";
                case UnsupportedVersion: return "the two sides speak no common protocol version; update the firmware or the tool";
                case UnknownOpcode: return "the bridge does not know that operation; update the firmware";
                case BadLength: return "a frame's length field does not match its payload";
                case PayloadTooLarge: return "a frame carried more than 4096 payload bytes";
                case BadArgument: return "a request field is out of range (SCSI ID, LUN, CDB length...)";
                case NotElevated: return "this operation needs an elevated session (ELEVATE, with the board's PIN if one is set)";
                case Busy: return "too many requests in flight, or data frames beyond the credits; wait for responses or credits";
                case DataOutOfOrder: return "a data frame came out of order (one before it was lost); resend from the offset given";
                default: return Name(code);
            }
        }
    }
}
