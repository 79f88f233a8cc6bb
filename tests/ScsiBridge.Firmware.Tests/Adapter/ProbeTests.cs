using System.Collections.Generic;
using ScsiBridge.Firmware.Adapter;
using ScsiBridge.Firmware.Tests.Targets;
using ScsiBridge.Hal;
using ScsiBridge.Hal.Buffers;
using ScsiBridge.Hal.Sim;
using Xunit;

namespace ScsiBridge.Firmware.Tests.Adapter;

/// <summary>scsi_slave: TEST UNIT READY then INQUIRY, every result and every resource mode.</summary>
public class ProbeTests
{
    [Fact]
    public void ExistsWithTheInquiryData()
    {
        using var rig = new AdapterRig();
        rig.AddTarget(2, o => { o.Vendor = "QUANTUM"; o.Product = "FIREBALL"; o.Revision = "1Q09"; });
        var outcome = new ProbeOutcome();
        rig.Run(() => Assert.Equal(ProbeResult.Exists, rig.Adapter.Probe(2, 0, ProbeWait.DoNotWait, null, outcome)));
        Assert.Equal(36, outcome.InquiryLength);
        Assert.Equal("QUANTUM ", System.Text.Encoding.ASCII.GetString(outcome.Inquiry, 8, 8));
        Assert.Equal("FIREBALL", System.Text.Encoding.ASCII.GetString(outcome.Inquiry, 16, 8));
        Assert.Equal(0, rig.Adapter.Ring.InUseCount);
        rig.AssertNoViolations();
    }

    [Fact]
    public void NoResponseWhenNothingAnswersOrTheLunIsMissing()
    {
        using var rig = new AdapterRig();
        rig.AddTarget(2);
        var o = new ProbeOutcome();
        rig.Run(() =>
        {
            Assert.Equal(ProbeResult.NoResponse, rig.Adapter.Probe(4, 0, ProbeWait.DoNotWait, null, o));
            Assert.Equal(ProbeResult.NoResponse, rig.Adapter.Probe(2, 5, ProbeWait.DoNotWait, null, o));  // qualifier 3
        });
        rig.AssertNoViolations();
    }

    [Theory]
    [InlineData(InquiryMode.CheckCondition)]
    [InlineData(InquiryMode.Short)]
    public void NonCcsWhenTheInquiryDataIsNotValid(InquiryMode mode)
    {
        using var rig = new AdapterRig();
        rig.AddTarget(1, o => { o.Inquiry = mode; o.ShortInquiryLength = 4; });
        var outcome = new ProbeOutcome();
        rig.Run(() => Assert.Equal(ProbeResult.NonCcs, rig.Adapter.Probe(1, 0, ProbeWait.DoNotWait, null, outcome)));
        rig.AssertNoViolations();
    }

    [Fact]
    public void FailureWhenTheBusFailsUnderTheProbe()
    {
        using var rig = new AdapterRig();
        rig.AddTarget(1);
        var outcome = new ProbeOutcome();
        // A bus reset in the middle of the INQUIRY data.
        rig.Bus.Inject(SimFault.ResetAtPhase(BusPhase.DataIn, 3));
        rig.Run(() => Assert.Equal(ProbeResult.Failure, rig.Adapter.Probe(1, 0, ProbeWait.DoNotWait, null, outcome)));
        Assert.Equal(Errno.EIO, outcome.Errno);
        Assert.Equal(0, rig.Adapter.Ring.InUseCount);
    }

    [Fact]
    public void ConsumesAPowerOnUnitAttention()
    {
        using var rig = new AdapterRig();
        ScriptedTarget disk = rig.AddTarget(3, o => o.PowerOnUnitAttention = true);
        var outcome = new ProbeOutcome();
        rig.Run(() => Assert.Equal(ProbeResult.Exists, rig.Adapter.Probe(3, 0, ProbeWait.DoNotWait, null, outcome)));
        Assert.True(outcome.HadUnitAttention);
        Assert.Equal(0x29, outcome.UnitAttentionAsc);
        Assert.Equal(1, disk.CountOf(ScsiOpcode.RequestSense));
    }

    [Fact]
    public void BadArgumentsAreAFailureWithEinval()
    {
        using var rig = new AdapterRig();
        var o = new ProbeOutcome();
        rig.Run(() =>
        {
            Assert.Equal(ProbeResult.Failure, rig.Adapter.Probe(7, 0, ProbeWait.DoNotWait, null, o));
            Assert.Equal(Errno.EINVAL, o.Errno);
            Assert.Equal(ProbeResult.Failure, rig.Adapter.Probe(1, 0, ProbeWait.Callback, null, o));
            Assert.Equal(Errno.EINVAL, o.Errno);
        });
    }

