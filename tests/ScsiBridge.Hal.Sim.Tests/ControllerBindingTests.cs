using ScsiBridge.Hal;
using Xunit;

namespace ScsiBridge.Hal.Sim.Tests
{
    /// <summary>What SimController itself decides before and after the native side.</summary>
    public class ControllerBindingTests
    {
        [Fact]
        public void SubmitAfterDisposeIsInvalid()
        {
            using var bus = new SimBus();
            SimController controller = bus.Attach(new ControllerOptions(Scsi.InitiatorId));
            controller.Dispose();
            Assert.Equal(ControllerResult.Invalid, controller.Submit(ControllerCommand.Select(0, CommandFlags.None)));
        }

        [Fact]
        public void ALengthWithoutABufferIsInvalid()
        {
            using var bus = new SimBus();
            SimController controller = bus.Attach(new ControllerOptions(Scsi.InitiatorId));
            var command = new ControllerCommand().Reset(ControllerOp.Transfer);
            command.Length = 64;
            Assert.Equal(ControllerResult.Invalid, controller.Submit(command));
            Assert.False(controller.IsBusy);
        }

        [Fact]
        public void ARefusedCommandLeavesNoBufferPinned()
        {
            using var bus = new SimBus();
            SimController controller = bus.Attach(new ControllerOptions(Scsi.InitiatorId));
            // TRANSFER without a connection: the native controller refuses it.
            int result = controller.Submit(ControllerCommand.Transfer(new byte[32], 0, 32));
            Assert.Equal(ControllerResult.Invalid, result);
            Assert.False(controller.IsBufferPinned);
            Assert.False(controller.IsBusy);
        }

        [Fact]
        public void ASecondCommandIsBusyUntilTheCompletionIsTaken()
        {
            using var bus = new SimBus();
            SimController controller = bus.Attach(new ControllerOptions(Scsi.InitiatorId));
            var done = new Completion();

            // SET_SYNC is valid outside a connection and completes at once.
            Assert.Equal(ControllerResult.Ok, controller.Submit(ControllerCommand.SetSync(0, 200, 8)));
            Assert.Equal(ControllerResult.Busy, controller.Submit(ControllerCommand.SetSync(1, 200, 8)));

            // Running the bus completes it, but it stays unread until taken.
            bus.Clock.SleepNs(1000);
            Assert.True(controller.IsBusy);
            Assert.Equal(ControllerResult.Busy, controller.Submit(ControllerCommand.SetSync(1, 200, 8)));
            Assert.True(controller.TryTakeCompletion(done));
            Assert.False(controller.TryTakeCompletion(done));
            Assert.Equal(ControllerOp.SetSync, done.Op);
            Assert.Equal(ControllerResult.Ok, done.Result);
            Assert.False(controller.IsBusy);
        }

        [Fact]
        public void CancelEndsAWaitingSelectionWithCancelled()
        {
            using var bus = new SimBus();
            SimController target = bus.Attach(new ControllerOptions(Scsi.TargetId));
            Assert.Equal(ControllerResult.Ok, target.Submit(ControllerCommand.EnableSelection(1)));
            bus.Clock.SleepNs(10_000);

            target.Cancel();
            var done = new Completion();
            target.WaitForCompletion(done);

            Assert.Equal(ControllerResult.Cancelled, done.Result);
            Assert.Equal(ControllerOp.EnableSelection, done.Op);
        }

        [Fact]
        public void WaitingWithoutACommandIsAnError()
        {
            using var bus = new SimBus();
            SimController controller = bus.Attach(new ControllerOptions(Scsi.InitiatorId));
            Assert.Throws<HalException>(() => controller.WaitForCompletion(new Completion()));
        }

        [Fact]
        public void ANinthDeviceIsRefused()
        {
            using var bus = new SimBus();
            for (int id = 0; id < 8; id++)
            {
                bus.Attach(new ControllerOptions(id));
            }

            Assert.Throws<HalException>(() => bus.Attach(new ControllerOptions(0)));
            Assert.Equal(8, bus.Stats.Devices);
        }

        [Fact]
        public void TheBusRefusesUseAfterDispose()
        {
            var bus = new SimBus();
            SimController controller = bus.Attach(new ControllerOptions(Scsi.InitiatorId));
            bus.Dispose();

            Assert.Throws<System.ObjectDisposedException>(() => bus.NowNs);
            Assert.Equal(ControllerResult.Invalid, controller.Submit(ControllerCommand.SetAtn()));
        }
    }
}
