namespace ScsiBridge.Hal
{
    /// <summary>
    /// The firmware's only clock: real time on the board, virtual bus time in simulation, so
    /// firmware never reads the wall clock and a simulated run takes the same steps as a real one.
    /// </summary>
    public interface IHalClock
    {
        /// <summary>Nanoseconds since the clock started.</summary>
        long NowNs { get; }

        /// <summary>Blocks the calling firmware thread for at least ns nanoseconds.</summary>
        void SleepNs(long ns);
    }
}
