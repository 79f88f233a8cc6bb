namespace ScsiBridge.Hal.Buffers
{
    /// <summary>
    /// Where the ring's memory comes from: pinned arrays on the PC (the native controller keeps
    /// their addresses while a transfer runs), DMA-capable RAM on the board. Called only while
    /// the ring is built, never afterwards.
    /// </summary>
    public interface IBufferAllocator
    {
        byte[] Allocate(int size);
    }
}
