using ScsiBridge.Hal;
using ScsiBridge.Hal.Buffers;

namespace ScsiBridge.SelfTests
{
    /// <summary>
    /// What the self-tests run against. TestFramework creates test classes with their
    /// parameterless constructor, so the runner sets this before each test: the board's HAL on
    /// the device, the simulator's elsewhere.
    /// </summary>
    public static class SelfTestEnvironment
    {
        /// <summary>Direct access to the bus lines, or null where the platform has none.</summary>
        public static IBusLineProbe? Lines { get; set; }

        /// <summary>The running adapter's buffer ring, checked without being disturbed; may be null.</summary>
        public static BufferRing? LiveRing { get; set; }

        /// <summary>The person has unplugged the cable and terminated the bus: tests may drive lines.</summary>
        public static bool BusUnplugged { get; set; }
    }
}
