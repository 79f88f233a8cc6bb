namespace ScsiBridge.Protocol
{
    /// <summary>
    /// Encodes a frame (header, payload, CRC-32C) with COBS straight into an output buffer, in
    /// one pass over the payload where it lies (a ring buffer): no intermediate copy.
    /// </summary>
    public sealed class FrameWriter
    {
        private readonly CobsEncoder _cobs = new CobsEncoder();
        private readonly byte[] _header = new byte[LinkConstants.HeaderSize];

        /// <summary>The encoded frame with its delimiter in output from outOffset; returns its length.
        /// output must hold LinkConstants.MaxEncoded bytes from outOffset.</summary>
        public int Encode(byte type, byte flags, byte opcode, int requestId, byte[]? payload, int offset, int count,
                          byte[] output, int outOffset)
        {
            return EncodeTwoPart(type, flags, opcode, requestId, payload, offset, count, null, 0, 0, output, outOffset);
        }

        /// <summary>As Encode, with the payload in two parts that lie apart (a data frame's offset
        /// field, then the data in its ring buffer).</summary>
        public int EncodeTwoPart(byte type, byte flags, byte opcode, int requestId, byte[]? first, int firstOffset,
                                 int firstCount, byte[]? second, int secondOffset, int secondCount, byte[] output, int outOffset)
        {
            int count = firstCount + secondCount;
            if (count < 0 || count > LinkConstants.MaxPayload) throw new System.ArgumentOutOfRangeException("count", "a payload has 0 to 4096 bytes");
            _header[0] = LinkConstants.Version;
            _header[1] = type;
            _header[2] = flags;
            _header[3] = opcode;
            _header[4] = (byte)requestId;
            _header[5] = (byte)(requestId >> 8);
            _header[6] = (byte)count;
            _header[7] = (byte)(count >> 8);
            uint crc = Crc32C.Update(Crc32C.Initial, _header, 0, LinkConstants.HeaderSize);
            _cobs.Begin(output, outOffset);
            _cobs.Put(_header, 0, LinkConstants.HeaderSize);
            if (firstCount > 0)
            {
                crc = Crc32C.Update(crc, first!, firstOffset, firstCount);
                _cobs.Put(first!, firstOffset, firstCount);
            }
            if (secondCount > 0)
            {
                crc = Crc32C.Update(crc, second!, secondOffset, secondCount);
                _cobs.Put(second!, secondOffset, secondCount);
            }
            crc = Crc32C.Finish(crc);
            _cobs.Put((byte)crc);
            _cobs.Put((byte)(crc >> 8));
            _cobs.Put((byte)(crc >> 16));
            _cobs.Put((byte)(crc >> 24));
            return _cobs.End();
        }
    }
}
