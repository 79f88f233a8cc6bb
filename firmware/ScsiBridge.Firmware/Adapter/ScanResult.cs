namespace ScsiBridge.Firmware.Adapter
{
    /// <summary>A bus scan: one probe outcome per ID (and per LUN when LUNs were asked for).</summary>
    public sealed class ScanResult
    {
        private readonly ProbeOutcome[] _entries = new ProbeOutcome[64];

        public ScanResult()
        {
            for (int i = 0; i < _entries.Length; i++) _entries[i] = new ProbeOutcome();
        }

        /// <summary>How many entries the last scan filled.</summary>
        public int Count { get; internal set; }

        public ProbeOutcome this[int index]
        {
            get { return _entries[index]; }
        }

        internal ProbeOutcome Next()
        {
            return _entries[Count++];
        }
    }
}
