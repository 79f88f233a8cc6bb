using ScsiBridge.Firmware.Adapter;
using ScsiBridge.Firmware.Target;
using ScsiBridge.Firmware.Tests.Targets;
using ScsiBridge.Hal;
using ScsiBridge.Hal.Sim;
using Xunit;
using Status = ScsiBridge.Firmware.Adapter.ScsiStatus;

namespace ScsiBridge.Firmware.Tests.Target;

/// <summary>The target engine's own duties, shown with the processor device as the unit.</summary>
public class TargetEngineTests
{
    private static readonly byte[] Tur = { 0, 0, 0, 0, 0, 0 };

    [Fact]
    public void AScsi1HostWithoutArbitrationOrIdentifyIsServed()
    {
        using var rig = new TargetRig();
        new ScsiTarget(rig.Engine, 0);
        SimController host = rig.Bus.Attach(new ControllerOptions(5));
        byte[] inquiry = new byte[36];
        rig.Run(() =>
        {
            var raw = new RawInitiator(host);
            // SCSI-1: no arbitration, no ATN, so no IDENTIFY; the LUN is in CDB byte 1.
            raw.Ok(ControllerCommand.Select(0, CommandFlags.NoArbitration), BusPhase.Command);
            raw.Ok(ControllerCommand.CommandOut(new byte[] { 0x12, 0, 0, 0, 36, 0 }), BusPhase.DataIn);
            Completion data = raw.Run(ControllerCommand.Transfer(inquiry, 0, 36));
            Assert.Equal(BusPhase.Status, data.Phase);
            Assert.Equal(Status.Good, raw.Finish());
        });
        Assert.Equal(0x03, inquiry[0]);
        Assert.Equal("", rig.Violations());
    }

    [Fact]
    public void UnitAttentionAfterABusResetAndRequestSenseReportsItOnce()
    {
        using var rig = new TargetRig();
        new ScsiTarget(rig.Engine, 0);
        byte[] sense = new byte[18], again = new byte[18];
        rig.Run(() =>
        {
            rig.Greet(0, 0);
            Assert.Equal(Errno.Ok, rig.Adapter.StartDevice(0, 0, false, false));
            Assert.Equal(Errno.Ok, rig.Adapter.Execute(rig.Request(0, 0, Tur, null, true), true));
            rig.Bus.Inject(SimFault.ResetAt(rig.Bus.NowNs + 1000));
            rig.Bus.Clock.SleepNs(100_000);
            IoRequest tur = rig.Request(0, 0, Tur, null, true);
            Assert.Equal(Errno.EIO, rig.Adapter.Execute(tur, true));
            Assert.Equal(Status.CheckCondition, tur.ScsiStatus);
            Assert.Equal(Errno.Ok, rig.Adapter.Execute(rig.Request(0, 0, new byte[] { 3, 0, 0, 0, 18, 0 }, sense, true), true));
            Assert.Equal(Errno.Ok, rig.Adapter.Execute(rig.Request(0, 0, new byte[] { 3, 0, 0, 0, 18, 0 }, again, true), true));
            Assert.Equal(Errno.Ok, rig.Adapter.Execute(rig.Request(0, 0, Tur, null, true), true));
        });
        Assert.Equal(0x70, sense[0] & 0x7F);
        Assert.Equal(SenseData.UnitAttention, sense[2] & 0x0F);
        Assert.Equal(0x29, sense[12]);
        Assert.Equal(SenseData.NoSense, again[2] & 0x0F);  // reported once, then gone
        Assert.Equal("", rig.Violations());
    }

    [Fact]
    public void UnitAttentionOnResetCanBeSwitchedOff()
    {
        using var rig = new TargetRig();
        new ScsiTarget(rig.Engine, 0);
        rig.Run(() =>
        {
            rig.Greet(0, 0);
            Assert.Equal(Errno.Ok, rig.Adapter.StartDevice(0, 0, false, false));
            // Keep the unit, drop its attention on resets (a host that resets the bus on a UA).
            Assert.True(rig.Engine.SetUnit(0, 0, new NoUnitAttention(), false));
            rig.Greet(0, 0);  // a newly set unit still reports its power-on attention once
            rig.Bus.Inject(SimFault.ResetAt(rig.Bus.NowNs + 1000));
            rig.Bus.Clock.SleepNs(100_000);
            Assert.Equal(Errno.Ok, rig.Adapter.Execute(rig.Request(0, 0, Tur, null, true), true));
        });
        Assert.Equal("", rig.Violations());
    }

    private sealed class NoUnitAttention : ILogicalUnit
    {
        private readonly byte[] _inquiry = { 0x03, 0, 2, 2, 31, 0, 0, 0, (byte)'T', (byte)'E', (byte)'S', (byte)'T', 0x20, 0x20, 0x20, 0x20,
                                             0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, (byte)'1', 0x20, 0x20, 0x20 };

