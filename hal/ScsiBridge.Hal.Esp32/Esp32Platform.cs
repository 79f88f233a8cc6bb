using ScsiBridge.Hal.Buffers;
using ScsiBridge.Hal.DataPlane;

namespace ScsiBridge.Hal.Esp32
{
    /// <summary>The board's platform services: the bus loop's clock, AutoResetEvent signals,
    /// managed arrays for the few buffers that are not ring slots, and the native data plane.</summary>
    public sealed class Esp32Platform : IHalPlatform
    {
        private readonly IHalClock _clock;
        private readonly IBufferAllocator _allocator = new ManagedBufferAllocator();
        private readonly IDataPlane _dataPlane;

        internal Esp32Platform(IHalClock clock, IDataPlane dataPlane)
        {
            _clock = clock;
            _dataPlane = dataPlane;
        }

        public IHalClock Clock
        {
            get { return _clock; }
        }

        public IHalSignal CreateSignal()
        {
            return new Esp32Signal();
        }

        public IBufferAllocator BufferAllocator
        {
            get { return _allocator; }
        }

        public IDataPlane? DataPlane
        {
            get { return _dataPlane; }
        }
    }
}
