namespace ScsiBridge.Client.Api
{
    /// <summary>Fixed-format sense data, decoded.</summary>
    public sealed class SenseData
    {
        public int Key { get; init; }

        public int Asc { get; init; }

        public int Ascq { get; init; }

        public long? Information { get; init; }

        /// <summary>FILEMARK: a sequential-access read stopped at a tape mark.</summary>
        public bool Filemark { get; init; }

        /// <summary>EOM: the end (or the early warning) of the medium.</summary>
        public bool EndOfMedium { get; init; }

        /// <summary>ILI: the record was not the length asked for; Information holds the
        /// difference (requested minus actual; negative when the record was longer).</summary>
        public bool IncorrectLength { get; init; }

        /// <summary>The Information field as the signed 32-bit value tapes put there.</summary>
        public int? SignedInformation => Information.HasValue ? unchecked((int)(uint)Information.Value) : null;

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
                Filemark = (sense[2] & 0x80) != 0,
                EndOfMedium = (sense[2] & 0x40) != 0,
                IncorrectLength = (sense[2] & 0x20) != 0,
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
            + (Information.HasValue ? " at " + Information.Value : "")
            + (Filemark ? ", filemark" : "") + (EndOfMedium ? ", end of medium" : "") + (IncorrectLength ? ", incorrect length" : "");
    }
}
