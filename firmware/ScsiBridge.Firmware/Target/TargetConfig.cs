namespace ScsiBridge.Firmware.Target
{
    /// <summary>How the bridge behaves as a target; fixed while it runs.</summary>
    public sealed class TargetConfig
    {
        /// <summary>The SCSI IDs the bridge answers as (a bit per ID).</summary>
        public int IdMask { get; set; } = 1;

        public int RingBuffers { get; set; } = 32;

        public int RingBufferSize { get; set; } = 4096;

        /// <summary>The fastest synchronous period and largest offset the bridge agrees to; offset
        /// 0 answers every SDTR with asynchronous.</summary>
        public int MinSyncPeriodNs { get; set; } = 200;

        public int MaxSyncOffset { get; set; } = 15;

        /// <summary>How long a disconnected command waits for a buffer or data before it ends.</summary>
        public long WaitLimitNs { get; set; } = 10000000000L;

        /// <summary>Retries of a data transfer after INITIATOR DETECTED ERROR.</summary>
        public int MaxRetries { get; set; } = 3;
    }
}
