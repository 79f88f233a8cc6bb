using ScsiBridge.Hal;
using Xunit;

namespace ScsiBridge.Hal.Sim.Tests
{
    /// <summary>A bad parity bit on one byte is reported by the receiver with the byte's index.</summary>
    public class ParityTests
    {
        [Fact]
        public void InitiatorReportsAParityErrorInDataIn()
        {
            using var bus = new SimBus();
            SimController initiator = bus.Attach(new ControllerOptions(Scsi.InitiatorId));
            SimController target = bus.Attach(new ControllerOptions(Scsi.TargetId));
            bus.Inject(SimFault.Parity(BusPhase.DataIn, 5));
            byte[] data = Scsi.RandomBytes(16, seed: 5);
            byte[] received = new byte[16];
            Completion? transfer = null;

            bus.Spawn("target", () =>
            {
                Scsi.ListenForCommand(target);
                Scsi.Ok(target, ControllerCommand.SendData(data, 0, data.Length));
                Scsi.FinishAsTarget(target, Scsi.StatusGood);
            });
            bus.Spawn("initiator", () =>
            {
                Scsi.SelectIdentifyAndSend(initiator, Scsi.TargetId, new byte[] { 0x08, 0, 0, 0, 1, 0 }, BusPhase.DataIn);
                transfer = Scsi.Run(initiator, ControllerCommand.Transfer(received, 0, received.Length));
                Scsi.FinishAsInitiator(initiator);
            });
            bus.RunAll();

            Assert.Equal(ControllerResult.ParityError, transfer!.Result);
            Assert.Equal(5, transfer.ParityIndex);
        }

        [Fact]
        public void TargetReportsAParityErrorInDataOut()
        {
            const int badByte = 9;
            using var bus = new SimBus();
            SimController initiator = bus.Attach(new ControllerOptions(Scsi.InitiatorId));
            SimController target = bus.Attach(new ControllerOptions(Scsi.TargetId));
            bus.Inject(SimFault.Parity(BusPhase.DataOut, badByte));
            byte[] data = Scsi.RandomBytes(32, seed: 9);
            byte[] landing = new byte[32];
            Completion? receive = null;
            int status = -1;

            bus.Spawn("target", () =>
            {
                Scsi.ListenForCommand(target);
                receive = Scsi.Run(target, ControllerCommand.ReceiveData(landing, 0, landing.Length));
                Scsi.FinishAsTarget(target, Scsi.StatusCheckCondition);
            });
            bus.Spawn("initiator", () =>
            {
                Scsi.SelectIdentifyAndSend(initiator, Scsi.TargetId, new byte[] { 0x0A, 0, 0, 0, 1, 0 }, BusPhase.DataOut);
                Scsi.Ok(initiator, ControllerCommand.Transfer(data, 0, data.Length), BusPhase.Status);
                status = Scsi.FinishAsInitiator(initiator);
            });
            bus.RunAll();

            Assert.Equal(ControllerResult.ParityError, receive!.Result);
            Assert.Equal(badByte, receive.ParityIndex);
            Assert.Equal(Scsi.StatusCheckCondition, status);
        }

        [Fact]
        public void ParityIsNotCheckedWhenTheOptionIsOff()
        {
            using var bus = new SimBus();
            SimController initiator = bus.Attach(new ControllerOptions(Scsi.InitiatorId) { ParityCheck = false });
            SimController target = bus.Attach(new ControllerOptions(Scsi.TargetId));
            bus.Inject(SimFault.Parity(BusPhase.DataIn, 2));
            byte[] data = Scsi.RandomBytes(8, seed: 2);
            byte[] received = new byte[8];

            bus.Spawn("target", () =>
            {
                Scsi.ListenForCommand(target);
                Scsi.Ok(target, ControllerCommand.SendData(data, 0, data.Length));
                Scsi.FinishAsTarget(target, Scsi.StatusGood);
            });
            bus.Spawn("initiator", () =>
            {
                Scsi.SelectIdentifyAndSend(initiator, Scsi.TargetId, new byte[] { 0x08, 0, 0, 0, 1, 0 }, BusPhase.DataIn);
                Scsi.Ok(initiator, ControllerCommand.Transfer(received, 0, received.Length), BusPhase.Status);
                Scsi.FinishAsInitiator(initiator);
            });
            bus.RunAll();

            Assert.Equal(data, received);
        }
    }
}
