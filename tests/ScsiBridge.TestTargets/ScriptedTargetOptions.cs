namespace ScsiBridge.Firmware.Tests.Targets
{
    /// <summary>How the scripted target answers SYNCHRONOUS DATA TRANSFER REQUEST.</summary>
    public enum SdtrMode
    {
        /// <summary>Echo the request clamped to MinPeriodFactor and MaxOffset, then go synchronous.</summary>
        Accept,

        /// <summary>Answer with the slower of CounterPeriodFactor and the request, and the smaller
        /// of CounterOffset and the request.</summary>
        Counter,

        /// <summary>MESSAGE REJECT: the target stays asynchronous.</summary>
        Reject,
    }

    /// <summary>What the scripted target answers to INQUIRY on an existing LUN.</summary>
    public enum InquiryMode
    {
        /// <summary>The 36 standard bytes (SCSI-2, response data format 2).</summary>
        Standard,

        /// <summary>Only ShortInquiryLength bytes, as a SCSI-1 (non-CCS) device returns.</summary>
        Short,

        /// <summary>CHECK CONDITION, ILLEGAL REQUEST / INVALID COMMAND OPERATION CODE: a device
        /// that does not know INQUIRY.</summary>
        CheckCondition,
    }

    /// <summary>
    /// Configuration of a <see cref="ScriptedTarget"/>. The defaults make a well-behaved SCSI-2
    /// disk. Behaviour switches are read when they apply, so a test may change them between
    /// commands; the geometry (Luns, BlockSize, Blocks, ImageSeed) is read once at construction.
    /// </summary>
    public sealed class ScriptedTargetOptions
    {
        /// <summary>The SCSI ID the target answers; -1 (default) is its controller's own ID.</summary>
        public int Id { get; set; } = -1;

        /// <summary>LUNs 0..Luns-1 exist; each has its own image.</summary>
        public int Luns { get; set; } = 1;

        public int BlockSize { get; set; } = 512;

        public int Blocks { get; set; } = 2048;

        /// <summary>Seed of the pseudo-random initial image content (LUN n uses ImageSeed + n).</summary>
        public int ImageSeed { get; set; } = 0x5C5121;

        // ---- INQUIRY ----

        public InquiryMode Inquiry { get; set; } = InquiryMode.Standard;

        /// <summary>Bytes returned in InquiryMode.Short (the additional length byte agrees).</summary>
        public int ShortInquiryLength { get; set; } = 5;

        /// <summary>When set, INQUIRY returns exactly these bytes (clipped to the allocation
        /// length) on existing LUNs: for malformed data.</summary>
        public byte[]? InquiryData { get; set; }

        /// <summary>Peripheral device type (0 = direct access).</summary>
        public int DeviceType { get; set; }

        public bool Removable { get; set; }

        /// <summary>ANSI-approved version field (2 = SCSI-2).</summary>
        public int AnsiVersion { get; set; } = 2;

        public string Vendor { get; set; } = "SCRIPTED";

        public string Product { get; set; } = "SCRIPTED DISK";

        public string Revision { get; set; } = "1.0";

        // ---- synchronous negotiation ----

        public SdtrMode Sdtr { get; set; } = SdtrMode.Accept;

        /// <summary>The fastest period the target accepts, as an SDTR factor (x 4 ns): 50 = 200 ns.</summary>
        public int MinPeriodFactor { get; set; } = 50;

        /// <summary>The largest REQ/ACK offset the target accepts.</summary>
        public int MaxOffset { get; set; } = 15;

        /// <summary>SdtrMode.Counter: the period factor the target counters with (100 = 400 ns).</summary>
        public int CounterPeriodFactor { get; set; } = 100;

        /// <summary>SdtrMode.Counter: the offset the target counters with.</summary>
        public int CounterOffset { get; set; } = 8;

        // ---- unit attention ----

        /// <summary>Start with a power-on UNIT ATTENTION pending for every initiator.</summary>
        public bool PowerOnUnitAttention { get; set; }

        // ---- disconnection ----

        /// <summary>READ: disconnect after the CDB (when IDENTIFY granted it), reselect after SeekDelayNs.</summary>
        public bool DisconnectOnRead { get; set; }

        /// <summary>WRITE: disconnect after the CDB, before the data, likewise.</summary>
        public bool DisconnectOnWrite { get; set; }

        /// <summary>Send SAVE DATA POINTER before the DISCONNECT that precedes the data.</summary>
        public bool SaveDataPointerBeforeDisconnect { get; set; }

        /// <summary>READ/WRITE: move half the bytes (rounded down), SAVE DATA POINTER, DISCONNECT,
        /// reselect after SeekDelayNs, IDENTIFY, then the rest.</summary>
        public bool DisconnectMidData { get; set; }

        /// <summary>Disconnect as configured and never come back (the command is abandoned).</summary>
        public bool NeverReselect { get; set; }

        /// <summary>Virtual time between DISCONNECT and the reselection.</summary>
        public long SeekDelayNs { get; set; } = 2_000_000;

        // ---- status and messages ----

        /// <summary>Answer BUSY to this many commands first (see ScriptedTarget.BusyRemaining).</summary>
        public int BusyCount { get; set; }

        /// <summary>Take ABORT as if it were NO OPERATION: carry on (and hang if the initiator stops handshaking).</summary>
        public bool IgnoreAbort { get; set; }

        /// <summary>Take BUS DEVICE RESET as if it were NO OPERATION.</summary>
        public bool IgnoreDeviceReset { get; set; }

        /// <summary>Retries of one command after INITIATOR DETECTED ERROR, and of a MESSAGE OUT
        /// phase with a parity error, before the target gives up.</summary>
        public int MaxRetries { get; set; } = 3;

        /// <summary>Run() returns after this many CDBs (0 = until Stop()).</summary>
        public int StopAfterCommands { get; set; }
    }
}
