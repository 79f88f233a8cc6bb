using System.Linq;
using ScsiBridge.Firmware.Diagnostics;
using ScsiBridge.Hal;
using ScsiBridge.Hal.Buffers;
using ScsiBridge.Hal.Sim;
using ScsiBridge.SelfTests;
using Xunit;

namespace ScsiBridge.SelfTests.Tests;

/// <summary>The runner SELFTEST uses, and the faults the pin loopback exists to find.</summary>
public class RunnerTests
{
    [Fact]
    public void EveryTestPassesOnAHealthyBoardWithTheCableUnplugged()
    {
        var runner = new BoardSelfTestRunner(new SimLineProbe(null), new BufferRing(8, 512, new ManagedBufferAllocator()));
        var result = new SelfTestResult();

        for (int i = 0; i < runner.Count; i++)
        {
            runner.Run(i, busUnplugged: true, result);
            Assert.True(result.Outcome == SelfTestResult.Passed, result.Name + ": " + SelfTestResult.OutcomeName(result.Outcome) + " " + result.Message);
        }
    }

    [Fact]
    public void WithTheCableInThePinTestsSkipAndSayWhy()
    {
        var probe = new SimLineProbe(null);
        var runner = new BoardSelfTestRunner(probe, null);
        var result = new SelfTestResult();

        int skipped = 0;
        for (int i = 0; i < runner.Count; i++)
        {
            runner.Run(i, busUnplugged: false, result);
            if (result.Name.StartsWith("PinLoopbackTests.", System.StringComparison.Ordinal))
            {
                Assert.Equal(SelfTestResult.Skipped, result.Outcome);
                Assert.Contains("unplug the cable", result.Message, System.StringComparison.Ordinal);
                skipped++;
            }
        }

        Assert.Equal(3, skipped);
        Assert.Equal(0, probe.Patterns);
    }

    [Fact]
    public void ALineStuckAssertedFailsAndIsNamed()
    {
        var probe = new SimLineProbe(null);
        probe.StickAsserted(ScsiLines.Atn);

        SelfTestResult result = RunOne(probe, "PinLoopbackTests.ReleasedLinesReadReleased");

        Assert.Equal(SelfTestResult.Failed, result.Outcome);
        Assert.Contains("these lines read asserted: ATN", result.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void ALineThatNeverAssertsFailsAndIsNamed()
    {
        var probe = new SimLineProbe(null);
        probe.StickReleased(ScsiLines.Req);

        SelfTestResult result = RunOne(probe, "PinLoopbackTests.EachLineReadsBackAlone");

        Assert.Equal(SelfTestResult.Failed, result.Outcome);
        Assert.Contains("asserting REQ read back (none)", result.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void TwoShortedLinesFailAndAreNamed()
    {
        var probe = new SimLineProbe(null);
        probe.Bridge(ScsiLines.IdLine(3), ScsiLines.IdLine(4));

        SelfTestResult alone = RunOne(probe, "PinLoopbackTests.EachLineReadsBackAlone");
        SelfTestResult allButOne = RunOne(probe, "PinLoopbackTests.EveryLineButOneLeavesThatOneReleased");

        Assert.Equal(SelfTestResult.Failed, alone.Outcome);
        Assert.Contains("asserting DB3 read back DB3 DB4", alone.Message, System.StringComparison.Ordinal);
        Assert.Equal(SelfTestResult.Failed, allButOne.Outcome);
        Assert.Contains("asserting all but DB3", allButOne.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void AnotherDeviceOnTheBusFailsTheLoopback()
    {
        // A cable still plugged into a live bus: the simulated bus's other device holds BSY.
        using var bus = new SimBus();
        var probe = new FixedLines(ScsiLines.Bsy);

        SelfTestResult result = RunOne(probe, "PinLoopbackTests.ReleasedLinesReadReleased");

        Assert.Equal(SelfTestResult.Failed, result.Outcome);
        Assert.Contains("BSY", result.Message, System.StringComparison.Ordinal);
        Assert.Equal(0u, new SimLineProbe(bus).DriveAndRead(0));
    }

    [Fact]
    public void TheLiveRingWithRefusedReleasesFails()
    {
        var ring = new BufferRing(2, 64, new ManagedBufferAllocator());
        ring.Release(null);
        var runner = new BoardSelfTestRunner(null, ring);
        var result = new SelfTestResult();

        int index = Enumerable.Range(0, runner.Count).Single(i => { runner.Run(i, false, result); return result.Name == "RingTests.TheLiveRingIsIntact"; });
        runner.Run(index, false, result);

        Assert.Equal(SelfTestResult.Failed, result.Outcome);
        Assert.Contains("releases the live ring refused", result.Message, System.StringComparison.Ordinal);
    }

    private static SelfTestResult RunOne(IBusLineProbe probe, string name)
    {
        var runner = new BoardSelfTestRunner(probe, null);
        var result = new SelfTestResult();
        for (int i = 0; i < runner.Count; i++)
        {
            runner.Run(i, busUnplugged: true, result);
            if (result.Name == name)
            {
                return result;
            }
        }

        throw new Xunit.Sdk.XunitException("no self-test " + name);
    }

    /// <summary>A bus where another device holds some lines asserted.</summary>
    private sealed class FixedLines : IBusLineProbe
    {
        private readonly uint _held;

        public FixedLines(uint held)
        {
            _held = held;
        }

        public uint DriveAndRead(uint assert) => assert | _held;
    }
}
