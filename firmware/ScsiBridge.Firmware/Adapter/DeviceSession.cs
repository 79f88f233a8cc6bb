namespace ScsiBridge.Firmware.Adapter
{
    /// <summary>The adapter's state for one SCSI ID and LUN between SCIOLSTART and SCIOLSTOP.</summary>
    internal sealed class DeviceSession
    {
        public readonly AdapterEvent Event = new AdapterEvent();
        public bool Started;
        public bool Writable;
        public bool EventsRegistered;
        public IAdapterEventSink? Sink;
        public int Correlator;

        /// <summary>ANSI version from INQUIRY (0: not known yet; treated as SCSI-2).</summary>
        public int ScsiLevel;

        public void Clear()
        {
            Started = Writable = EventsRegistered = false;
            Sink = null;
            Correlator = 0;
        }
    }
}
