namespace ScsiBridge.SelfTests
{
    /// <summary>The body of one self-test.</summary>
    public delegate void SelfTestBody();

    /// <summary>One self-test: its class, its method, and a call of it on a new instance.</summary>
    public sealed class SelfTest
    {
        public SelfTest(string className, string methodName, SelfTestBody body)
        {
            ClassName = className;
            MethodName = methodName;
            Body = body;
        }

        public string ClassName { get; private set; }

        public string MethodName { get; private set; }

        public SelfTestBody Body { get; private set; }
    }

    /// <summary>
    /// Every [TestMethod] of this project, listed by hand: the firmware uses no reflection
    /// (DESIGN.md), so the runner on the board cannot discover them. The .NET adapter does find
    /// them by reflection and fails when this list misses one or names one that is gone.
    /// </summary>
    public static class SelfTestCatalog
    {
        public static SelfTest[] All()
        {
            return new SelfTest[]
            {
                new SelfTest("RingTests", "EveryBufferIsHandedOutOnceAndComesBack", delegate { new RingTests().EveryBufferIsHandedOutOnceAndComesBack(); }),
                new SelfTest("RingTests", "ADoubleReleaseIsRefusedAndCounted", delegate { new RingTests().ADoubleReleaseIsRefusedAndCounted(); }),
                new SelfTest("RingTests", "TheLiveRingIsIntact", delegate { new RingTests().TheLiveRingIsIntact(); }),
                new SelfTest("CodecTests", "Crc32CGivesTheStandardCheckValue", delegate { new CodecTests().Crc32CGivesTheStandardCheckValue(); }),
                new SelfTest("CodecTests", "AFrameWithZerosDecodesWhole", delegate { new CodecTests().AFrameWithZerosDecodesWhole(); }),
                new SelfTest("CodecTests", "ACorruptedFrameIsRefused", delegate { new CodecTests().ACorruptedFrameIsRefused(); }),
                new SelfTest("LinkEchoTests", "ARequestEchoesBackFieldByField", delegate { new LinkEchoTests().ARequestEchoesBackFieldByField(); }),
                new SelfTest("PinLoopbackTests", "ReleasedLinesReadReleased", delegate { new PinLoopbackTests().ReleasedLinesReadReleased(); }),
                new SelfTest("PinLoopbackTests", "EachLineReadsBackAlone", delegate { new PinLoopbackTests().EachLineReadsBackAlone(); }),
                new SelfTest("PinLoopbackTests", "EveryLineButOneLeavesThatOneReleased", delegate { new PinLoopbackTests().EveryLineButOneLeavesThatOneReleased(); }),
            };
        }
    }
}
