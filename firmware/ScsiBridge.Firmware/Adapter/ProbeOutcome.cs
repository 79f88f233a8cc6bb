namespace ScsiBridge.Firmware.Adapter
{
    /// <summary>The findings of one probe, reused between probes.</summary>
    public sealed class ProbeOutcome
    {
        public const int InquiryBytes = 36;

        public int Result { get; internal set; }

        /// <summary>Errno of the failing step when Result is Failure (EINVAL for bad arguments).</summary>
        public int Errno { get; internal set; }

        public int TargetId { get; internal set; }

        public int Lun { get; internal set; }

        /// <summary>Standard inquiry data; InquiryLength bytes are valid when Result is Exists.</summary>
        public byte[] Inquiry { get; private set; } = new byte[InquiryBytes];

        public int InquiryLength { get; internal set; }

        /// <summary>A unit attention the probe consumed (sense key 0 when none).</summary>
        public int UnitAttentionAsc { get; internal set; }

        public int UnitAttentionAscq { get; internal set; }

        public bool HadUnitAttention { get; internal set; }

        internal void Clear(int id, int lun)
        {
            Result = ProbeResult.Failure;
            Errno = 0;
            TargetId = id;
            Lun = lun;
            InquiryLength = 0;
            HadUnitAttention = false;
            UnitAttentionAsc = UnitAttentionAscq = 0;
            for (int i = 0; i < InquiryBytes; i++) Inquiry[i] = 0;
        }
    }
}
