using ScsiBridge.Firmware.Adapter;
using ScsiBridge.Firmware.Tests.Targets;
using ScsiBridge.Hal;
using ScsiBridge.Hal.Sim;
using Xunit;
using AdapterStatusCode = ScsiBridge.Firmware.Adapter.AdapterStatus;

namespace ScsiBridge.Firmware.Tests.Adapter;

/// <summary>The initiator on the bus: overlapping commands, SDTR, parity retries, timeouts.</summary>
public class BusBehaviourTests
{
    [Fact]
    public void TwoTargetsDisconnectAndReselectInterleaved()
    {
        using var rig = new AdapterRig();
        ScriptedTarget slow = rig.AddTarget(0, o => { o.DisconnectMidData = true; o.SaveDataPointerBeforeDisconnect = true; o.SeekDelayNs = 3_000_000; });
        ScriptedTarget fast = rig.AddTarget(1, o => { o.DisconnectOnRead = true; o.SeekDelayNs = 1_000_000; });
        byte[] a = new byte[16 * 512], b = new byte[16 * 512];
        long aDone = 0, bDone = 0;
        var listenerA = new Stamp(rig.Bus, t => aDone = t);
        var listenerB = new Stamp(rig.Bus, t => bDone = t);
        rig.Run(() =>
        {
            Assert.Equal(Errno.Ok, rig.Adapter.StartDevice(0, 0, false, false));
            Assert.Equal(Errno.Ok, rig.Adapter.StartDevice(1, 0, false, false));
            IoRequest ra = rig.Read(0, 0, Cdb.Read10(10, 16), a);
            IoRequest rb = rig.Read(1, 0, Cdb.Read10(20, 16), b);
            ra.Listener = listenerA;
            rb.Listener = listenerB;
            Assert.Equal(Errno.Ok, rig.Adapter.Submit(ra, true));
            Assert.Equal(Errno.Ok, rig.Adapter.Submit(rb, true));
            ra.Wait();
            rb.Wait();
            Assert.Equal(Errno.Ok, ra.Errno);
            Assert.Equal(Errno.Ok, rb.Errno);
        });
        Assert.Equal(slow.Image[(10 * 512)..(26 * 512)], a);
        Assert.Equal(fast.Image[(20 * 512)..(36 * 512)], b);
        // The second target was selected while the first was away, and finished first.
        Assert.True(bDone < aDone, "the commands overlapped: " + bDone + " < " + aDone);
        Assert.Equal(1, slow.Reselections);
        Assert.Equal(1, fast.Reselections);
        rig.AssertNoViolations();
    }

    [Theory]
    [InlineData(SdtrMode.Accept, 200, 8)]
    [InlineData(SdtrMode.Counter, 400, 4)]
    [InlineData(SdtrMode.Reject, 0, 0)]
    public void SdtrAcceptedCounteredOrRejected(SdtrMode mode, int period, int offset)
    {
        using var rig = new AdapterRig(new AdapterConfig { SyncPeriodNs = 200, SyncOffset = 8 });
        ScriptedTarget disk = rig.AddTarget(0, o => { o.Sdtr = mode; o.CounterPeriodFactor = 100; o.CounterOffset = 4; });
        byte[] data = new byte[32 * 512];
        rig.Run(() =>
        {
            Assert.Equal(Errno.Ok, rig.Adapter.StartDevice(0, 0, false, false));
            Assert.Equal(Errno.Ok, rig.Adapter.Execute(rig.Read(0, 0, Cdb.Read10(5, 32), data), true));
            Assert.Equal(Errno.Ok, rig.Adapter.Execute(rig.Read(0, 0, Cdb.Read10(5, 32), data), true));
        });
        Assert.Equal(disk.Image[(5 * 512)..(37 * 512)], data);
        SyncAgreement agreed = disk.SyncWith(7);
        Assert.Equal(offset, agreed.Offset);
        if (offset > 0) Assert.Equal(period, agreed.PeriodNs);
        // Negotiated once per target, not on every command.
        int sdtrs = 0;
        foreach (byte[] m in disk.MessagesReceived) if (m.Length == 5 && m[0] == 0x01 && m[2] == 0x01) sdtrs++;
        Assert.Equal(1, sdtrs);
        rig.AssertNoViolations();
    }

