namespace ScsiBridge.Hal
{
    /// <summary>Flags of a controller command (sb_command_flags in command.h).</summary>
    public static class CommandFlags
    {
        public const int None = 0;
        /// <summary>SELECT: assert ATN during selection, so the target takes a message first.</summary>
        public const int Atn = 1 << 0;
        /// <summary>SELECT: SCSI-1 style, no arbitration, only the target's ID on the bus.</summary>
        public const int NoArbitration = 1 << 1;
        /// <summary>SELECT/RESELECT: report a lost arbitration instead of retrying.</summary>
        public const int NoRetry = 1 << 2;
    }
}
