namespace ScsiBridge.Firmware.Target
{
    /// <summary>
    /// A logical unit the bridge presents as target (a disk, a CD-ROM, a processor device...).
    /// The target engine handles selection, messages, unit attention, REQUEST SENSE and the LUNs
    /// that do not exist; the unit serves everything else. Called on the target bus thread.
    /// </summary>
    public interface ILogicalUnit
    {
        /// <summary>Standard INQUIRY data (at least 36 bytes) for this unit.</summary>
        byte[] InquiryData { get; }

        /// <summary>Serves one command: read the CDB, move data through io, and set the status
        /// and sense on the command (GOOD when left alone).</summary>
        void Execute(TargetCommand command, ITargetIo io);

        /// <summary>A bus reset, BUS DEVICE RESET or power-on: reservations end, mode pages return
        /// to their saved values. The engine raises the unit attention itself.</summary>
        void OnReset();
    }
}
