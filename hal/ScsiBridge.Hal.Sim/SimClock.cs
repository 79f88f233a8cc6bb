using ScsiBridge.Hal;

namespace ScsiBridge.Hal.Sim
{
    /// <summary>The HAL clock over the bus's virtual time: sleeping lets the bus run and costs
    /// no wall time.</summary>
    public sealed class SimClock : IHalClock
    {
        private readonly SimBus _bus;

        public SimClock(SimBus bus)
        {
            _bus = bus;
        }

        public long NowNs
        {
            get { return _bus.NowNs; }
        }

        public void SleepNs(long ns)
        {
            _bus.SleepNs(ns);
        }
    }
}
