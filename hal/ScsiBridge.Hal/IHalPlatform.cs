using ScsiBridge.Hal.Buffers;

namespace ScsiBridge.Hal
{
    /// <summary>
    /// The services of the platform the firmware runs on, besides the controller: the clock,
    /// signals between its threads, and the memory the buffer ring is made of.
    /// </summary>
    public interface IHalPlatform
    {
        IHalClock Clock { get; }

        IHalSignal CreateSignal();

        IBufferAllocator BufferAllocator { get; }
    }
}
