using System.Threading;

namespace ScsiBridge.Hal.Esp32
{
    /// <summary>The board's clock: the bus loop's own time (so completions' TimeNs and the
    /// firmware's timeouts read one clock); sleeping is a thread sleep, never a spin.</summary>
    public sealed class Esp32Clock : IHalClock
    {
        private readonly IControllerInterop _native;

        internal Esp32Clock(IControllerInterop native)
        {
            _native = native;
        }

        public long NowNs
        {
            get { return _native.NowNs(); }
        }

        public void SleepNs(long ns)
        {
            Thread.Sleep(Esp32Signal.Milliseconds(ns));
        }
    }
}
