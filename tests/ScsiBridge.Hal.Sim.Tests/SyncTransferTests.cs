using ScsiBridge.Hal;
using Xunit;

namespace ScsiBridge.Hal.Sim.Tests
{
    /// <summary>Synchronous DATA IN cut short by the target.</summary>
    public class SyncTransferTests
    {
        private const int PeriodNs = 200;
        private const int Asked = 512;
        private const int Sent = 300;

        [Theory]
        [InlineData(1)]
        [InlineData(8)]
        [InlineData(15)]
        public void ShortSyncDataInEndsInPhaseMismatchWithTheResidual(int offset)
        {
            using var bus = new SimBus();
            SimController initiator = bus.Attach(new ControllerOptions(Scsi.InitiatorId));
            SimController target = bus.Attach(new ControllerOptions(Scsi.TargetId));
            byte[] data = Scsi.RandomBytes(Sent, seed: 3000 + offset);
            byte[] received = new byte[Asked];
            Completion? send = null;
            Completion? transfer = null;

            bus.Spawn("target", () =>
            {
                // What SDTR would have agreed; the firmware records it on both sides.
                Scsi.Ok(target, ControllerCommand.SetSync(Scsi.InitiatorId, PeriodNs, offset));
                Scsi.ListenForCommand(target);
                send = Scsi.Ok(target, ControllerCommand.SendData(data, 0, Sent));
                Scsi.FinishAsTarget(target, Scsi.StatusGood);
            });
            bus.Spawn("initiator", () =>
            {
                Scsi.Ok(initiator, ControllerCommand.SetSync(Scsi.TargetId, PeriodNs, offset));
                Scsi.SelectIdentifyAndSend(initiator, Scsi.TargetId, new byte[] { 0x08, 0, 0, 0, 1, 0 }, BusPhase.DataIn);
                transfer = Scsi.Expect(initiator, ControllerCommand.Transfer(received, 0, Asked), ControllerResult.PhaseMismatch, BusPhase.Status);
                Assert.Equal(Scsi.StatusGood, Scsi.FinishAsInitiator(initiator));
            });
            bus.RunAll();

            Assert.Equal(Sent, transfer!.BytesMoved);
            Assert.Equal(Asked - Sent, transfer.Residual);
            Assert.True(transfer.HasFlag(CompletionFlags.Sync), "moved synchronously: " + transfer);
            Assert.True(send!.HasFlag(CompletionFlags.Sync), "sent synchronously: " + send);
            Assert.Equal(Sent, send.BytesMoved);
            Assert.Equal(data, Scsi.Slice(received, 0, Sent));
            Assert.Equal(new byte[Asked - Sent], Scsi.Slice(received, Sent, Asked - Sent));
            Scsi.AssertNoViolations(bus);
        }
    }
}
