namespace ScsiBridge.Firmware.Adapter
{
    /// <summary>What a probe does when no buffer is free (scsi_slave's callback argument).</summary>
    public static class ProbeWait
    {
        /// <summary>NULL_FUNC: return NoMemory at once.</summary>
        public const int DoNotWait = 0;

        /// <summary>SLEEP_FUNC: wait until a buffer is free.</summary>
        public const int Sleep = 1;

        /// <summary>Return NoMemory now, and call the given callback whenever buffers come back,
        /// for as long as it returns 0.</summary>
        public const int Callback = 2;
    }
}
