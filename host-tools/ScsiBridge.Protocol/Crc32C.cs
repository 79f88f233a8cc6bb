namespace ScsiBridge.Protocol
{
    /// <summary>
    /// CRC-32C (Castagnoli): reflected polynomial 0x82F63B78, initial value and final xor
    /// 0xFFFFFFFF. Written here because the package registries offer no hashing package that
    /// builds for the board; table-driven, the table made once.
    /// </summary>
    public static class Crc32C
    {
        public const uint Initial = 0xFFFFFFFF;
        private static readonly uint[] Table = MakeTable();

        private static uint[] MakeTable()
        {
            uint[] t = new uint[256];
            for (uint i = 0; i < 256; i++)
            {
                uint c = i;
                for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? (c >> 1) ^ 0x82F63B78u : c >> 1;
                t[i] = c;
            }
            return t;
        }

        /// <summary>Continues a running CRC (start from <see cref="Initial"/>; finish with <see cref="Finish"/>).</summary>
        public static uint Update(uint crc, byte[] data, int offset, int count)
        {
            for (int i = 0; i < count; i++) crc = Table[(crc ^ data[offset + i]) & 0xFF] ^ (crc >> 8);
            return crc;
        }

        public static uint Update(uint crc, byte b)
        {
            return Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        public static uint Finish(uint crc)
        {
            return crc ^ 0xFFFFFFFF;
        }

        public static uint Compute(byte[] data, int offset, int count)
        {
            return Finish(Update(Initial, data, offset, count));
        }
    }
}
