namespace ScsiBridge.Firmware.Emulation
{
    /// <summary>
    /// Status bytes and the sense codes the emulated units need beyond
    /// <see cref="ScsiBridge.Firmware.Target.SenseData"/> (SCSI-2 X3.131-1994, 7.3.2 and table 7-41;
    /// ASC/ASCQ packed as (ASC &lt;&lt; 8) | ASCQ like there).
    /// </summary>
    public static class EmulationSense
    {
        public const int StatusGood = 0x00;
        public const int StatusCheckCondition = 0x02;
        public const int StatusReservationConflict = 0x18;

        /// <summary>Sense key MISCOMPARE: VERIFY with BYTCHK found different data.</summary>
        public const int Miscompare = 0xE;

        public const int MiscompareDuringVerify = 0x1D00;
        public const int InternalTargetFailure = 0x4400;
    }
}
