using System.Collections.Generic;
using ScsiBridge.Firmware.Adapter;
using ScsiBridge.Firmware.Tests.Targets;
using ScsiBridge.Hal;
using ScsiBridge.Hal.Sim;
using Xunit;
using AdapterStatusCode = ScsiBridge.Firmware.Adapter.AdapterStatus;

namespace ScsiBridge.Firmware.Tests.Adapter;

/// <summary>SCIOLHALT, SCIOLRESET and SCIOLEVENT.</summary>
public class HaltResetEventTests
{
    [Fact]
    public void HaltAbortsTheRunningCommandAndFailsThePendingOnes()
    {
        using var rig = new AdapterRig();
        ScriptedTarget disk = rig.AddTarget(0, o => { o.DisconnectOnRead = true; o.NeverReselect = true; });
        rig.Run(() =>
        {
            Assert.Equal(Errno.Ok, rig.Adapter.StartDevice(0, 0, false, false));
            IoRequest running = rig.Read(0, 0, Cdb.Read10(0, 1), new byte[512]);
            IoRequest pending = rig.Read(0, 0, Cdb.Read10(1, 1), new byte[512]);
            Assert.Equal(Errno.Ok, rig.Adapter.Submit(running, true));
            Assert.Equal(Errno.Ok, rig.Adapter.Submit(pending, true));
            rig.Bus.Clock.SleepNs(1_000_000);  // the first has disconnected and will never come back
            Assert.False(running.IsDone);
            Assert.Equal(Errno.Ok, rig.Adapter.Halt(0, 0));
            Assert.True(running.IsDone);
            Assert.True(pending.IsDone);
            Assert.Equal(Errno.ECANCELED, running.Errno);
            Assert.Equal(AdapterStatusCode.Aborted, running.AdapterStatus);
            Assert.Equal(Errno.ECANCELED, pending.Errno);
            // The device is usable again.
            Assert.Equal(Errno.Ok, rig.Adapter.Execute(rig.NoData(0, 0, Cdb.TestUnitReady()), true));
        });
        Assert.Equal(1, disk.AbortsReceived);
        Assert.Equal(1, disk.CountOf(ScsiOpcode.Read10));  // the pending one never reached the device
        rig.AssertNoViolations();
    }

    [Fact]
    public void HaltOfAConnectedCommandEscalatesToDeviceResetThenBusReset()
    {
        using var rig = new AdapterRig(new AdapterConfig { AbortGraceNs = 1_000_000 });
        ScriptedTarget disk = rig.AddTarget(0, o => { o.IgnoreAbort = true; o.IgnoreDeviceReset = true; o.SeekDelayNs = 50_000_000; o.DisconnectOnRead = false; });
        var events = new AdapterErrnoTests.EventLog();
        IoRequest? running = null;
        rig.Bus.Spawn("halter", () =>
        {
            rig.Bus.Clock.SleepNs(500_000);
            Assert.Equal(Errno.Ok, rig.Adapter.Halt(0, 0));
        });
        rig.Run(() =>
        {
            Assert.Equal(Errno.Ok, rig.Adapter.StartDevice(0, 0, false, false));
            Assert.Equal(Errno.Ok, rig.Adapter.RegisterEvents(0, 0, 42, events));
            // A long read that the target serves slowly, byte by byte, while the halt comes.
            running = rig.Read(0, 0, Cdb.Read10(0, 2000), new byte[2000 * 512]);
            rig.Adapter.Execute(running, true);
        });
        Assert.Equal(Errno.ECANCELED, running!.Errno);
        Assert.True(disk.AbortsReceived >= 1);
        Assert.True(disk.DeviceResetsReceived >= 1);
        Assert.True(disk.BusResetsSeen >= 1, "neither ABORT nor BUS DEVICE RESET was obeyed: the bus was reset");
        Assert.Contains(events.Events, e => e.Kind == AdapterEventKind.BusReset && e.Correlator == 42);
    }

    [Fact]
    public void ResetSendsBusDeviceResetAndConsumesTheUnitAttention()
    {
        using var rig = new AdapterRig();
        ScriptedTarget disk = rig.AddTarget(0);
        var events = new AdapterErrnoTests.EventLog();
        var outcome = new ResetOutcome();
        rig.Run(() =>
        {
            Assert.Equal(Errno.Ok, rig.Adapter.StartDevice(0, 0, false, false));
            Assert.Equal(Errno.Ok, rig.Adapter.RegisterEvents(0, 0, 9, events));
            Assert.Equal(Errno.Ok, rig.Adapter.Reset(0, 0, outcome));
            // The unit attention is gone: the next command is clean.
            IoRequest tur = rig.NoData(0, 0, Cdb.TestUnitReady());
            Assert.Equal(Errno.Ok, rig.Adapter.Execute(tur, true));
        });
        Assert.Equal(1, disk.DeviceResetsReceived);
        Assert.True(outcome.HadUnitAttention);
        Assert.Equal(0x29, outcome.Asc);
        Assert.Contains(events.Events, e => e.Kind == AdapterEventKind.DeviceReset && e.Correlator == 9);
        Assert.Contains(events.Events, e => e.Kind == AdapterEventKind.UnitAttention && e.Asc == 0x29 && e.Correlator == 9);
        rig.AssertNoViolations();
    }

