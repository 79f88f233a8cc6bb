using ScsiBridge.Protocol;

namespace ScsiBridge.Client.Api
{
    /// <summary>One probe's result (scsi_slave), with the inquiry data when the device exists.</summary>
    public sealed class ProbeReport
    {
        public int TargetId { get; init; }
        public int Lun { get; init; }

        /// <summary>0 EXISTS, 1 NONCCS, 2 NORESP, 3 FAILURE, 4 NOMEM.</summary>
        public int Result { get; init; }

        public InquiryData? Inquiry { get; init; }

        public string ResultName => Result switch
        {
            0 => "EXISTS",
            1 => "NONCCS",
            2 => "NORESP",
            3 => "FAILURE",
            4 => "NOMEM",
            _ => "result " + Result,
        };

        internal static ProbeReport Read(int id, int lun, PayloadReader r)
        {
            int result = r.U8();
            int length = r.U8();
            byte[] inquiry = new byte[length];
            r.Bytes(inquiry, 0, length);
            return new ProbeReport
            {
                TargetId = id,
                Lun = lun,
                Result = result,
                Inquiry = result == 0 && length >= 5 ? InquiryData.Decode(inquiry) : null,
            };
        }
    }
}
