using ScsiBridge.Firmware.Adapter;
using ScsiBridge.Firmware.Tests.Targets;
using ScsiBridge.Hal;
using Xunit;
using AdapterStatusCode = ScsiBridge.Firmware.Adapter.AdapterStatus;
using Status = ScsiBridge.Firmware.Adapter.ScsiStatus;

namespace ScsiBridge.Firmware.Tests.Adapter;

/// <summary>TMIOCMD: the completion's fields and the LUN in the CDB.</summary>
public class TmiocmdTests
{
    [Fact]
    public void ReadsAreByteExactWithZeroResidual()
    {
        using var rig = new AdapterRig();
        ScriptedTarget disk = rig.AddTarget(0);
        byte[] data = new byte[8 * 512];
        rig.Run(() =>
        {
            Assert.Equal(Errno.Ok, rig.Adapter.StartDevice(0, 0, false, false));
            IoRequest r = rig.Read(0, 0, Cdb.Read10(100, 8), data);
            Assert.Equal(Errno.Ok, rig.Adapter.Execute(r, true));
            Assert.Equal(StatusValidity.ScsiStatusValid, r.Validity);
            Assert.Equal(Status.Good, r.ScsiStatus);
            Assert.Equal(0, r.Residual);
            Assert.True(r.IsDone);
        });
        Assert.Equal(disk.Image[(100 * 512)..(108 * 512)], data);
        rig.AssertNoViolations();
    }

    [Fact]
    public void ResidualCountsWhatTheDeviceDidNotSend()
    {
        using var rig = new AdapterRig();
        rig.AddTarget(0);
        rig.Run(() =>
        {
            Assert.Equal(Errno.Ok, rig.Adapter.StartDevice(0, 0, false, false));
            IoRequest r = rig.Read(0, 0, Cdb.Inquiry(36), new byte[96]);  // asks for more than INQUIRY gives
            Assert.Equal(Errno.Ok, rig.Adapter.Execute(r, true));
            Assert.Equal(60, r.Residual);
        });
        rig.AssertNoViolations();
    }

    [Theory]
    [InlineData(1, Status.Busy)]
    [InlineData(2, Status.ReservationConflict)]
    public void OtherStatusesAreReported(int which, int expected)
    {
        using var rig = new AdapterRig();
        ScriptedTarget disk = rig.AddTarget(0, o => o.BusyCount = which == 1 ? 1 : 0);
        Hal.Sim.SimController? rawController = which == 2 ? rig.Bus.Attach(new Hal.ControllerOptions(6)) : null;
        rig.Run(() =>
        {
            Assert.Equal(Errno.Ok, rig.Adapter.StartDevice(0, 0, false, false));
            if (which == 2)
            {
                // Another initiator (a raw controller at ID 6) reserved the unit first.
                var raw = new RawInitiator(rawController!);
                raw.Command(0, Cdb.Reserve6(), null, null, 0);
            }
            IoRequest r = rig.NoData(0, 0, Cdb.TestUnitReady());
            Assert.Equal(Errno.EIO, rig.Adapter.Execute(r, true));
            Assert.Equal(expected, r.ScsiStatus);
            Assert.Equal(StatusValidity.ScsiStatusValid, r.Validity);
        });
        rig.AssertNoViolations();
    }

    [Fact]
    public void TheLunIsOredIntoTheCdbForScsi2Devices()
    {
        using var rig = new AdapterRig();
        ScriptedTarget disk = rig.AddTarget(0, o => o.Luns = 4);
        rig.Run(() =>
        {
            Assert.Equal(Errno.Ok, rig.Adapter.StartDevice(0, 3, false, false));
            IoRequest r = rig.NoData(0, 3, new byte[] { 0x00, 0x00, 0, 0, 0, 0 });  // TUR with LUN bits clear
            Assert.Equal(Errno.Ok, rig.Adapter.Execute(r, true));
        });
        Assert.Equal(3 << 5, disk.LastCdb![1] & 0xE0);
        Assert.Equal(3, disk.LastLun);
        rig.AssertNoViolations();
    }

    [Fact]
    public void TheLunIsLeftAloneForScsi3Devices()
    {
        using var rig = new AdapterRig();
        ScriptedTarget disk = rig.AddTarget(0, o => { o.Luns = 4; o.AnsiVersion = 3; });
        var probe = new ProbeOutcome();
        rig.Run(() =>
        {
            Assert.Equal(ProbeResult.Exists, rig.Adapter.Probe(0, 2, ProbeWait.DoNotWait, null, probe));
            Assert.Equal(Errno.Ok, rig.Adapter.StartDevice(0, 2, false, false));
            IoRequest r = rig.NoData(0, 2, new byte[] { 0x00, 0x00, 0, 0, 0, 0 });
            Assert.Equal(Errno.Ok, rig.Adapter.Execute(r, true));
        });
        Assert.Equal(0, disk.LastCdb![1] & 0xE0);
        Assert.Equal(2, disk.LastLun);  // from IDENTIFY
        rig.AssertNoViolations();
    }

    [Fact]
    public void OneCommandPerDeviceAtATimeTheRestQueue()
    {
        using var rig = new AdapterRig();
        ScriptedTarget disk = rig.AddTarget(0, o => { o.DisconnectOnRead = true; o.SeekDelayNs = 1_000_000; });
        byte[] a = new byte[512], b = new byte[512];
        rig.Run(() =>
        {
            Assert.Equal(Errno.Ok, rig.Adapter.StartDevice(0, 0, false, false));
            IoRequest first = rig.Read(0, 0, Cdb.Read10(1, 1), a);
            IoRequest second = rig.Read(0, 0, Cdb.Read10(2, 1), b);
            Assert.Equal(Errno.Ok, rig.Adapter.Submit(first, true));
            Assert.Equal(Errno.Ok, rig.Adapter.Submit(second, true));
            Assert.Equal(Errno.EBUSY, rig.Adapter.Submit(first, true));  // still in use
            second.Wait();
            Assert.True(first.IsDone, "the first command of the device finished before the second began");
            Assert.Equal(Errno.Ok, first.Errno);
            Assert.Equal(Errno.Ok, second.Errno);
        });
        Assert.Equal(disk.Image[512..1024], a);
        Assert.Equal(disk.Image[1024..1536], b);
        Assert.Equal(2, disk.Reselections);
        rig.AssertNoViolations();
    }
}
