namespace ScsiBridge.Hal
{
    /// <summary>How a controller joins the bus (sb_options in command.h).</summary>
    public sealed class ControllerOptions
    {
        /// <summary>The board's synchronous limits, as in SCSI-2 (timing.h).</summary>
        public const int DefaultMaxSyncOffset = 15;
        public const int DefaultMinSyncPeriodNs = 100;

        public ControllerOptions()
        {
            ParityCheck = true;
            MaxSyncOffset = DefaultMaxSyncOffset;
            MinSyncPeriodNs = DefaultMinSyncPeriodNs;
        }

        public ControllerOptions(int scsiId)
            : this()
        {
            ScsiId = scsiId;
        }

        /// <summary>The ID used to arbitrate and to reselect (0-7).</summary>
        public int ScsiId { get; set; }

        /// <summary>Check parity on every byte received. On by default: a bridge that copies a
        /// vintage drive must notice a bad byte rather than archive it.</summary>
        public bool ParityCheck { get; set; }

        /// <summary>The board's largest REQ/ACK offset, at most 15.</summary>
        public int MaxSyncOffset { get; set; }

        /// <summary>The board's shortest synchronous transfer period, in nanoseconds.</summary>
        public int MinSyncPeriodNs { get; set; }
    }
}
