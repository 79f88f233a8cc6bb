using ScsiBridge.Hal;
using Xunit;

namespace ScsiBridge.Hal.Sim.Tests
{
    /// <summary>A target disconnects after the CDB (a seek) and reselects to send the data.</summary>
    public class ReselectionTests
    {
        private const long SeekNs = 1_000_000;

        [Fact]
        public void TargetDisconnectsThenReselectsAndFinishesTheCommand()
        {
            using var bus = new SimBus();
            SimController initiator = bus.Attach(new ControllerOptions(Scsi.InitiatorId));
            SimController target = bus.Attach(new ControllerOptions(Scsi.TargetId));
            SimClock clock = bus.Clock;
            byte[] data = Scsi.RandomBytes(64, seed: 64);
            byte[] received = new byte[64];
            Completion? disconnectMessage = null;
            Completion? reselected = null;
            Completion? identify = null;
            Completion? reselect = null;
            long targetGoneNs = 0;
            int status = -1;

            bus.Spawn("target", () =>
            {
                Scsi.ListenForCommand(target);
                Scsi.Ok(target, ControllerCommand.SendMessage(new[] { Scsi.Disconnect }));
                Scsi.Ok(target, ControllerCommand.Disconnect());
                targetGoneNs = clock.NowNs;
                clock.SleepNs(SeekNs);
                reselect = Scsi.Ok(target, ControllerCommand.Reselect(Scsi.InitiatorId, 0));
                Scsi.Ok(target, ControllerCommand.SendMessage(new[] { Scsi.IdentifyReselectLun0 }));
                Scsi.Ok(target, ControllerCommand.SendData(data, 0, data.Length));
                Scsi.FinishAsTarget(target, Scsi.StatusGood);
            });
            bus.Spawn("initiator", () =>
            {
                Scsi.SelectIdentifyAndSend(initiator, Scsi.TargetId, new byte[] { 0x08, 0, 0, 0, 1, 0 }, BusPhase.MessageIn);
                disconnectMessage = Scsi.Ok(initiator, ControllerCommand.MessageIn(), BusPhase.MessageIn);
                Scsi.Ok(initiator, ControllerCommand.AcceptMessage(), BusPhase.BusFree);
                reselected = Scsi.Ok(initiator, ControllerCommand.WaitReselect(), BusPhase.MessageIn);
                identify = Scsi.Ok(initiator, ControllerCommand.MessageIn(), BusPhase.MessageIn);
                Scsi.Ok(initiator, ControllerCommand.AcceptMessage(), BusPhase.DataIn);
                Scsi.Ok(initiator, ControllerCommand.Transfer(received, 0, received.Length), BusPhase.Status);
                status = Scsi.FinishAsInitiator(initiator);
            });
            bus.RunAll();

            Assert.Equal(Scsi.Disconnect, disconnectMessage!.Msg[0]);
            Assert.Equal(Scsi.TargetId, reselected!.PeerId);
            Assert.Equal(Scsi.InitiatorId, reselect!.PeerId);
            Assert.True(reselected.TimeNs >= targetGoneNs + SeekNs, "reselected at " + reselected.TimeNs + " ns, before the seek ended");
            Assert.True(identify!.HasFlag(CompletionFlags.AckHeld));
            Assert.Equal(Scsi.IdentifyReselectLun0, identify.Msg[0]);
            Assert.Equal(data, received);
            Assert.Equal(Scsi.StatusGood, status);
            Scsi.AssertNoViolations(bus);
        }
    }
}
