namespace ScsiBridge.Firmware.Link
{
    /// <summary>How the link server presents the bridge.</summary>
    public sealed class LinkConfig
    {
        public string BoardName { get; set; } = "ScsiBridge";

        /// <summary>The admin PIN ELEVATE must give; empty: none is configured.</summary>
        public string AdminPin { get; set; } = "";

        /// <summary>After a failed ELEVATE, the next attempt is refused for this long (doubling
        /// with each further failure, up to a minute).</summary>
        public long ElevateBackoffNs { get; set; } = 1000000000L;

        /// <summary>Responses kept for replay to retransmitted requests.</summary>
        public int ReplayDepth { get; set; } = 8;
    }
}
