namespace ScsiBridge.Hal
{
    /// <summary>Flags of a completion (sb_completion_flags in command.h).</summary>
    public static class CompletionFlags
    {
        public const int None = 0;
        /// <summary>Selected with ATN.</summary>
        public const int Atn = 1 << 0;
        /// <summary>MESSAGE_IN left ACK asserted; ACCEPT_MESSAGE releases it.</summary>
        public const int AckHeld = 1 << 1;
        /// <summary>Completion.Identify holds an IDENTIFY message.</summary>
        public const int Identify = 1 << 2;
        /// <summary>Completion.PeerId is valid (SCSI-1 hosts may not give their ID).</summary>
        public const int InitiatorKnown = 1 << 3;
        /// <summary>The data moved synchronously.</summary>
        public const int Sync = 1 << 4;
        /// <summary>The selection came after arbitration.</summary>
        public const int Arbitrated = 1 << 5;

        /// <summary>Target: ATN is asserted as the command ends; the initiator wants MESSAGE OUT.</summary>
        public const int AtnPending = 1 << 6;
    }
}
