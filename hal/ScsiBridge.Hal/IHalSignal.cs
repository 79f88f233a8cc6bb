namespace ScsiBridge.Hal
{
    /// <summary>
    /// An auto-reset event between firmware threads: Set wakes one waiter (or the next one to
    /// wait). On the board an AutoResetEvent; in simulation a signal the deterministic scheduler
    /// knows about, so waiting never costs wall time and every run is the same run.
    /// </summary>
    public interface IHalSignal
    {
        void Set();

        /// <summary>Blocks until the signal is set, then clears it.</summary>
        void Wait();

        /// <summary>As <see cref="Wait()"/>, but gives up after timeoutNs (HAL clock); false then.
        /// A negative timeout waits for ever.</summary>
        bool Wait(long timeoutNs);
    }
}
