namespace ScsiBridge.Device
{
    /// <summary>
    /// What the status LED shows, tick by tick (a tick is BridgeApplication.IdleTickNs): a short
    /// flash every two seconds while the bridge waits for the PC, a steady blink while frames
    /// come and go, and on when the application could not start.
    /// </summary>
    public static class StatusLed
    {
        public const int Waiting = 0;
        public const int Active = 1;
        public const int Failed = 2;

        public static bool IsOn(int state, long tick)
        {
            switch (state)
            {
                case Active: return (tick & 1) == 0;
                case Failed: return true;
                default: return (tick & 7) == 0;
            }
        }
    }
}
