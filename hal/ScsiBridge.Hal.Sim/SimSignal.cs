using ScsiBridge.Hal;

namespace ScsiBridge.Hal.Sim
{
    /// <summary>
    /// An auto-reset signal that the bus's scheduler understands: an instance waiting on it gives
    /// up the baton, and becomes ready again once the signal is set (or its timeout passes in
    /// virtual time).
    /// </summary>
    public sealed class SimSignal : IHalSignal
    {
        private readonly SimBus _bus;
        private readonly object _lock = new object();
        private bool _set;

        internal SimSignal(SimBus bus)
        {
            _bus = bus;
        }

        public void Set()
        {
            lock (_lock)
            {
                _set = true;
            }
        }

        public void Wait()
        {
            _bus.WaitSignal(this, long.MaxValue);
        }

        public bool Wait(long timeoutNs)
        {
            return _bus.WaitSignal(this, timeoutNs < 0 ? long.MaxValue : _bus.NowNs + timeoutNs);
        }

        /// <summary>Clears and reports the signal in one step.</summary>
        internal bool TryConsume()
        {
            lock (_lock)
            {
                if (!_set)
                {
                    return false;
                }

                _set = false;
                return true;
            }
        }
    }
}
