namespace ScsiBridge.Hal.Esp32
{
    /// <summary>
    /// How the int arrays that cross into the interop component are laid out: nanoFramework's
    /// interop passes integers and arrays of them, not structures, so a command, a completion
    /// and the counters travel as fixed slots of an int[] allocated once. Keep in step with
    /// hal/native/nf-interop/include/sb_nf/interop_layout.h.
    /// </summary>
    internal static class InteropLayout
    {
        // A controller command.
        public const int CmdOp = 0;
        public const int CmdFlags = 1;
        public const int CmdPeerId = 2;
        public const int CmdIdMask = 3;
        public const int CmdStatusByte = 4;
        public const int CmdByteCount = 5;
        public const int CmdSyncOffset = 6;
        public const int CmdSyncPeriodNs = 7;
        public const int CmdLength = 8;
        public const int CmdDataSource = 9;
        public const int CmdSlotHandle = 10;
        public const int CmdSlotOffset = 11;
        public const int CmdBufferCount = 12;
        public const int CmdTimeoutLow = 13;
        public const int CmdTimeoutHigh = 14;
        public const int CommandFields = 15;

        /// <summary>Where a data phase's bytes are: nowhere, a slot of the native ring, or the
        /// controller's native staging area (a managed array copied in or out around the command).</summary>
        public const int SourceNone = 0;
        public const int SourceSlot = 1;
        public const int SourceStaging = 2;

        // A completion.
        public const int DoneOp = 0;
        public const int DoneResult = 1;
        public const int DonePhase = 2;
        public const int DoneFlags = 3;
        public const int DonePeerId = 4;
        public const int DoneOwnId = 5;
        public const int DoneIdentify = 6;
        public const int DoneMsgLength = 7;
        public const int DoneCdbLength = 8;
        public const int DoneStatusByte = 9;
        public const int DoneArbitrationRetries = 10;
        public const int DoneBytesMoved = 11;
        public const int DoneResidual = 12;
        public const int DoneParityIndex = 13;
        public const int DoneTimeLow = 14;
        public const int DoneTimeHigh = 15;
        public const int CompletionFields = 16;

        // A controller's state.
        public const int StateBusy = 0;
        public const int StateQueuedCommands = 1;
        public const int StateWaitingCompletions = 2;
        public const int StateHeldBack = 3;
        public const int StateResetsSeen = 4;
        public const int StateFields = 5;

        // The ring's counters, in the order of SlotRingStats.
        public const int RingStatsFields = 8;

        // A received frame: version, type, flags, opcode, request ID, payload length, error, header readable.
        public const int FrameInfoFields = 8;

        // The receiver's counters: frames, bad CRC, bad COBS, short, bad version, bad length, too large.
        public const int ReceiverStatsFields = 7;

        // The custom events the component posts (CustomEventArgs.Data1); Data2 says which.
        /// <summary>A controller posted a completion; Data2 is the controller's index.</summary>
        public const ushort EventCompletion = 0x5B01;

        /// <summary>Bytes came in on the link; Data2 is how many are waiting.</summary>
        public const ushort EventLinkData = 0x5B02;

        /// <summary>The most controllers the component runs (the initiator adapter and the target side).</summary>
        public const int MaxControllers = 2;

        /// <summary>The controller's native staging area: the largest data phase from a managed array.</summary>
        public const int StagingBytes = 4096;
    }
}
