namespace ScsiBridge.Firmware.Adapter
{
    /// <summary>
    /// Called when buffers may have become free, on the thread that freed one; must not block.
    /// Return 0 when it tried again and still found none (it stays registered and is called on
    /// the next release), 1 when it succeeded or no longer cares.
    /// </summary>
    public interface IProbeCallback
    {
        int OnResourcesAvailable();
    }
}
