namespace ScsiBridge.Firmware.Adapter
{
    /// <summary>SCSI-2 message codes the initiator sends or understands (SCSI-2 section 6.5).</summary>
    public static class ScsiMessages
    {
        public const byte CommandComplete = 0x00;
        public const byte Extended = 0x01;
        public const byte SaveDataPointer = 0x02;
        public const byte RestorePointers = 0x03;
        public const byte Disconnect = 0x04;
        public const byte InitiatorDetectedError = 0x05;
        public const byte Abort = 0x06;
        public const byte MessageReject = 0x07;
        public const byte NoOperation = 0x08;
        public const byte MessageParityError = 0x09;
        public const byte LinkedCommandComplete = 0x0A;
        public const byte LinkedCommandCompleteWithFlag = 0x0B;
        public const byte BusDeviceReset = 0x0C;
        public const byte Identify = 0x80;
        public const byte IdentifyDisconnectPrivilege = 0x40;

        public const byte ExtendedSdtr = 0x01;
        public const byte ExtendedWdtr = 0x03;
        public const byte SdtrLength = 0x03;

        /// <summary>SDTR periods count 4 ns units.</summary>
        public const int SdtrPeriodUnitNs = 4;
    }
}
