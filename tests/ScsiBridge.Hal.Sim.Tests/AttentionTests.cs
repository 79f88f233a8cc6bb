using ScsiBridge.Hal;
using Xunit;

namespace ScsiBridge.Hal.Sim.Tests
{
    /// <summary>The initiator raises ATN in the middle of DATA IN to abort the command.</summary>
    public class AttentionTests
    {
        [Fact]
        public void AtnDuringDataInLeadsToMessageOutAndTheTargetTakesTheAbort()
        {
            using var bus = new SimBus();
            SimController initiator = bus.Attach(new ControllerOptions(Scsi.InitiatorId));
            SimController target = bus.Attach(new ControllerOptions(Scsi.TargetId));
            byte[] data = Scsi.RandomBytes(512, seed: 512);
            byte[] received = new byte[512];
            Completion? send = null;
            Completion? first = null;
            Completion? rest = null;
            Completion? abort = null;

            bus.Spawn("target", () =>
            {
                Scsi.ListenForCommand(target);
                send = Scsi.Expect(target, ControllerCommand.SendData(data, 0, data.Length), ControllerResult.Attention);
                Scsi.Ok(target, ControllerCommand.Disconnect());
            });
            bus.Spawn("initiator", () =>
            {
                Scsi.SelectIdentifyAndSend(initiator, Scsi.TargetId, new byte[] { 0x08, 0, 0, 0, 1, 0 }, BusPhase.DataIn);
                first = Scsi.Ok(initiator, ControllerCommand.Transfer(received, 0, 100), BusPhase.DataIn);
                Scsi.Ok(initiator, ControllerCommand.SetAtn());
                // The target sees ATN at the next byte and switches to MESSAGE OUT.
                rest = Scsi.Expect(initiator, ControllerCommand.Transfer(received, 100, 412), ControllerResult.PhaseMismatch, BusPhase.MessageOut);
                abort = Scsi.Ok(initiator, ControllerCommand.MessageOut(new[] { Scsi.Abort }), BusPhase.BusFree);
            });
            bus.RunAll();

            Assert.Equal(100, first!.BytesMoved);
            Assert.Equal(1, rest!.BytesMoved);
            Assert.Equal(411, rest.Residual);
            Assert.Equal(101, send!.BytesMoved);
            Assert.Equal(1, send.MsgLength);
            Assert.Equal(Scsi.Abort, send.Msg[0]);
            Assert.Equal(Scsi.Slice(data, 0, 101), Scsi.Slice(received, 0, 101));
            Assert.Equal(0u, bus.Lines & (ScsiLines.Bsy | ScsiLines.Atn));
            Scsi.AssertNoViolations(bus);
        }
    }
}
