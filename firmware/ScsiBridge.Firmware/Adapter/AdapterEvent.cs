namespace ScsiBridge.Firmware.Adapter
{
    /// <summary>
    /// One asynchronous event of a device session. The adapter reuses the object for the
    /// session's next event: a sink that keeps one must copy it.
    /// </summary>
    public sealed class AdapterEvent
    {
        public int Kind { get; internal set; }

        public int TargetId { get; internal set; }

        public int Lun { get; internal set; }

        /// <summary>The value given at registration, returned with every event.</summary>
        public int Correlator { get; internal set; }

        /// <summary>UnitAttention: the sense key, additional sense code and qualifier.</summary>
        public int SenseKey { get; internal set; }

        public int Asc { get; internal set; }

        public int Ascq { get; internal set; }

        public long TimeNs { get; internal set; }
    }
}
