using System.Linq;
using ScsiBridge.Hal;
using Xunit;

namespace ScsiBridge.Hal.Sim.Tests
{
    /// <summary>The remaining fault kinds, each seen from the side that has to cope with it.</summary>
    public class FaultTests
    {
        private static readonly byte[] Read6 = { 0x08, 0, 0, 0, 1, 0 };

        [Fact]
        public void TargetVanishingMidTransferIsAnUnexpectedDisconnect()
        {
            using var bus = new SimBus();
            SimController initiator = bus.Attach(new ControllerOptions(Scsi.InitiatorId));
            SimController target = bus.Attach(new ControllerOptions(Scsi.TargetId));
            bus.Inject(SimFault.Vanish(target.DeviceIndex, BusPhase.DataIn, 10));
            byte[] data = new byte[64];
            Completion? transfer = null;

            bus.Spawn("target", () =>
            {
                Scsi.ListenForCommand(target);
                // A vanished device never completes anything, so this instance does not wait.
                Assert.Equal(ControllerResult.Ok, target.Submit(ControllerCommand.SendData(data, 0, data.Length)));
            });
            bus.Spawn("initiator", () =>
            {
                Scsi.SelectIdentifyAndSend(initiator, Scsi.TargetId, Read6, BusPhase.DataIn);
                transfer = Scsi.Run(initiator, ControllerCommand.Transfer(new byte[64], 0, 64));
            });
            bus.RunAll();

            Assert.Equal(ControllerResult.UnexpectedDisconnect, transfer!.Result);
            Assert.Equal(BusPhase.BusFree, transfer.Phase);
            Assert.Equal(10, transfer.BytesMoved);
            Assert.Equal(0u, bus.Lines);
        }

        [Fact]
        public void TargetFreezingMidTransferEndsTheTransferAtItsTimeout()
        {
            const long timeoutNs = 1_000_000;
            using var bus = new SimBus();
            SimController initiator = bus.Attach(new ControllerOptions(Scsi.InitiatorId));
            SimController target = bus.Attach(new ControllerOptions(Scsi.TargetId));
            bus.Inject(SimFault.StopResponding(target.DeviceIndex, BusPhase.DataIn, 10));
            byte[] data = new byte[64];
            Completion? transfer = null;
            long startNs = 0;

            bus.Spawn("target", () =>
            {
                Scsi.ListenForCommand(target);
                Assert.Equal(ControllerResult.Ok, target.Submit(ControllerCommand.SendData(data, 0, data.Length)));
            });
            bus.Spawn("initiator", () =>
            {
                Scsi.SelectIdentifyAndSend(initiator, Scsi.TargetId, Read6, BusPhase.DataIn);
                startNs = bus.NowNs;
                ControllerCommand read = ControllerCommand.Transfer(new byte[64], 0, 64);
                read.TimeoutNs = timeoutNs;
                transfer = Scsi.Run(initiator, read);
            });
            bus.RunAll();

            Assert.Equal(ControllerResult.Timeout, transfer!.Result);
            Assert.InRange(transfer.TimeNs, startNs + timeoutNs, startNs + timeoutNs + 10_000);
            // The frozen target still holds BSY: only a bus reset would clear this bus now.
            Assert.NotEqual(0u, bus.Lines & ScsiLines.Bsy);
        }

        [Fact]
        public void PhaseLinesChangingDuringAHandshakeAreSeenByTheMonitorAndTheInitiator()
        {
            using var bus = new SimBus();
            SimController initiator = bus.Attach(new ControllerOptions(Scsi.InitiatorId));
            SimController target = bus.Attach(new ControllerOptions(Scsi.TargetId));
            bus.Inject(SimFault.PhaseViolation(BusPhase.DataIn, 10));
            byte[] data = new byte[64];
            Completion? transfer = null;

            bus.Spawn("target", () =>
            {
                Scsi.ListenForCommand(target);
                Assert.Equal(ControllerResult.Ok, target.Submit(ControllerCommand.SendData(data, 0, data.Length)));
            });
            bus.Spawn("initiator", () =>
            {
                Scsi.SelectIdentifyAndSend(initiator, Scsi.TargetId, Read6, BusPhase.DataIn);
                transfer = Scsi.Run(initiator, ControllerCommand.Transfer(new byte[64], 0, 64));
            });
            bus.RunAll();

            Assert.Equal(ControllerResult.PhaseMismatch, transfer!.Result);
            Assert.Equal(10, transfer.BytesMoved);
            SimViolation first = bus.Violations.First();
            Assert.Equal(SimRule.PhaseChangedDuringHandshake, first.Rule);
            Assert.False(string.IsNullOrWhiteSpace(first.Text));
            Assert.NotEqual(0u, first.Lines & ScsiLines.Req);
            Assert.True(first.TimeNs > 0);
            Assert.Equal(bus.Violations.Count, bus.Stats.Violations);
        }

        [Fact]
        public void AGlitchAssertsTheLineForItsDurationOnly()
        {
            using var bus = new SimBus();
            bus.Attach(new ControllerOptions(Scsi.InitiatorId));
            bus.Inject(SimFault.Glitch(ScsiLines.ReqIndex, 1000, 200));

            bus.Clock.SleepNs(999);
            Assert.Equal(0u, bus.Lines);
            bus.Clock.SleepNs(101);
            Assert.Equal(ScsiLines.Req, bus.Lines);
            bus.Clock.SleepNs(200);
            Assert.Equal(0u, bus.Lines);
            Assert.Equal(2, bus.Stats.Edges);
        }
    }
}
