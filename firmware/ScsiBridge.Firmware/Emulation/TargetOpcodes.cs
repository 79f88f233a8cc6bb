namespace ScsiBridge.Firmware.Emulation
{
    /// <summary>Operation codes the emulated units serve (SCSI-2 X3.131-1994, tables 9-1 and 13-1).</summary>
    public static class TargetOpcodes
    {
        public const byte TestUnitReady = 0x00;
        public const byte RezeroUnit = 0x01;
        public const byte RequestSense = 0x03;
        public const byte FormatUnit = 0x04;
        public const byte Read6 = 0x08;
        public const byte Write6 = 0x0A;
        public const byte Seek6 = 0x0B;
        public const byte Inquiry = 0x12;
        public const byte ModeSelect6 = 0x15;
        public const byte Reserve6 = 0x16;
        public const byte Release6 = 0x17;
        public const byte ModeSense6 = 0x1A;
        public const byte StartStopUnit = 0x1B;
        public const byte SendDiagnostic = 0x1D;
        public const byte PreventAllowMediumRemoval = 0x1E;
        public const byte ReadCapacity10 = 0x25;
        public const byte Read10 = 0x28;
        public const byte Write10 = 0x2A;
        public const byte Seek10 = 0x2B;
        public const byte WriteAndVerify10 = 0x2E;
        public const byte Verify10 = 0x2F;
        public const byte SynchronizeCache10 = 0x35;
        public const byte WriteBuffer = 0x3B;
        public const byte ReadBuffer = 0x3C;
        public const byte ReadToc = 0x43;
        public const byte ModeSelect10 = 0x55;
        public const byte ModeSense10 = 0x5A;
        public const byte Read12 = 0xA8;
    }
}
