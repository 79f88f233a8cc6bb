namespace ScsiBridge.Hal.Buffers
{
    /// <summary>The native ring's counters (sb_ring_stats); a reusable object, filled by GetStats.</summary>
    public sealed class SlotRingStats
    {
        public int SlotCount { get; set; }
        public int SlotSize { get; set; }
        public int InUse { get; set; }
        public int HighWater { get; set; }
        public int Acquires { get; set; }
        public int Releases { get; set; }
        public int AcquireFailures { get; set; }
        public int RefusedReleases { get; set; }
    }
}
