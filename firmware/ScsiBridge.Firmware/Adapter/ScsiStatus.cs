namespace ScsiBridge.Firmware.Adapter
{
    /// <summary>SCSI status bytes (SCSI-2 section 7.3).</summary>
    public static class ScsiStatus
    {
        public const int Good = 0x00;
        public const int CheckCondition = 0x02;
        public const int ConditionMet = 0x04;
        public const int Busy = 0x08;
        public const int Intermediate = 0x10;
        public const int IntermediateConditionMet = 0x14;
        public const int ReservationConflict = 0x18;
        public const int CommandTerminated = 0x22;
        public const int QueueFull = 0x28;

        public static string Name(int status)
        {
            switch (status)
            {
                case Good: return "GOOD";
                case CheckCondition: return "CHECK CONDITION";
                case ConditionMet: return "CONDITION MET";
                case Busy: return "BUSY";
                case Intermediate: return "INTERMEDIATE";
                case IntermediateConditionMet: return "INTERMEDIATE-CONDITION MET";
                case ReservationConflict: return "RESERVATION CONFLICT";
                case CommandTerminated: return "COMMAND TERMINATED";
                case QueueFull: return "QUEUE FULL";
                default: return "status 0x" + status.ToString("X2");
            }
        }
    }
}
