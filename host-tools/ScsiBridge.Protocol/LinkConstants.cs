namespace ScsiBridge.Protocol
{
    /// <summary>Frame layout and limits (docs/protocol.md, "Frames").</summary>
    public static class LinkConstants
    {
        public const byte Version = 1;
        public const int HeaderSize = 8;
        public const int CrcSize = 4;
        public const int MaxPayload = 4096;
        public const int MaxFrame = HeaderSize + MaxPayload + CrcSize;

        /// <summary>COBS adds one byte per 254 and the code byte; the delimiter follows.</summary>
        public const int MaxEncoded = MaxFrame + MaxFrame / 254 + 2;

        public const byte Delimiter = 0x00;
    }

    /// <summary>Frame types.</summary>
    public static class FrameType
    {
        public const byte Request = 1;
        public const byte Response = 2;
        public const byte Event = 3;
        public const byte Data = 4;
        public const byte Error = 5;

        public static bool IsKnown(int type)
        {
            return type >= Request && type <= Error;
        }
    }

    /// <summary>Frame flags.</summary>
    public static class FrameFlags
    {
        public const byte Retransmission = 1;
        public const byte More = 2;
    }
}
