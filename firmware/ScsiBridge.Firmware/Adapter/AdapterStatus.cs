namespace ScsiBridge.Firmware.Adapter
{
    /// <summary>
    /// What went wrong on the bus or in the adapter, apart from the device's own status byte
    /// (the general_card_status of the AIX completion).
    /// </summary>
    public static class AdapterStatus
    {
        public const int None = 0;
        public const int NoDeviceResponse = 1;   // selection timeout
        public const int CommandTimeout = 2;
        public const int BusFault = 3;           // unexpected disconnect, phase error, protocol breach
        public const int ParityError = 4;        // persisted after the retries
        public const int BusReset = 5;
        public const int DeviceReset = 6;        // ended by a BUS DEVICE RESET
        public const int Aborted = 7;            // ended by SCIOLHALT or ABORT
        public const int DataOverrun = 8;        // the device offered more data than asked for

        public static string Describe(int status)
        {
            switch (status)
            {
                case None: return "no adapter error";
                case NoDeviceResponse: return "no device answered selection at that SCSI ID";
                case CommandTimeout: return "the command did not finish within its timeout";
                case BusFault: return "the device broke the bus protocol (unexpected disconnect or phase)";
                case ParityError: return "parity errors persisted after the retries; check cabling and termination";
                case BusReset: return "a SCSI bus reset ended the command";
                case DeviceReset: return "a BUS DEVICE RESET ended the command";
                case Aborted: return "the command was aborted";
                case DataOverrun: return "the device offered more data than the command asked for";
                default: return "adapter status " + status.ToString();
            }
        }
    }
}