    [Fact]
    public void ParityErrorOnDataInIsRetriedByTheTarget()
    {
        using var rig = new AdapterRig();
        ScriptedTarget disk = rig.AddTarget(0);
        byte[] data = new byte[4 * 512];
        rig.Bus.Inject(SimFault.Parity(BusPhase.DataIn, 700));
        rig.Run(() =>
        {
            Assert.Equal(Errno.Ok, rig.Adapter.StartDevice(0, 0, false, false));
            IoRequest r = rig.Read(0, 0, Cdb.Read10(3, 4), data);
            Assert.Equal(Errno.Ok, rig.Adapter.Execute(r, true));
            Assert.Equal(0, r.Residual);
        });
        Assert.Equal(disk.Image[(3 * 512)..(7 * 512)], data);
        Assert.Equal(1, disk.RestorePointersSent);
        Assert.Contains(disk.MessagesReceived, m => m.Length == 1 && m[0] == 0x05);
    }

    [Fact]
    public void PersistentParityErrorsEndTheCommand()
    {
        using var rig = new AdapterRig(new AdapterConfig { ParityRetries = 2 });
        ScriptedTarget disk = rig.AddTarget(0, o => o.MaxRetries = 10);
        for (int i = 0; i < 4; i++) rig.Bus.Inject(SimFault.Parity(BusPhase.DataIn, 10));
        rig.Run(() =>
        {
            Assert.Equal(Errno.Ok, rig.Adapter.StartDevice(0, 0, false, false));
            IoRequest r = rig.Read(0, 0, Cdb.Read10(0, 1), new byte[512]);
            Assert.Equal(Errno.EIO, rig.Adapter.Execute(r, true));
            Assert.Equal(AdapterStatusCode.ParityError, r.AdapterStatus);
            Assert.Equal(Errno.Ok, rig.Adapter.Execute(rig.NoData(0, 0, Cdb.TestUnitReady()), true));
        });
    }

    [Fact]
    public void ATargetThatHangsConnectedTimesOutAndTheBusIsRecovered()
    {
        using var rig = new AdapterRig(new AdapterConfig { AbortGraceNs = 1_000_000 });
        rig.AddTarget(0);
        rig.Bus.Inject(SimFault.StopResponding(1, BusPhase.DataIn, 100));
        rig.RunWithFrozenTargets(() =>
        {
            Assert.Equal(Errno.Ok, rig.Adapter.StartDevice(0, 0, false, false));
            IoRequest r = rig.Read(0, 0, Cdb.Read10(0, 1), new byte[512]);
            r.TimeoutNs = 5_000_000;
            long t0 = rig.Bus.NowNs;
            Assert.Equal(Errno.ETIMEDOUT, rig.Adapter.Execute(r, true));
            long took = rig.Bus.NowNs - t0;
            Assert.InRange(took, 5_000_000L, 5_000_000L + 3 * 1_000_000L + 100_000L);  // timeout plus two graces
            Assert.Equal(AdapterStatusCode.BusReset, r.AdapterStatus);  // a frozen target obeys nothing
            Assert.Equal(0, rig.Adapter.Ring.InUseCount);                // every buffer came back
        });
    }

    private sealed class Stamp : IRequestListener
    {
        private readonly SimBus _bus;
        private readonly System.Action<long> _at;

        public Stamp(SimBus bus, System.Action<long> at)
        {
            _bus = bus;
            _at = at;
        }

        public void OnComplete(IoRequest request) => _at(_bus.NowNs);
    }
}
