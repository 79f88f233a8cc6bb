namespace ScsiBridge.SimHost
{
    /// <summary>Line noise for tests: flips one bit of an encoded frame where it leaves the COBS
    /// structure intact, so the receiver sees a CRC error rather than a framing error.</summary>
    public static class FrameDamage
    {
        /// <summary>Damages the frame in place (count bytes with the delimiter last); false when
        /// it has no byte that can be spoiled that way.</summary>
        public static bool SpoilOneBit(byte[] buffer, int offset, int count)
        {
            int end = offset + count - 1;  // the delimiter
            var isCode = new bool[count];
            for (int at = offset; at < end; at += buffer[at]) isCode[at - offset] = true;
            // Prefer a byte in the middle: the header stays readable, so the bridge can name the request.
            for (int at = offset + count / 2; at < end; at++)
            {
                if (isCode[at - offset] || buffer[at] == 1) continue;
                buffer[at] ^= 1;
                return true;
            }
            return false;
        }
    }
}
