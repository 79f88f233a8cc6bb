using ScsiBridge.Hal.Buffers;
using ScsiBridge.Hal.DataPlane;

namespace ScsiBridge.Hal
{
    /// <summary>
    /// The services of the platform the firmware runs on, besides the controller: the clock,
    /// signals between its threads, the memory the buffer ring is made of, and the native data plane.
    /// </summary>
    public interface IHalPlatform
    {
        IHalClock Clock { get; }

        IHalSignal CreateSignal();

        IBufferAllocator BufferAllocator { get; }

        /// <summary>The native ring and frame codec, or null on a platform without them (the
        /// firmware then keeps its ring in managed arrays and frames with the C# codec).</summary>
        IDataPlane? DataPlane { get; }
    }
}
