namespace ScsiBridge.Hal.Buffers
{
    /// <summary>Told when a buffer goes back to the ring, so work that waits for one can resume.</summary>
    public interface IRingListener
    {
        void OnBufferReleased(BufferRing ring);
    }
}
