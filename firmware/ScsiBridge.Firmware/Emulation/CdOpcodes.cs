namespace ScsiBridge.Firmware.Emulation
{
    /// <summary>Operation codes of CD-ROM devices (SCSI-2 X3.131-1994 table 13-1, and MMC's
    /// READ CD and STOP PLAY/SCAN) beyond <see cref="TargetOpcodes"/>.</summary>
    public static class CdOpcodes
    {
        public const byte ReadSubChannel = 0x42;
        public const byte ReadHeader = 0x44;
        public const byte PlayAudio10 = 0x45;
        public const byte PlayAudioMsf = 0x47;
        public const byte PlayAudioTrackIndex = 0x48;
        public const byte PauseResume = 0x4B;
        public const byte StopPlayScan = 0x4E;
        public const byte PlayAudio12 = 0xA5;
        public const byte ReadCd = 0xBE;

        /// <summary>Plextor's vendor READ CDDA.</summary>
        public const byte PlextorReadCdda = 0xD8;
    }
}
