namespace ScsiBridge.Firmware.Adapter
{
    /// <summary>Receives a session's events on the adapter's bus thread; must not block.</summary>
    public interface IAdapterEventSink
    {
        void OnEvent(AdapterEvent e);
    }
}
