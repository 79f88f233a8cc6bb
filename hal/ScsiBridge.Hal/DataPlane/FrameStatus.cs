namespace ScsiBridge.Hal.DataPlane
{
    /// <summary>Status codes of the native frame codec (sb_frame_status in link_frame.h), and the
    /// frame sizes it works with. Calls that touch a slot may also return a RingStatus.</summary>
    public static class FrameStatus
    {
        public const int Ok = 0;
        public const int BadArgument = -16;
        public const int TooLarge = -17;
        public const int NoRoom = -18;
        public const int NoFrame = -19;
        public const int LongerThanSlot = -20;

        /// <summary>Largest encoded frame, delimiter included (SB_LINK_MAX_ENCODED).</summary>
        public const int MaxEncoded = 4108 + 4108 / 254 + 2;

        /// <summary>Largest payload (SB_LINK_MAX_PAYLOAD).</summary>
        public const int MaxPayload = 4096;

        /// <summary>What went wrong, in words a person can act on.</summary>
        public static string Describe(int status)
        {
            switch (status)
            {
                case Ok: return "ok";
                case BadArgument: return "bad frame codec argument: a null array, or a negative offset or count";
                case TooLarge: return "a frame payload has at most 4096 bytes";
                case NoRoom: return "the output buffer cannot hold the encoded frame";
                case NoFrame: return "no good frame holds those payload bytes";
                case LongerThanSlot: return "the frame's data is longer than a ring slot";
                default: return Buffers.RingStatus.Describe(status);
            }
        }
    }
}
