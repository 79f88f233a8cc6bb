namespace ScsiBridge.Firmware.Adapter
{
    /// <summary>What IOCINFO reports about the adapter.</summary>
    public sealed class AdapterInfo
    {
        public int ScsiId { get; internal set; }

        public int MaxTransferBytes { get; internal set; }

        public int RingBuffers { get; internal set; }

        public int RingBufferSize { get; internal set; }

        public string FirmwareVersion { get; internal set; } = "";

        /// <summary>AdapterCapabilities bits.</summary>
        public int Capabilities { get; internal set; }
    }

    /// <summary>What the adapter can do (IOCINFO capabilities).</summary>
    public static class AdapterCapabilities
    {
        public const int Disconnect = 1;
        public const int Synchronous = 2;
        public const int Parity = 4;
        public const int TargetMode = 8;
        public const int Scsi1Selection = 16;
    }
}
