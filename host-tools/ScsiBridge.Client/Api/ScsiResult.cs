namespace ScsiBridge.Client.Api
{
    /// <summary>The completion of a raw SCSI command run through the bridge.</summary>
    public sealed class ScsiResult
    {
        public int Errno { get; init; }

        public int Validity { get; init; }

        public int Status { get; init; }

        public int AdapterStatus { get; init; }

        public int Residual { get; init; }

        /// <summary>The data read (DataLength - Residual bytes), empty for no data.</summary>
        public byte[] Data { get; init; } = System.Array.Empty<byte>();

        /// <summary>Sense from an automatic REQUEST SENSE after CHECK CONDITION, when asked for.</summary>
        public SenseData? Sense { get; init; }

        public bool IsGood => Errno == 0 && Status == 0;

        /// <summary>The device answered with a SCSI status (which may be CHECK CONDITION); when
        /// false, the command failed on the bus or in the adapter and Errno says how.</summary>
        public bool HasScsiStatus => (Validity & 1) != 0;
    }
}