    [Fact]
    public void DoNotWaitGivesNoMemoryAtOnce()
    {
        using var rig = new AdapterRig(new AdapterConfig { RingBuffers = 2 });
        ScriptedTarget disk = rig.AddTarget(1);
        var o = new ProbeOutcome();
        rig.Run(() =>
        {
            RingBuffer a = rig.Adapter.Ring.TryAcquire()!, b = rig.Adapter.Ring.TryAcquire()!;
            long t0 = rig.Bus.NowNs;
            Assert.Equal(ProbeResult.NoMemory, rig.Adapter.Probe(1, 0, ProbeWait.DoNotWait, null, o));
            Assert.Equal(t0, rig.Bus.NowNs);
            rig.Adapter.Ring.Release(a);
            rig.Adapter.Ring.Release(b);
        });
        Assert.Equal(0, disk.CommandsServed);
    }

    [Fact]
    public void SleepWaitsUntilABufferComesBack()
    {
        using var rig = new AdapterRig(new AdapterConfig { RingBuffers = 2 });
        rig.AddTarget(1);
        var o = new ProbeOutcome();
        RingBuffer? a = null, b = null;
        long probedAt = 0;
        rig.Bus.Spawn("holder", () =>
        {
            a = rig.Adapter.Ring.TryAcquire();
            b = rig.Adapter.Ring.TryAcquire();
            rig.Bus.Clock.SleepNs(5_000_000);  // hold every buffer for 5 ms of virtual time
            rig.Adapter.Ring.Release(a);
            rig.Adapter.Ring.Release(b);
        });
        rig.Run(() =>
        {
            Assert.Equal(ProbeResult.Exists, rig.Adapter.Probe(1, 0, ProbeWait.Sleep, null, o));
            probedAt = rig.Bus.NowNs;
        });
        Assert.True(probedAt >= 5_000_000, "the probe could only run after the buffers came back");
    }

    [Fact]
    public void CallbackIsCalledOnReleaseUntilItReturnsNonZero()
    {
        using var rig = new AdapterRig(new AdapterConfig { RingBuffers = 2 });
        rig.AddTarget(1);
        var o = new ProbeOutcome();
        var callback = new RetryingCallback(rig.Adapter, o, failuresBeforeSuccess: 1);
        rig.Run(() =>
        {
            RingBuffer a = rig.Adapter.Ring.TryAcquire()!, b = rig.Adapter.Ring.TryAcquire()!;
            Assert.Equal(ProbeResult.NoMemory, rig.Adapter.Probe(1, 0, ProbeWait.Callback, callback, o));
            Assert.Equal(0, callback.Calls);
            rig.Adapter.Ring.Release(a);     // first call: says it still failed (returns 0)
            Assert.Equal(1, callback.Calls);
            rig.Adapter.Ring.Release(b);     // second call: succeeds (returns 1) and is dropped
            Assert.Equal(2, callback.Calls);
            RingBuffer c = rig.Adapter.Ring.TryAcquire()!;
            rig.Adapter.Ring.Release(c);     // no third call
            Assert.Equal(2, callback.Calls);
        });
    }

    [Fact]
    public void ScanSkipsTheAdapterAndListsLuns()
    {
        using var rig = new AdapterRig();
        rig.AddTarget(0, o => o.Luns = 2);
        rig.AddTarget(5);
        var scan = new ScanResult();
        rig.Run(() => rig.Adapter.Scan(true, scan));
        var found = new List<(int, int, int)>();
        for (int i = 0; i < scan.Count; i++) found.Add((scan[i].TargetId, scan[i].Lun, scan[i].Result));
        Assert.Contains((0, 0, ProbeResult.Exists), found);
        Assert.Contains((0, 1, ProbeResult.Exists), found);
        Assert.Contains((5, 0, ProbeResult.Exists), found);
        Assert.Contains((3, 0, ProbeResult.NoResponse), found);
        Assert.DoesNotContain(found, e => e.Item1 == 7);
        Assert.DoesNotContain(found, e => e.Item1 == 0 && e.Item2 == 2);  // only existing LUNs beyond 0
        Assert.Equal(7 + 1, scan.Count);
        rig.AssertNoViolations();
    }

    private sealed class RetryingCallback : IProbeCallback
    {
        private readonly ScsiAdapter _adapter;
        private readonly ProbeOutcome _outcome;
        private int _failures;
        public int Calls;

        public RetryingCallback(ScsiAdapter adapter, ProbeOutcome outcome, int failuresBeforeSuccess)
        {
            _adapter = adapter;
            _outcome = outcome;
            _failures = failuresBeforeSuccess;
        }

        public int OnResourcesAvailable()
        {
            Calls++;
            if (_failures-- > 0) return 0;
            return 1;
        }
    }
}
