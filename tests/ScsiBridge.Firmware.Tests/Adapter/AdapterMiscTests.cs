using ScsiBridge.Firmware.Adapter;
using ScsiBridge.Firmware.Tests.Targets;
using ScsiBridge.Hal;
using ScsiBridge.Hal.Sim;
using Xunit;

namespace ScsiBridge.Firmware.Tests.Adapter;

public class AdapterMiscTests
{
    [Fact]
    public void IocinfoReportsIdTransferRingAndCapabilities()
    {
        using var rig = new AdapterRig(new AdapterConfig { RingBuffers = 24, RingBufferSize = 2048, MaxTransferBytes = 1 << 20 });
        var info = new AdapterInfo();
        rig.Adapter.GetInfo(info);
        Assert.Equal(7, info.ScsiId);
        Assert.Equal(1 << 20, info.MaxTransferBytes);
        Assert.Equal(24, info.RingBuffers);
        Assert.Equal(2048, info.RingBufferSize);
        Assert.Equal(ScsiAdapter.FirmwareVersion, info.FirmwareVersion);
        Assert.NotEqual(0, info.Capabilities & AdapterCapabilities.Disconnect);
        Assert.NotEqual(0, info.Capabilities & AdapterCapabilities.Synchronous);
    }

    [Fact]
    public void StopCancelsPendingWork()
    {
        using var rig = new AdapterRig();
        ScriptedTarget disk = rig.AddTarget(0, o => { o.DisconnectOnRead = true; o.NeverReselect = true; });
        rig.Run(() =>
        {
            Assert.Equal(Errno.Ok, rig.Adapter.StartDevice(0, 0, false, false));
            IoRequest first = rig.Read(0, 0, Cdb.Read10(0, 1), new byte[512]);
            IoRequest second = rig.Read(0, 0, Cdb.Read10(1, 1), new byte[512]);
            rig.Adapter.Submit(first, true);
            rig.Adapter.Submit(second, true);
            rig.Bus.Clock.SleepNs(1_000_000);
            Assert.Equal(Errno.Ok, rig.Adapter.StopDevice(0, 0));
            Assert.Equal(Errno.ECANCELED, first.Errno);
            Assert.Equal(Errno.ECANCELED, second.Errno);
            Assert.Equal(Errno.EINVAL, rig.Adapter.Execute(rig.NoData(0, 0, Cdb.TestUnitReady()), true));
        });
        Assert.Equal(1, disk.AbortsReceived);
        Assert.Equal(0, rig.Adapter.Ring.InUseCount);
        rig.AssertNoViolations();
    }

    [Fact]
    public void AMessageWithBadParityIsAskedForAgain()
    {
        using var rig = new AdapterRig();
        ScriptedTarget disk = rig.AddTarget(0);
        rig.Bus.Inject(SimFault.Parity(BusPhase.MessageIn, 0));  // COMMAND COMPLETE arrives damaged
        rig.Run(() =>
        {
            Assert.Equal(Errno.Ok, rig.Adapter.StartDevice(0, 0, false, false));
            Assert.Equal(Errno.Ok, rig.Adapter.Execute(rig.NoData(0, 0, Cdb.TestUnitReady()), true));
            Assert.Equal(Errno.Ok, rig.Adapter.Execute(rig.NoData(0, 0, Cdb.TestUnitReady()), true));
        });
        Assert.Contains(disk.MessagesReceived, m => m.Length == 1 && m[0] == 0x09);
    }
}
