using System.Threading;

namespace ScsiBridge.Hal.Esp32
{
    /// <summary>A signal between firmware threads on the board: an AutoResetEvent.</summary>
    public sealed class Esp32Signal : IHalSignal
    {
        private readonly AutoResetEvent _event = new AutoResetEvent(false);

        public void Set()
        {
            _event.Set();
        }

        public void Wait()
        {
            _event.WaitOne();
        }

        public bool Wait(long timeoutNs)
        {
            if (timeoutNs < 0)
            {
                _event.WaitOne();
                return true;
            }

            return _event.WaitOne(Milliseconds(timeoutNs), false);
        }

        /// <summary>Nanoseconds to whole milliseconds, rounded up (a wait is never shorter than
        /// asked), at most int.MaxValue.</summary>
        internal static int Milliseconds(long ns)
        {
            if (ns <= 0) return 0;
            long ms = ns / 1000000L + (ns % 1000000L != 0 ? 1 : 0);
            return ms > int.MaxValue ? int.MaxValue : (int)ms;
        }
    }
}