    [Fact]
    public void ResetClearsAnotherInitiatorsReservation()
    {
        using var rig = new AdapterRig();
        ScriptedTarget disk = rig.AddTarget(0);
        SimController other = rig.Bus.Attach(new ControllerOptions(6));
        rig.Run(() =>
        {
            new RawInitiator(other).Command(0, Cdb.Reserve6(), null, null, 0);
            Assert.Equal(Errno.Ok, rig.Adapter.StartDevice(0, 0, false, false));
            Assert.Equal(Errno.EIO, rig.Adapter.Execute(rig.NoData(0, 0, Cdb.TestUnitReady()), true));
            Assert.Equal(Errno.Ok, rig.Adapter.Reset(0, 0, null));
            Assert.Equal(Errno.Ok, rig.Adapter.Execute(rig.NoData(0, 0, Cdb.TestUnitReady()), true));
        });
        Assert.Equal(-1, disk.ReservedBy(0));
    }

    [Fact]
    public void EventsCarryTheCorrelatorAndStopWithTheSession()
    {
        using var rig = new AdapterRig();
        rig.AddTarget(0);
        var first = new AdapterErrnoTests.EventLog();
        var second = new AdapterErrnoTests.EventLog();
        rig.Run(() =>
        {
            Assert.Equal(Errno.Ok, rig.Adapter.StartDevice(0, 0, false, false));
            Assert.Equal(Errno.Ok, rig.Adapter.RegisterEvents(0, 0, 1234, first));
            rig.Bus.Inject(SimFault.ResetAt(rig.Bus.NowNs + 100_000));
            rig.Bus.Clock.SleepNs(1_000_000);
            Assert.Equal(Errno.Ok, rig.Adapter.StopDevice(0, 0));
            rig.Bus.Inject(SimFault.ResetAt(rig.Bus.NowNs + 100_000));
            rig.Bus.Clock.SleepNs(1_000_000);
            Assert.Equal(Errno.Ok, rig.Adapter.StartDevice(0, 0, false, false));
            Assert.Equal(Errno.Ok, rig.Adapter.RegisterEvents(0, 0, 99, second));
            rig.Bus.Inject(SimFault.ResetAt(rig.Bus.NowNs + 100_000));
            rig.Bus.Clock.SleepNs(1_000_000);
        });
        Assert.Single(first.Events);
        Assert.Equal((AdapterEventKind.BusReset, 1234), (first.Events[0].Kind, first.Events[0].Correlator));
        Assert.Single(second.Events);
        Assert.Equal(99, second.Events[0].Correlator);
    }

    [Fact]
    public void DeviceGoneAndCommandTimeoutAreEvents()
    {
        using var rig = new AdapterRig();
        rig.AddTarget(0, o => { o.DisconnectOnRead = true; o.NeverReselect = true; });
        var gone = new AdapterErrnoTests.EventLog();
        var slow = new AdapterErrnoTests.EventLog();
        rig.Run(() =>
        {
            Assert.Equal(Errno.Ok, rig.Adapter.StartDevice(4, 0, false, false));
            Assert.Equal(Errno.Ok, rig.Adapter.RegisterEvents(4, 0, 4, gone));
            Assert.Equal(Errno.ENODEV, rig.Adapter.Execute(rig.NoData(4, 0, Cdb.TestUnitReady()), true));
            Assert.Equal(Errno.Ok, rig.Adapter.StartDevice(0, 0, false, false));
            Assert.Equal(Errno.Ok, rig.Adapter.RegisterEvents(0, 0, 5, slow));
            IoRequest r = rig.Read(0, 0, Cdb.Read10(0, 1), new byte[512]);
            r.TimeoutNs = 10_000_000;
            long t0 = rig.Bus.NowNs;
            Assert.Equal(Errno.ETIMEDOUT, rig.Adapter.Execute(r, true));
            Assert.InRange(rig.Bus.NowNs - t0, 10_000_000L, 11_000_000L);
            Assert.Equal(AdapterStatusCode.CommandTimeout, r.AdapterStatus);
        });
        Assert.Contains(gone.Events, e => e.Kind == AdapterEventKind.DeviceGone && e.Correlator == 4);
        Assert.Contains(slow.Events, e => e.Kind == AdapterEventKind.CommandTimeout && e.Correlator == 5);
        rig.AssertNoViolations();
    }
}
