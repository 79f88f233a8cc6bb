namespace ScsiBridge.Firmware.Diagnostics
{
    /// <summary>
    /// The board's self-tests as the link's SELFTEST operation runs them, one at a time by
    /// index. The device application (and the simulator host) give the link server one; the
    /// tests themselves live in ScsiBridge.SelfTests, above the firmware.
    /// </summary>
    public interface ISelfTestRunner
    {
        int Count { get; }

        /// <summary>Runs test <paramref name="index"/> and writes its outcome into <paramref name="result"/>.
        /// <paramref name="busUnplugged"/>: the person has unplugged the cable and the bus is
        /// terminated, so tests that drive bus lines may run; otherwise they are skipped.</summary>
        void Run(int index, bool busUnplugged, SelfTestResult result);
    }
}
