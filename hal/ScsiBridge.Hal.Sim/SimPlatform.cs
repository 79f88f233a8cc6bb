using ScsiBridge.Hal;
using ScsiBridge.Hal.Buffers;
using ScsiBridge.Hal.DataPlane;

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
            DataPlane = new SimDataPlane();
        }

        public IHalClock Clock
        {
            get { return _bus.Clock; }
        }

        public IBufferAllocator BufferAllocator { get; }

        /// <summary>The native ring and frame codec; null here makes the firmware keep its ring
        /// in pinned managed arrays and frame with the C# codec (the comparison benchmarks).</summary>
        public IDataPlane? DataPlane { get; set; }

        public IHalSignal CreateSignal()
        {
            return new SimSignal(_bus);
        }
    }
}
