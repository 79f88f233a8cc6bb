namespace ScsiBridge.Firmware.Adapter
{
    /// <summary>Asynchronous events a device session can register for (SCIOLEVENT).</summary>
    public static class AdapterEventKind
    {
        public const int UnitAttention = 1;
        public const int BusReset = 2;
        public const int DeviceReset = 3;
        public const int DeviceGone = 4;
        public const int CommandTimeout = 5;

        public static string Name(int kind)
        {
            switch (kind)
            {
                case UnitAttention: return "unit attention";
                case BusReset: return "bus reset";
                case DeviceReset: return "device reset";
                case DeviceGone: return "device no longer answering";
                case CommandTimeout: return "command timeout";
                default: return "event " + kind.ToString();
            }
        }
    }
}
