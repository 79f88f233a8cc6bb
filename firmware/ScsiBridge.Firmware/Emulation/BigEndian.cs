namespace ScsiBridge.Firmware.Emulation
{
    /// <summary>Big-endian fields of CDBs, parameter lists and returned data (SCSI byte order).</summary>
    internal static class BigEndian
    {
        public static void Put16(byte[] b, int offset, int value)
        {
            b[offset] = (byte)(value >> 8);
            b[offset + 1] = (byte)value;
        }

        public static void Put24(byte[] b, int offset, int value)
        {
            b[offset] = (byte)(value >> 16);
            b[offset + 1] = (byte)(value >> 8);
            b[offset + 2] = (byte)value;
        }

        public static void Put32(byte[] b, int offset, long value)
        {
            b[offset] = (byte)(value >> 24);
            b[offset + 1] = (byte)(value >> 16);
            b[offset + 2] = (byte)(value >> 8);
            b[offset + 3] = (byte)value;
        }

        public static int Get16(byte[] b, int offset)
        {
            return (b[offset] << 8) | b[offset + 1];
        }

        public static int Get24(byte[] b, int offset)
        {
            return (b[offset] << 16) | (b[offset + 1] << 8) | b[offset + 2];
        }

        public static long Get32(byte[] b, int offset)
        {
            return ((long)b[offset] << 24) | ((long)b[offset + 1] << 16) | ((long)b[offset + 2] << 8) | b[offset + 3];
        }

        public static long Min(long a, long b)
        {
            return a < b ? a : b;
        }
    }
}
