namespace ScsiBridge.Protocol
{
    /// <summary>Reads little-endian fields from a payload. Reading past its end does not throw:
    /// Ok turns false and zeros come back, so a short payload is answered with BadLength.</summary>
    public sealed class PayloadReader
    {
        private byte[] _buffer = new byte[0];
        private int _pos;
        private int _end;

        public bool Ok { get; private set; }

        public int Remaining
        {
            get { return _end - _pos; }
        }

        public int Position
        {
            get { return _pos; }
        }

        /// <summary>The array being read (for fields that are passed on where they lie).</summary>
        public byte[] Buffer
        {
            get { return _buffer; }
        }

        public PayloadReader Reset(byte[] buffer, int offset, int count)
        {
            _buffer = buffer;
            _pos = offset;
            _end = offset + count;
            Ok = true;
            return this;
        }

        public int U8()
        {
            if (_pos + 1 > _end)
            {
                Ok = false;
                return 0;
            }
            return _buffer[_pos++];
        }

        public int U16()
        {
            if (_pos + 2 > _end)
            {
                Ok = false;
                return 0;
            }
            int v = _buffer[_pos] | (_buffer[_pos + 1] << 8);
            _pos += 2;
            return v;
        }

        public uint U32()
        {
            if (_pos + 4 > _end)
            {
                Ok = false;
                return 0;
            }
            uint v = (uint)(_buffer[_pos] | (_buffer[_pos + 1] << 8) | (_buffer[_pos + 2] << 16) | (_buffer[_pos + 3] << 24));
            _pos += 4;
            return v;
        }

        /// <summary>Copies count bytes into dst; false (and Ok false) when fewer remain.</summary>
        public bool Bytes(byte[] dst, int offset, int count)
        {
            if (count < 0 || _pos + count > _end)
            {
                Ok = false;
                return false;
            }
            System.Array.Copy(_buffer, _pos, dst, offset, count);
            _pos += count;
            return true;
        }

        /// <summary>A u8 length and that many ASCII bytes.</summary>
        public string Str()
        {
            int n = U8();
            if (!Ok || _pos + n > _end)
            {
                Ok = false;
                return "";
            }
            char[] chars = new char[n];
            for (int i = 0; i < n; i++) chars[i] = (char)(_buffer[_pos + i] & 0x7F);
            _pos += n;
            return new string(chars);
        }

        public void Skip(int count)
        {
            if (count < 0 || _pos + count > _end)
            {
                Ok = false;
                _pos = _end;
                return;
            }
            _pos += count;
        }
    }
}
