using ScsiBridge.Hal;
using ScsiBridge.Hal.Buffers;

namespace ScsiBridge.Hal.Sim
{
    /// <summary>The platform services of firmware running on a simulated bus.</summary>
    public sealed class SimPlatform : IHalPlatform
    {
        private readonly SimBus _bus;

        public SimPlatform(SimBus bus)
        {
            _bus = bus;
            BufferAllocator = new PinnedBufferAllocator();
        }

        public IHalClock Clock
        {
            get { return _bus.Clock; }
        }

        public IBufferAllocator BufferAllocator { get; }

        public IHalSignal CreateSignal()
        {
            return new SimSignal(_bus);
        }
    }
}
