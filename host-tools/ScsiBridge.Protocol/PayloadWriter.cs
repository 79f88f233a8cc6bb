namespace ScsiBridge.Protocol
{
    /// <summary>Writes little-endian fields into a payload buffer; past its capacity Ok turns
    /// false and nothing more is written.</summary>
    public sealed class PayloadWriter
    {
        private byte[] _buffer = new byte[0];
        private int _start;
        private int _pos;
        private int _end;

        public bool Ok { get; private set; }

        public int Length
        {
            get { return _pos - _start; }
        }

        public byte[] Buffer
        {
            get { return _buffer; }
        }

        public int Offset
        {
            get { return _start; }
        }

        public PayloadWriter Reset(byte[] buffer, int offset, int capacity)
        {
            _buffer = buffer;
            _start = offset;
            _pos = offset;
            _end = offset + capacity;
            Ok = true;
            return this;
        }

        private bool Room(int n)
        {
            if (_pos + n <= _end) return true;
            Ok = false;
            return false;
        }

        public PayloadWriter U8(int v)
        {
            if (Room(1)) _buffer[_pos++] = (byte)v;
            return this;
        }

        public PayloadWriter U16(int v)
        {
            if (!Room(2)) return this;
            _buffer[_pos++] = (byte)v;
            _buffer[_pos++] = (byte)(v >> 8);
            return this;
        }

        public PayloadWriter U32(uint v)
        {
            if (!Room(4)) return this;
            _buffer[_pos++] = (byte)v;
            _buffer[_pos++] = (byte)(v >> 8);
            _buffer[_pos++] = (byte)(v >> 16);
            _buffer[_pos++] = (byte)(v >> 24);
            return this;
        }

        public PayloadWriter Bytes(byte[] src, int offset, int count)
        {
            if (!Room(count)) return this;
            System.Array.Copy(src, offset, _buffer, _pos, count);
            _pos += count;
            return this;
        }

        /// <summary>A u8 length and the string's characters as ASCII (at most 255).</summary>
        public PayloadWriter Str(string s)
        {
            int n = s.Length > 255 ? 255 : s.Length;
            if (!Room(1 + n)) return this;
            _buffer[_pos++] = (byte)n;
            for (int i = 0; i < n; i++) _buffer[_pos++] = (byte)(s[i] & 0x7F);
            return this;
        }
    }
}