        public byte[] InquiryData => _inquiry;

        public void Execute(TargetCommand command, ITargetIo io)
        {
            if (command.Cdb[0] == 0x12) io.Send(_inquiry, 0, System.Math.Min(command.Cdb[4], _inquiry.Length));
        }

        public void OnReset()
        {
        }
    }

    [Fact]
    public void MissingLunsAnswerWithQualifierThreeAndLogicalUnitNotSupported()
    {
        using var rig = new TargetRig();
        new ScsiTarget(rig.Engine, 0);
        byte[] inquiry = new byte[36], sense = new byte[18];
        rig.Run(() =>
        {
            Assert.Equal(Errno.Ok, rig.Adapter.StartDevice(0, 3, false, false));
            Assert.Equal(Errno.Ok, rig.Adapter.Execute(rig.Request(0, 3, new byte[] { 0x12, 0, 0, 0, 36, 0 }, inquiry, true), true));
            IoRequest tur = rig.Request(0, 3, Tur, null, true);
            Assert.Equal(Errno.EIO, rig.Adapter.Execute(tur, true));
            Assert.Equal(Status.CheckCondition, tur.ScsiStatus);
            Assert.Equal(Errno.Ok, rig.Adapter.Execute(rig.Request(0, 3, new byte[] { 3, 0, 0, 0, 18, 0 }, sense, true), true));
            var probe = new ProbeOutcome();
            Assert.Equal(ProbeResult.NoResponse, rig.Adapter.Probe(0, 3, ProbeWait.DoNotWait, null, probe));
        });
        Assert.Equal(0x7F, inquiry[0]);
        Assert.Equal(SenseData.IllegalRequest, sense[2] & 0x0F);
        Assert.Equal(0x25, sense[12]);
        Assert.Equal("", rig.Violations());
    }

    [Fact]
    public void ParityErrorInTheCommandIsAbortedCommand()
    {
        using var rig = new TargetRig();
        new ScsiTarget(rig.Engine, 0);
        byte[] sense = new byte[18];
        rig.Run(() =>
        {
            rig.Greet(0, 0);
            Assert.Equal(Errno.Ok, rig.Adapter.StartDevice(0, 0, false, false));
            rig.Bus.Inject(SimFault.Parity(BusPhase.Command, 2));
            IoRequest tur = rig.Request(0, 0, Tur, null, true);
            Assert.Equal(Errno.EIO, rig.Adapter.Execute(tur, true));
            Assert.Equal(Status.CheckCondition, tur.ScsiStatus);
            Assert.Equal(Errno.Ok, rig.Adapter.Execute(rig.Request(0, 0, new byte[] { 3, 0, 0, 0, 18, 0 }, sense, true), true));
        });
        Assert.Equal(SenseData.AbortedCommand, sense[2] & 0x0F);
        Assert.Equal(0x47, sense[12]);
    }

    [Theory]
    [InlineData(15, 8, 8)]    // accepted as offered
    [InlineData(5, 8, 5)]     // clamped to the target's limit
    [InlineData(0, 8, 0)]     // the target answers asynchronous
    public void SdtrAsTargetAcceptsAndClamps(int targetMaxOffset, int offered, int agreed)
    {
        using var rig = new TargetRig(new TargetConfig { MaxSyncOffset = targetMaxOffset, MinSyncPeriodNs = 200 },
                                      new AdapterConfig { SyncPeriodNs = 200, SyncOffset = offered });
        var target = new ScsiTarget(rig.Engine, 0);
        var sink = new ProcessorPathTests.Collector();
        byte[] data = new byte[8192];
        new System.Random(4).NextBytes(data);
        rig.Run(() =>
        {
            Assert.Equal(Errno.Ok, target.StartTarget(7, 0, 4096, 16, sink, 1, true, out TargetPath? path));
            rig.Greet(0, 0);
            Assert.Equal(Errno.Ok, rig.Adapter.StartDevice(0, 0, true, true));
            Assert.Equal(Errno.Ok, rig.Adapter.Execute(rig.Request(0, 0, new byte[] { 0x0A, 0, 0, 0x20, 0, 0 }, data, false), true));
            foreach (TargetDelivery d in sink.Deliveries) d.Path!.Free(d.Buffer);
        });
        Assert.Equal(2, sink.Count);
        Assert.Equal(agreed, rig.Engine.SyncOffsetWith(7));
        if (agreed > 0) Assert.Equal(200, rig.Engine.SyncPeriodWith(7));
        Assert.Equal("", rig.Violations());
    }
}
