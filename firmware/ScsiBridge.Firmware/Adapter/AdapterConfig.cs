namespace ScsiBridge.Firmware.Adapter
{
    /// <summary>How the adapter is set up at start-up; fixed while it runs.</summary>
    public sealed class AdapterConfig
    {
        /// <summary>The bridge's own SCSI ID (7 wins arbitration).</summary>
        public int ScsiId { get; set; } = 7;

        /// <summary>The buffer ring: count and size of its buffers, allocated once.</summary>
        public int RingBuffers { get; set; } = 16;

        public int RingBufferSize { get; set; } = 4096;

        /// <summary>The largest data length one command may move (IOCINFO's maximum transfer).</summary>
        public int MaxTransferBytes { get; set; } = 16 * 1024 * 1024;

        /// <summary>The time limit of a command whose request gives none.</summary>
        public long DefaultTimeoutNs { get; set; } = 30000000000L;

        /// <summary>SDTR offered to each target: the period in ns and the REQ/ACK offset. Offset 0
        /// offers nothing and keeps every target asynchronous.</summary>
        public int SyncPeriodNs { get; set; } = 200;

        public int SyncOffset { get; set; } = 0;

        /// <summary>How long a target gets to obey ABORT, then BUS DEVICE RESET, before the adapter
        /// resets the bus.</summary>
        public long AbortGraceNs { get; set; } = 2000000;

        /// <summary>How often a transfer is retried after parity errors before it is given up.</summary>
        public int ParityRetries { get; set; } = 3;

        /// <summary>Grant targets the disconnect privilege (IDENTIFY bit 6) unless a request says no.</summary>
        public bool AllowDisconnect { get; set; } = true;
    }
}
