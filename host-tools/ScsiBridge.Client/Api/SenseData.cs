namespace ScsiBridge.Client.Api
{
    /// <summary>Fixed-format sense data, decoded.</summary>
    public sealed class SenseData
    {
        public int Key { get; init; }

        public int Asc { get; init; }

        public int Ascq { get; init; }

        public long? Information { get; init; }

        public static SenseData? Decode(byte[] sense, int length)
        {
            if (length < 14 || (sense[0] & 0x7E) != 0x70) return null;
            long info = ((long)sense[3] << 24) | ((long)sense[4] << 16) | ((long)sense[5] << 8) | sense[6];
            return new SenseData
            {
                Key = sense[2] & 0x0F,
                Asc = sense[12],
                Ascq = sense[13],
                Information = (sense[0] & 0x80) != 0 ? info : null,
            };
        }

        public static string KeyName(int key) => key switch
        {
            0 => "NO SENSE",
            1 => "RECOVERED ERROR",
            2 => "NOT READY",
            3 => "MEDIUM ERROR",
            4 => "HARDWARE ERROR",
            5 => "ILLEGAL REQUEST",
            6 => "UNIT ATTENTION",
            7 => "DATA PROTECT",
            8 => "BLANK CHECK",
            0xB => "ABORTED COMMAND",
            0xD => "VOLUME OVERFLOW",
            0xE => "MISCOMPARE",
            _ => "sense key " + key,
        };

        public override string ToString() =>
            KeyName(Key) + " (ASC " + Asc.ToString("X2") + "h, ASCQ " + Ascq.ToString("X2") + "h)"
            + (Information.HasValue ? " at " + Information.Value : "");
    }
}
