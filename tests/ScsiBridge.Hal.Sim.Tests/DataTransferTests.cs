using ScsiBridge.Hal;
using Xunit;

namespace ScsiBridge.Hal.Sim.Tests
{
    /// <summary>Asynchronous DATA IN and DATA OUT move every byte unchanged.</summary>
    public class DataTransferTests
    {
        private static readonly byte[] Read6 = { 0x08, 0x00, 0x00, 0x00, 0x00, 0x00 };
        private static readonly byte[] Write6 = { 0x0A, 0x00, 0x00, 0x00, 0x00, 0x00 };

        [Theory]
        [InlineData(1)]
        [InlineData(511)]
        [InlineData(65536)]
        public void DataInArrivesByteIdentical(int size)
        {
            using var bus = new SimBus();
            SimController initiator = bus.Attach(new ControllerOptions(Scsi.InitiatorId));
            SimController target = bus.Attach(new ControllerOptions(Scsi.TargetId));
            byte[] sent = Scsi.RandomBytes(size, seed: 1000 + size);
            byte[] received = new byte[size];
            Completion? send = null;
            Completion? transfer = null;

            bus.Spawn("target", () =>
            {
                Scsi.ListenForCommand(target);
                send = Scsi.Ok(target, ControllerCommand.SendData(sent, 0, size));
                Assert.False(target.IsBufferPinned, "the buffer is unpinned once its completion is taken");
                Scsi.FinishAsTarget(target, Scsi.StatusGood);
            });
            bus.Spawn("initiator", () =>
            {
                Scsi.SelectIdentifyAndSend(initiator, Scsi.TargetId, Read6, BusPhase.DataIn);
                transfer = Scsi.Ok(initiator, ControllerCommand.Transfer(received, 0, size), BusPhase.Status);
                Assert.False(initiator.IsBufferPinned);
                Assert.Equal(Scsi.StatusGood, Scsi.FinishAsInitiator(initiator));
            });
            bus.RunAll();

            Assert.Equal(sent, received);
            Assert.Equal(size, transfer!.BytesMoved);
            Assert.Equal(0, transfer.Residual);
            Assert.False(transfer.HasFlag(CompletionFlags.Sync));
            Assert.Equal(size, send!.BytesMoved);
            Scsi.AssertNoViolations(bus);
        }

        [Theory]
        [InlineData(1)]
        [InlineData(511)]
        [InlineData(65536)]
        public void DataOutArrivesByteIdentical(int size)
        {
            using var bus = new SimBus();
            SimController initiator = bus.Attach(new ControllerOptions(Scsi.InitiatorId));
            SimController target = bus.Attach(new ControllerOptions(Scsi.TargetId));
            byte[] sent = Scsi.RandomBytes(size, seed: 2000 + size);
            // The target receives into the middle of a larger buffer, so an offset error shows.
            byte[] landing = new byte[size + 32];
            Completion? receive = null;
            Completion? transfer = null;

            bus.Spawn("target", () =>
            {
                Scsi.ListenForCommand(target);
                receive = Scsi.Ok(target, ControllerCommand.ReceiveData(landing, 16, size));
                Scsi.FinishAsTarget(target, Scsi.StatusGood);
            });
            bus.Spawn("initiator", () =>
            {
                Scsi.SelectIdentifyAndSend(initiator, Scsi.TargetId, Write6, BusPhase.DataOut);
                transfer = Scsi.Ok(initiator, ControllerCommand.Transfer(sent, 0, size), BusPhase.Status);
                Assert.Equal(Scsi.StatusGood, Scsi.FinishAsInitiator(initiator));
            });
            bus.RunAll();

            Assert.Equal(sent, Scsi.Slice(landing, 16, size));
            Assert.Equal(new byte[16], Scsi.Slice(landing, 0, 16));
            Assert.Equal(new byte[16], Scsi.Slice(landing, 16 + size, 16));
            Assert.Equal(size, transfer!.BytesMoved);
            Assert.Equal(size, receive!.BytesMoved);
            Assert.Equal(0, receive.Residual);
            Scsi.AssertNoViolations(bus);
        }
    }
}
