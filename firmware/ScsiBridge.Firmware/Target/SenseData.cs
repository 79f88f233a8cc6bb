namespace ScsiBridge.Firmware.Target
{
    /// <summary>Sense keys and the additional sense codes the emulations report (SCSI-2 8.2.14).</summary>
    public static class SenseData
    {
        public const int NoSense = 0x0;
        public const int RecoveredError = 0x1;
        public const int NotReady = 0x2;
        public const int MediumError = 0x3;
        public const int HardwareError = 0x4;
        public const int IllegalRequest = 0x5;
        public const int UnitAttention = 0x6;
        public const int DataProtect = 0x7;
        public const int BlankCheck = 0x8;
        public const int AbortedCommand = 0xB;

        // ASC, ASCQ pairs as one int: (asc << 8) | ascq.
        public const int InvalidCommandOperationCode = 0x2000;
        public const int LogicalBlockAddressOutOfRange = 0x2100;
        public const int InvalidFieldInCdb = 0x2400;
        public const int LogicalUnitNotSupported = 0x2500;
        public const int InvalidFieldInParameterList = 0x2600;
        public const int WriteProtected = 0x2700;
        public const int NotReadyToReadyChange = 0x2800;  // medium may have changed
        public const int PowerOnResetOrBusDeviceReset = 0x2900;
        public const int ModeParametersChanged = 0x2A01;
        public const int MediumNotPresent = 0x3A00;
        public const int ScsiParityError = 0x4700;
        public const int InitiatorDetectedErrorReceived = 0x4800;
        public const int UnrecoveredReadError = 0x1100;
        public const int WriteError = 0x0C00;
        public const int ParameterListLengthError = 0x1A00;
        public const int SavingParametersNotSupported = 0x3900;
        public const int MediumRemovalPrevented = 0x5302;
        public const int IncompatibleMediumInstalled = 0x3000;
    }
}
