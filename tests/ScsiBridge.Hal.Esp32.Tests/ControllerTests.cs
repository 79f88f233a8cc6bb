using System;
using System.Threading;
using ScsiBridge.Hal.Buffers;
using ScsiBridge.Hal.Esp32;
using Xunit;

namespace ScsiBridge.Hal.Esp32.Tests
{
    public class ControllerTests
    {
        [Fact]
        public void ASlotTransferCrossesAsTheLayoutSays()
        {
            var rig = new Rig();
            IScsiController c = rig.Hal.OpenController(new ControllerOptions(7));
            ISlotRing ring = rig.Hal.Platform.DataPlane!.CreateRing(16, 4096);
            var cmd = new ControllerCommand().PrepareTransfer(new byte[1], 0, 0);
            cmd.Reset(ControllerOp.Transfer);
            cmd.Slots = ring;
            cmd.SlotHandle = 0x30005;
            cmd.SlotOffset = 512;
            cmd.BufferCount = 1024;
            cmd.Length = 1024;
            cmd.TimeoutNs = 0x1_8000_0000L;

            Assert.Equal(ControllerResult.Ok, c.Submit(cmd));

            int[] f = Assert.Single(rig.Controllers.Submitted);
            Assert.Equal(ControllerOp.Transfer, f[InteropLayout.CmdOp]);
            Assert.Equal(InteropLayout.SourceSlot, f[InteropLayout.CmdDataSource]);
            Assert.Equal(0x30005, f[InteropLayout.CmdSlotHandle]);
            Assert.Equal(512, f[InteropLayout.CmdSlotOffset]);
            Assert.Equal(1024, f[InteropLayout.CmdBufferCount]);
            Assert.Equal(1024, f[InteropLayout.CmdLength]);
            Assert.Equal(unchecked((int)0x80000000), f[InteropLayout.CmdTimeoutLow]);
            Assert.Equal(1, f[InteropLayout.CmdTimeoutHigh]);
        }

        [Fact]
        public void ACommandIsRefusedAsBusyUntilItsCompletionIsTaken()
        {
            var rig = new Rig();
            IScsiController c = rig.Hal.OpenController(new ControllerOptions(7));
            Assert.Equal(ControllerResult.Ok, c.Submit(ControllerCommand.Select(2, 0)));
            Assert.Equal(ControllerResult.Busy, c.Submit(ControllerCommand.Select(3, 0)));
            Assert.Single(rig.Controllers.Submitted);

            rig.Controllers.Complete(FakeControllers.Completion(ControllerOp.Select, ControllerResult.SelectionTimeout, 0, 5));
            var done = new Completion();
            Assert.True(c.TryTakeCompletion(done));
            Assert.Equal(ControllerResult.SelectionTimeout, done.Result);
            Assert.Equal(ControllerResult.Ok, c.Submit(ControllerCommand.Select(3, 0)));
        }

        [Fact]
        public void TheCompletionIsMappedFieldByField()
        {
            var rig = new Rig();
            IScsiController c = rig.Hal.OpenController(new ControllerOptions(7));
            c.Submit(ControllerCommand.StatusIn());
            long time = 0x0000_0002_F000_0001L; // the low word has its top bit set
            int[] d = FakeControllers.Completion(ControllerOp.StatusIn, ControllerResult.Ok, 1, time);
            d[InteropLayout.DoneStatusByte] = 0x02;
            d[InteropLayout.DonePhase] = BusPhase.MessageIn;
            rig.Controllers.Complete(d);

            var done = new Completion();
            Assert.True(c.TryTakeCompletion(done));

            Assert.Equal(time, done.TimeNs);
            Assert.Equal(0x02, done.StatusByte);
            Assert.Equal(BusPhase.MessageIn, done.Phase);
            Assert.Equal(3, done.PeerId);
            Assert.Equal(0x80, done.Msg[0]);
            Assert.Equal(0x12, done.Cdb[0]);
            Assert.Equal(6, done.CdbLength);
            Assert.False(c.TryTakeCompletion(done));
        }

        [Fact]
        public void AManagedBufferIsStagedAndReceivedBytesComeBackAtItsOffset()
        {
            var rig = new Rig();
            IScsiController c = rig.Hal.OpenController(new ControllerOptions(5));
            byte[] buffer = new byte[64];
            Assert.Equal(ControllerResult.Ok, c.Submit(ControllerCommand.ReceiveData(buffer, 8, 32)));
            Assert.Equal(32, rig.Controllers.StagedCount);
            Assert.Equal(InteropLayout.SourceStaging, rig.Controllers.Submitted[0][InteropLayout.CmdDataSource]);

            // The bus loop received 20 bytes into staging.
            for (int i = 0; i < 20; i++) rig.Controllers.Staging[i] = (byte)(i + 1);
            rig.Controllers.Complete(FakeControllers.Completion(ControllerOp.ReceiveData, ControllerResult.PhaseMismatch, 20, 9));
            var done = new Completion();
            Assert.True(c.TryTakeCompletion(done));

            Assert.Equal(0, buffer[7]);
            Assert.Equal(1, buffer[8]);
            Assert.Equal(20, buffer[27]);
            Assert.Equal(0, buffer[28]);
        }

