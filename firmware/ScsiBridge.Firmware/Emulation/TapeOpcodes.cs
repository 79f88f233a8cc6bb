namespace ScsiBridge.Firmware.Emulation
{
    /// <summary>Operation codes of sequential-access devices (SCSI-2 X3.131-1994, table 9-1)
    /// beyond those all emulated units share (<see cref="TargetOpcodes"/>).</summary>
    public static class TapeOpcodes
    {
        public const byte Rewind = 0x01;
        public const byte ReadBlockLimits = 0x05;
        public const byte WriteFilemarks = 0x10;
        public const byte Space = 0x11;
        public const byte Erase = 0x19;
        public const byte LoadUnload = 0x1B;
        public const byte Locate = 0x2B;
        public const byte ReadPosition = 0x34;
    }
}
