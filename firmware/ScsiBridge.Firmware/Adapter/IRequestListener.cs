namespace ScsiBridge.Firmware.Adapter
{
    /// <summary>Told on the adapter's bus thread when a request completes; must not block.</summary>
    public interface IRequestListener
    {
        void OnComplete(IoRequest request);
    }
}
