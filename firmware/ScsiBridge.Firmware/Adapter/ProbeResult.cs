namespace ScsiBridge.Firmware.Adapter
{
    /// <summary>What a probe found (the SCSIPROBE_* results of scsi_slave).</summary>
    public static class ProbeResult
    {
        /// <summary>The device answered and its inquiry data is valid.</summary>
        public const int Exists = 0;

        /// <summary>The device answers, but not with valid inquiry data (a pre-CCS device).</summary>
        public const int NonCcs = 1;

        /// <summary>Nothing answered selection or TEST UNIT READY at that ID, or no such LUN.</summary>
        public const int NoResponse = 2;

        /// <summary>A command failed on the bus (reset, protocol error, timeout), or bad arguments.</summary>
        public const int Failure = 3;

        /// <summary>No buffer was free (and the caller chose not to wait).</summary>
        public const int NoMemory = 4;

        public static string Name(int result)
        {
            switch (result)
            {
                case Exists: return "EXISTS";
                case NonCcs: return "NONCCS";
                case NoResponse: return "NORESP";
                case Failure: return "FAILURE";
                case NoMemory: return "NOMEM";
                default: return "probe result " + result.ToString();
            }
        }
    }
}
