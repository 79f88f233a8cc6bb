using nanoFramework.TestFramework;
using ScsiBridge.Hal;

namespace ScsiBridge.SelfTests
{
    /// <summary>
    /// Pin loopback with the cable unplugged and the bus terminated: every line the bridge
    /// asserts must read back asserted, and only that line. Finds a broken driver or receiver,
    /// a line stuck by a short to ground, and two lines shorted together.
    /// </summary>
    [TestClass]
    public class PinLoopbackTests
    {
        [TestMethod]
        public void ReleasedLinesReadReleased()
        {
            uint read = Probe().DriveAndRead(0);

            Assert.IsTrue(read == 0, "nothing driven, yet these lines read asserted: " + ScsiLines.Describe(read));
        }

        [TestMethod]
        public void EachLineReadsBackAlone()
        {
            IBusLineProbe probe = Probe();
            for (int i = 0; i < ScsiLines.LineCount; i++)
            {
                uint line = 1u << i;
                uint read = probe.DriveAndRead(line);
                Assert.IsTrue(read == line, "asserting " + ScsiLines.LineName(i) + " read back " + ScsiLines.Describe(read));
            }
        }

        [TestMethod]
        public void EveryLineButOneLeavesThatOneReleased()
        {
            IBusLineProbe probe = Probe();
            for (int i = 0; i < ScsiLines.LineCount; i++)
            {
                uint pattern = ScsiLines.AllLines & ~(1u << i);
                uint read = probe.DriveAndRead(pattern);
                Assert.IsTrue(read == pattern, "asserting all but " + ScsiLines.LineName(i) + " read back " + ScsiLines.Describe(read) + " asserted");
            }
        }

        private static IBusLineProbe Probe()
        {
            IBusLineProbe? probe = SelfTestEnvironment.Lines;
            if (probe == null)
            {
                throw new SkipTestException("this platform has no line probe");
            }

            if (!SelfTestEnvironment.BusUnplugged)
            {
                throw new SkipTestException("drives every bus line: unplug the cable, terminate the bus and run selftest --unplugged");
            }

            return probe;
        }
    }
}
