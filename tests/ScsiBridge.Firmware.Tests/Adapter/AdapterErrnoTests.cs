using ScsiBridge.Firmware.Adapter;
using ScsiBridge.Firmware.Tests.Targets;
using ScsiBridge.Hal;
using Xunit;
using AdapterStatusCode = ScsiBridge.Firmware.Adapter.AdapterStatus;

namespace ScsiBridge.Firmware.Tests.Adapter;

/// <summary>The documented errno of every operation for bad arguments and bad state.</summary>
public class AdapterErrnoTests
{
    [Fact]
    public void SessionOperationsCheckIdsAndState()
    {
        using var rig = new AdapterRig();
        rig.AddTarget(0);
        var ev = new EventLog();
        rig.Run(() =>
        {
            ScsiAdapter a = rig.Adapter;
            Assert.Equal(Errno.EINVAL, a.StartDevice(8, 0, false, false));
            Assert.Equal(Errno.EINVAL, a.StartDevice(0, 8, false, false));
            Assert.Equal(Errno.EINVAL, a.StartDevice(7, 0, false, false));  // the adapter's own ID
            Assert.Equal(Errno.EPERM, a.StartDevice(0, 0, true, false));    // writes need privilege
            Assert.Equal(Errno.EINVAL, a.StopDevice(0, 0));
            Assert.Equal(Errno.EINVAL, a.Halt(0, 0));
            Assert.Equal(Errno.EINVAL, a.Reset(0, 0, null));
            Assert.Equal(Errno.EINVAL, a.RegisterEvents(0, 0, 1, ev));        // before SCIOLSTART
            Assert.Equal(Errno.Ok, a.StartDevice(0, 0, false, false));
            Assert.Equal(Errno.EINVAL, a.StartDevice(0, 0, false, false));  // already started
            Assert.Equal(Errno.EINVAL, a.RegisterEvents(0, 0, 1, null));
            Assert.Equal(Errno.Ok, a.RegisterEvents(0, 0, 1, ev));
            Assert.Equal(Errno.EINVAL, a.RegisterEvents(0, 0, 2, ev));        // once per session
            Assert.Equal(Errno.Ok, a.StopDevice(0, 0));
            Assert.Equal(Errno.Ok, a.StartDevice(0, 0, false, false));
            Assert.Equal(Errno.Ok, a.RegisterEvents(0, 0, 3, ev));            // a new session may again
        });
    }

    [Fact]
    public void TmiocmdChecksPrivilegeSessionCdbAndBuffers()
    {
        using var rig = new AdapterRig();
        rig.AddTarget(0);
        rig.Run(() =>
        {
            ScsiAdapter a = rig.Adapter;
            IoRequest r = rig.Read(0, 0, Cdb.Inquiry(), new byte[36]);
            Assert.Equal(Errno.EPERM, a.Execute(r, elevated: false));
            Assert.Equal(Errno.EINVAL, a.Execute(r, elevated: true));  // no SCIOLSTART
            Assert.Equal(Errno.Ok, a.StartDevice(0, 0, false, false));
            r.CdbLength = 7;
            Assert.Equal(Errno.EINVAL, a.Execute(r, true));
            r.CdbLength = 6;
            r.DataLength = 16 * 1024 * 1024 + 1;
            Assert.Equal(Errno.EINVAL, a.Execute(r, true));
            r.DataLength = 36;
            r.Sink = null;
            Assert.Equal(Errno.EINVAL, a.Execute(r, true));             // a read needs somewhere to go
            r.Sink = new ArrayData(new byte[36], 0);
            r.TargetId = 7;
            Assert.Equal(Errno.EINVAL, a.Execute(r, true));
            r.TargetId = 0;
            Assert.Equal(Errno.Ok, a.Execute(r, true));
            Assert.Equal(Errno.EINVAL, a.Submit(null!, true));
        });
        rig.AssertNoViolations();
    }

