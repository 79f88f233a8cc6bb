namespace ScsiBridge.Protocol
{
    /// <summary>
    /// Turns a byte stream into frames. Feed it whatever the port read; it hands back a frame
    /// (or the reason one was refused) each time a delimiter ends one. Any byte sequence is
    /// acceptable input: bad frames become errors, never exceptions, and the decoder is ready
    /// for the next frame at once.
    /// </summary>
    public sealed class FrameDecoder
    {
        private readonly byte[] _encoded = new byte[LinkConstants.MaxEncoded];
        private int _length;
        private bool _overflow;

        public Frame Current { get; private set; } = new Frame();

        // Counters for STATISTICS.
        public int Frames { get; private set; }
        public int BadCrc { get; private set; }
        public int BadCobs { get; private set; }
        public int Short { get; private set; }
        public int BadVersion { get; private set; }
        public int BadLength { get; private set; }
        public int TooLarge { get; private set; }

        /// <summary>
        /// Consumes bytes until a frame ends (complete: true; Current holds it) or the input is
        /// used up (complete: false). Returns how many bytes it consumed; feed the rest next.
        /// Empty frames (two delimiters in a row) are skipped: senders may use them as padding.
        /// </summary>
        public int Feed(byte[] data, int offset, int count, out bool complete)
        {
            for (int i = 0; i < count; i++)
            {
                byte b = data[offset + i];
                if (b != LinkConstants.Delimiter)
                {
                    if (_length < _encoded.Length) _encoded[_length++] = b;
                    else _overflow = true;
                    continue;
                }
                if (_length == 0 && !_overflow) continue;
                Finish();
                _length = 0;
                _overflow = false;
                complete = true;
                return i + 1;
            }
            complete = false;
            return count;
        }

        private void Finish()
        {
            Frame f = Current;
            f.Error = LinkErrors.None;
            f.HeaderReadable = false;
            f.Version = f.Type = f.Flags = f.Opcode = f.RequestId = f.PayloadLength = 0;
            if (_overflow)
            {
                Refuse(f, LinkErrors.PayloadTooLarge);
                return;
            }
            int n = Cobs.Decode(_encoded, 0, _length, f.Buffer, 0, f.Buffer.Length);
            if (n == Cobs.TooLarge)
            {
                Refuse(f, LinkErrors.PayloadTooLarge);
                return;
            }
            if (n == Cobs.Broken)
            {
                Refuse(f, LinkErrors.BadCobs);
                return;
            }
            byte[] d = f.Buffer;
            if (n >= LinkConstants.HeaderSize)
            {
                f.Version = d[0];
                f.Type = d[1];
                f.Flags = d[2];
                f.Opcode = d[3];
                f.RequestId = d[4] | (d[5] << 8);
                f.PayloadLength = d[6] | (d[7] << 8);
                f.HeaderReadable = true;
            }
            if (n < LinkConstants.HeaderSize + LinkConstants.CrcSize)
            {
                Refuse(f, LinkErrors.ShortFrame);
                return;
            }
            int body = n - LinkConstants.CrcSize;
            uint stored = (uint)(d[body] | (d[body + 1] << 8) | (d[body + 2] << 16) | (d[body + 3] << 24));
            if (Crc32C.Compute(d, 0, body) != stored)
            {
                Refuse(f, LinkErrors.BadCrc);
                return;
            }
            if (f.Version != LinkConstants.Version)
            {
                Refuse(f, LinkErrors.UnsupportedVersion);
                return;
            }
            if (f.PayloadLength > LinkConstants.MaxPayload)
            {
                Refuse(f, LinkErrors.PayloadTooLarge);
                return;
            }
            if (f.PayloadLength != body - LinkConstants.HeaderSize || !FrameType.IsKnown(f.Type))
            {
                Refuse(f, LinkErrors.BadLength);
                return;
            }
            Frames++;
        }

        private void Refuse(Frame f, int error)
        {
            f.Error = error;
            switch (error)
            {
                case LinkErrors.BadCrc: BadCrc++; break;
                case LinkErrors.BadCobs: BadCobs++; break;
                case LinkErrors.ShortFrame: Short++; break;
                case LinkErrors.UnsupportedVersion: BadVersion++; break;
                case LinkErrors.BadLength: BadLength++; break;
                case LinkErrors.PayloadTooLarge: TooLarge++; break;
            }
        }
    }
}
