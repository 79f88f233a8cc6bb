namespace ScsiBridge.Hal.Buffers
{
    /// <summary>Status codes of <see cref="ISlotRing"/> calls (sb_ring_status in slot_ring.h).</summary>
    public static class RingStatus
    {
        public const int Ok = 0;
        public const int BadArgument = -1;
        public const int BadHandle = -2;
        public const int OutOfRange = -3;
        public const int Empty = -4;
        public const int Unset = -5;

        /// <summary>What went wrong, in words a person can act on.</summary>
        public static string Describe(int status)
        {
            switch (status)
            {
                case Ok: return "ok";
                case BadArgument: return "bad ring argument: a null array, a negative count or offset, or an array too short";
                case BadHandle: return "the slot handle names no slot in use: it was released already, or never handed out";
                case OutOfRange: return "the offset and count run past the end of the ring slot";
                case Empty: return "no ring slot is free: every buffer is in use";
                case Unset: return "the ring was never given its memory";
                default: return "ring status " + status.ToString();
            }
        }

        /// <summary>Slot index of a handle (bits 0-15; the generation is above them).</summary>
        public static int IndexOf(int handle)
        {
            return handle & 0xFFFF;
        }
    }
}