    [Fact]
    public void WriteClassCommandsNeedAWritableSession()
    {
        using var rig = new AdapterRig();
        ScriptedTarget disk = rig.AddTarget(0);
        byte[] before = (byte[])disk.Image.Clone();
        rig.Run(() =>
        {
            ScsiAdapter a = rig.Adapter;
            Assert.Equal(Errno.Ok, a.StartDevice(0, 0, false, false));
            byte[] block = new byte[512];
            block[0] = 0xAB;
            foreach (byte[] cdb in new[] { Cdb.Write6(1, 1), Cdb.Write10(1, 1) })
            {
                Assert.Equal(Errno.EPERM, a.Execute(rig.Write(0, 0, cdb, block), true));
            }
            Assert.Equal(Errno.EPERM, a.Execute(rig.NoData(0, 0, new byte[] { 0x04, 0, 0, 0, 0, 0 }), true)); // FORMAT UNIT
            Assert.Equal(0, disk.CountOf(0x0A) + disk.CountOf(0x2A) + disk.CountOf(0x04));
            Assert.Equal(Errno.Ok, a.StopDevice(0, 0));
            Assert.Equal(Errno.Ok, a.StartDevice(0, 0, true, true));
            Assert.Equal(Errno.Ok, a.Execute(rig.Write(0, 0, Cdb.Write10(1, 1), block), true));
        });
        Assert.Equal(0xAB, disk.Image[512]);
        Assert.Equal(before[0], disk.Image[0]);
        rig.AssertNoViolations();
    }

    [Fact]
    public void CheckConditionIsEioWithTheStatusValid()
    {
        using var rig = new AdapterRig();
        rig.AddTarget(0);
        rig.Run(() =>
        {
            Assert.Equal(Errno.Ok, rig.Adapter.StartDevice(0, 0, false, false));
            IoRequest r = rig.NoData(0, 0, new byte[] { 0x02, 0, 0, 0, 0, 0 });  // not an opcode it knows
            Assert.Equal(Errno.EIO, rig.Adapter.Execute(r, true));
            Assert.Equal(StatusValidity.ScsiStatusValid, r.Validity);
            Assert.Equal(Firmware.Adapter.ScsiStatus.CheckCondition, r.ScsiStatus);
            Assert.Equal(AdapterStatusCode.None, r.AdapterStatus);
        });
        rig.AssertNoViolations();
    }

    [Fact]
    public void ACdbShorterThanTheTargetReadsItIsABusFault()
    {
        using var rig = new AdapterRig();
        ScriptedTarget disk = rig.AddTarget(0);
        rig.Run(() =>
        {
            Assert.Equal(Errno.Ok, rig.Adapter.StartDevice(0, 0, false, false));
            // Group 7 (vendor specific): the target's controller takes ten bytes, we give six.
            IoRequest r = rig.NoData(0, 0, new byte[] { 0xE7, 0, 0, 0, 0, 0 });
            Assert.Equal(Errno.EIO, rig.Adapter.Execute(r, true));
            Assert.Equal(AdapterStatusCode.BusFault, r.AdapterStatus);
            Assert.Equal(1, disk.AbortsReceived);
            // The bus and the device are fine afterwards.
            Assert.Equal(Errno.Ok, rig.Adapter.Execute(rig.NoData(0, 0, Cdb.TestUnitReady()), true));
        });
        rig.AssertNoViolations();
    }

    [Fact]
    public void NoDeviceIsEnodevWithTheAdapterStatusValid()
    {
        using var rig = new AdapterRig();
        rig.Run(() =>
        {
            Assert.Equal(Errno.Ok, rig.Adapter.StartDevice(3, 0, false, false));
            IoRequest r = rig.NoData(3, 0, Cdb.TestUnitReady());
            long t0 = rig.Bus.NowNs;
            Assert.Equal(Errno.ENODEV, rig.Adapter.Execute(r, true));
            Assert.Equal(StatusValidity.AdapterStatusValid, r.Validity);
            Assert.Equal(AdapterStatusCode.NoDeviceResponse, r.AdapterStatus);
            Assert.InRange(rig.Bus.NowNs - t0, 250_000_000L, 251_000_000L);  // the selection timeout, in virtual time
        });
        rig.AssertNoViolations();
    }

    internal sealed class EventLog : IAdapterEventSink
    {
        public readonly System.Collections.Generic.List<(int Kind, int Correlator, int Id, int Lun, int Asc)> Events = new();

        public void OnEvent(AdapterEvent e) => Events.Add((e.Kind, e.Correlator, e.TargetId, e.Lun, e.Asc));
    }
}
