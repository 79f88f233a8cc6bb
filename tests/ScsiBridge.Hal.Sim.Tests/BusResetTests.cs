using ScsiBridge.Hal;
using Xunit;

namespace ScsiBridge.Hal.Sim.Tests
{
    /// <summary>A bus reset ends every running command, and the bus can be used again after it.</summary>
    public class BusResetTests
    {
        /// <summary>Longer than the 25 us reset hold time: the reset is over when it has passed.</summary>
        private const long ResetRecoveryNs = 100_000;

        private static readonly byte[] Read6 = { 0x08, 0, 0, 0, 1, 0 };

        [Fact]
        public void ResetDuringDataInEndsBothCommandsAndTheBusRecovers()
        {
            using var bus = new SimBus();
            SimController initiator = bus.Attach(new ControllerOptions(Scsi.InitiatorId));
            SimController target = bus.Attach(new ControllerOptions(Scsi.TargetId));
            bus.Inject(SimFault.ResetAtPhase(BusPhase.DataIn, 100));
            byte[] data = Scsi.RandomBytes(512, seed: 100);
            byte[] received = new byte[512];
            Completion? send = null;
            Completion? transfer = null;
            int statusAfterReset = -1;

            bus.Spawn("target", () =>
            {
                Scsi.ListenForCommand(target);
                send = Scsi.Run(target, ControllerCommand.SendData(data, 0, data.Length));
                bus.Clock.SleepNs(ResetRecoveryNs);
                Scsi.ListenForCommand(target);
                Scsi.FinishAsTarget(target, Scsi.StatusGood);
            });
            bus.Spawn("initiator", () =>
            {
                Scsi.SelectIdentifyAndSend(initiator, Scsi.TargetId, Read6, BusPhase.DataIn);
                transfer = Scsi.Run(initiator, ControllerCommand.Transfer(received, 0, received.Length));
                bus.Clock.SleepNs(2 * ResetRecoveryNs);
                Scsi.SelectIdentifyAndSend(initiator, Scsi.TargetId, Scsi.TestUnitReady, BusPhase.Status);
                statusAfterReset = Scsi.FinishAsInitiator(initiator);
            });
            bus.RunAll();

            Assert.Equal(ControllerResult.BusReset, transfer!.Result);
            Assert.Equal(ControllerResult.BusReset, send!.Result);
            Assert.Equal(BusPhase.BusFree, transfer.Phase);
            Assert.InRange(transfer.BytesMoved, 100, 101);
            Assert.Equal(received.Length - transfer.BytesMoved, transfer.Residual);
            Assert.Equal(Scsi.Slice(data, 0, 100), Scsi.Slice(received, 0, 100));
            Assert.Equal(Scsi.StatusGood, statusAfterReset);
        }

        [Fact]
        public void ACommandSubmittedRightAfterAReportedResetIsNotEndedByTheSameReset()
        {
            // Firmware re-arms selection as soon as it learns of the reset, while RST may still
            // be held; that one reset has already been reported and must not end the new command.
            using var bus = new SimBus();
            SimController initiator = bus.Attach(new ControllerOptions(Scsi.InitiatorId));
            SimController target = bus.Attach(new ControllerOptions(Scsi.TargetId));
            bus.Inject(SimFault.ResetAtPhase(BusPhase.DataIn, 10));
            byte[] data = new byte[64];
            byte[] received = new byte[64];
            Completion? rearmed = null;

            bus.Spawn("target", () =>
            {
                Scsi.ListenForCommand(target);
                Scsi.Expect(target, ControllerCommand.SendData(data, 0, data.Length), ControllerResult.BusReset);
                rearmed = Scsi.Run(target, ControllerCommand.EnableSelection(1 << Scsi.TargetId));
                if (rearmed.Result == ControllerResult.Ok)
                {
                    Scsi.FinishAsTarget(target, Scsi.StatusGood);
                }
            });
            bus.Spawn("initiator", () =>
            {
                Scsi.SelectIdentifyAndSend(initiator, Scsi.TargetId, Read6, BusPhase.DataIn);
                Scsi.Expect(initiator, ControllerCommand.Transfer(received, 0, received.Length), ControllerResult.BusReset);
                bus.Clock.SleepNs(ResetRecoveryNs);
                Completion select = Scsi.Run(initiator, ControllerCommand.Select(Scsi.TargetId, CommandFlags.Atn));
                if (select.Result == ControllerResult.Ok)
                {
                    Scsi.Ok(initiator, ControllerCommand.MessageOut(new[] { Scsi.IdentifyLun0 }), BusPhase.Command);
                    Scsi.Ok(initiator, ControllerCommand.CommandOut(Scsi.TestUnitReady), BusPhase.Status);
                    Scsi.FinishAsInitiator(initiator);
                }
            });
            bus.RunAll();

            Assert.True(rearmed!.Result == ControllerResult.Ok, "ENABLE_SELECTION submitted after the reset was reported: " + rearmed);
        }
    }
}