        [Fact]
        public void AManagedBufferLargerThanStagingOrOutsideItsArrayIsInvalid()
        {
            var rig = new Rig();
            IScsiController c = rig.Hal.OpenController(new ControllerOptions(5));
            Assert.Equal(ControllerResult.Invalid, c.Submit(ControllerCommand.SendData(new byte[8192], 0, 8192)));
            var bad = ControllerCommand.SendData(new byte[16], 0, 16);
            bad.BufferOffset = 8;
            Assert.Equal(ControllerResult.Invalid, c.Submit(bad));
            Assert.Empty(rig.Controllers.Submitted);
        }

        [Fact]
        public void ASlotOfAnotherRingIsInvalid()
        {
            var rig = new Rig();
            IScsiController c = rig.Hal.OpenController(new ControllerOptions(5));
            var cmd = ControllerCommand.SendData(new byte[1], 0, 1);
            cmd.Buffer = null;
            cmd.Slots = new ManagedRing();
            Assert.Equal(ControllerResult.Invalid, c.Submit(cmd));
            Assert.Empty(rig.Controllers.Submitted);
        }

        [Fact]
        public void WaitForCompletionSleepsUntilTheEventThatNamesItsController()
        {
            var rig = new Rig();
            Esp32Hal hal = rig.Hal;
            IScsiController first = hal.OpenController(new ControllerOptions(7));
            IScsiController second = hal.OpenController(new ControllerOptions(6));
            Assert.Equal(ControllerResult.Ok, second.Submit(ControllerCommand.EnableSelection(1 << 6)));

            var done = new Completion();
            var waiter = new Thread(() => second.WaitForCompletion(done));
            waiter.Start();
            // The waiter has looked and found nothing; only the event can wake it now.
            Assert.True(rig.Controllers.Asked.Wait(TimeSpan.FromSeconds(30)));
            rig.Controllers.Complete(FakeControllers.Completion(ControllerOp.EnableSelection, ControllerResult.Ok, 0, 77));

            Assert.False(hal.OnCustomEvent(InteropLayout.EventCompletion, 5));
            Assert.Equal(1, hal.StrayEvents);
            Assert.True(hal.OnCustomEvent(InteropLayout.EventCompletion, (uint)((Esp32Controller)second).Index));

            Assert.True(waiter.Join(TimeSpan.FromSeconds(30)), "the completion event did not wake the waiting thread");
            Assert.Equal(77, done.TimeNs);
            Assert.Equal(ControllerOp.EnableSelection, done.Op);
            Assert.NotSame(first, second);
        }

        [Fact]
        public void WaitingWithNothingRunningIsAnError()
        {
            var rig = new Rig();
            IScsiController c = rig.Hal.OpenController(new ControllerOptions(7));
            var e = Assert.Throws<HalException>(() => c.WaitForCompletion(new Completion()));
            Assert.Contains("submit one first", e.Message);
        }

        [Fact]
        public void AFullQueueIsBusyAndAStoppedBusLoopIsANamedError()
        {
            var rig = new Rig();
            IScsiController c = rig.Hal.OpenController(new ControllerOptions(7));
            rig.Controllers.SubmitStatus = InteropStatus.QueueFull;
            Assert.Equal(ControllerResult.Busy, c.Submit(ControllerCommand.ResetBus()));

            rig.Controllers.SubmitStatus = InteropStatus.NotStarted;
            var e = Assert.Throws<Esp32InteropException>(() => c.Submit(ControllerCommand.ResetBus()));
            Assert.Equal(InteropStatus.NotStarted, e.Status);
            Assert.Contains("RESET_BUS", e.Message);
            Assert.Contains("bus loop is not running on core 1", e.Message);
        }

        [Fact]
        public void OpeningMoreControllersThanTheComponentRunsSaysWhy()
        {
            var rig = new Rig();
            rig.Controllers.OpenStatus = InteropStatus.NoControllerFree;
            var e = Assert.Throws<Esp32InteropException>(() => rig.Hal.OpenController(new ControllerOptions(4)));
            Assert.Contains("SCSI ID 4", e.Message);
            Assert.Contains("at most two controllers", e.Message);
        }

        [Fact]
        public void CancelReachesTheComponentAndTheClockIsTheBusLoops()
        {
            var rig = new Rig();
            IScsiController c = rig.Hal.OpenController(new ControllerOptions(7));
            c.Cancel();
            Assert.Equal(1, rig.Controllers.Cancels);
            Assert.Equal(123456789L, rig.Hal.Platform.Clock.NowNs);
        }

        [Fact]
        public void TheStateComesFieldByFieldAndAClosedControllerIsNamed()
        {
            var rig = new Rig();
            var first = (Esp32Controller)rig.Hal.OpenController(new ControllerOptions(7));
            var second = (Esp32Controller)rig.Hal.OpenController(new ControllerOptions(6));
            var state = new Esp32ControllerState();
            first.GetState(state);
            Assert.True(state.Busy);
            Assert.Equal(2, state.QueuedCommands);
            Assert.Equal(0, state.WaitingCompletions);
            Assert.True(state.HeldBack);
            Assert.Equal(3, state.ResetsSeen);
            var e = Assert.Throws<Esp32InteropException>(() => second.GetState(state));
            Assert.Contains("NO_SUCH_CONTROLLER", e.Message);
        }
    }
}
