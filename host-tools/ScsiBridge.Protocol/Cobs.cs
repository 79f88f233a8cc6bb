namespace ScsiBridge.Protocol
{
    /// <summary>
    /// Consistent Overhead Byte Stuffing: no 0x00 inside an encoded frame, so 0x00 can end every
    /// frame and a receiver resynchronises at the next one after any damage. The encoder works
    /// byte by byte into the output (a frame is encoded straight from where its payload lies).
    /// </summary>
    public sealed class CobsEncoder
    {
        private byte[]? _out;
        private int _start;
        private int _pos;
        private int _codePos;
        private int _code;

        public void Begin(byte[] output, int offset)
        {
            _out = output;
            _start = offset;
            _codePos = offset;
            _pos = offset + 1;
            _code = 1;
        }

        public void Put(byte b)
        {
            byte[] o = _out!;
            if (b == 0)
            {
                o[_codePos] = (byte)_code;
                _codePos = _pos++;
                _code = 1;
                return;
            }
            o[_pos++] = b;
            if (++_code == 0xFF)
            {
                o[_codePos] = 0xFF;  // a full block: no zero implied
                _codePos = _pos++;
                _code = 1;
            }
        }

        public void Put(byte[] data, int offset, int count)
        {
            for (int i = 0; i < count; i++) Put(data[offset + i]);
        }

        /// <summary>Closes the last block and writes the delimiter; returns the bytes written.</summary>
        public int End()
        {
            byte[] o = _out!;
            o[_codePos] = (byte)_code;
            o[_pos++] = LinkConstants.Delimiter;
            return _pos - _start;
        }
    }

    /// <summary>COBS decoding of one frame (without its delimiter).</summary>
    public static class Cobs
    {
        public const int Broken = -1;
        public const int TooLarge = -2;

        /// <summary>Decoded length, or Broken (a zero byte inside, or a block running past the
        /// end), or TooLarge (more than max bytes).</summary>
        public static int Decode(byte[] src, int offset, int count, byte[] dst, int dstOffset, int max)
        {
            int i = offset, end = offset + count, o = dstOffset, limit = dstOffset + max;
            while (i < end)
            {
                int code = src[i++];
                if (code == 0) return Broken;
                for (int k = 1; k < code; k++)
                {
                    if (i >= end) return Broken;
                    byte b = src[i++];
                    if (b == 0) return Broken;
                    if (o >= limit) return TooLarge;
                    dst[o++] = b;
                }
                if (code < 0xFF && i < end)
                {
                    if (o >= limit) return TooLarge;
                    dst[o++] = 0;
                }
            }
            return o - dstOffset;
        }
    }
}
