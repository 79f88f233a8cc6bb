using ScsiBridge.Hal.Buffers;
using ScsiBridge.Hal.DataPlane;
using ScsiBridge.Hal.Esp32;
using Xunit;

namespace ScsiBridge.Hal.Esp32.Tests
{
    public class DataPlaneTests
    {
        [Fact]
        public void BadManagedArgumentsNeverCross()
        {
            var rig = new Rig();
            ISlotRing ring = rig.Hal.Platform.DataPlane!.CreateRing(4, 512);
            int before = rig.Ring.Calls;
            Assert.Equal(RingStatus.BadArgument, ring.CopyIn(1, 0, null!, 0, 4));
            Assert.Equal(RingStatus.BadArgument, ring.CopyIn(1, 0, new byte[4], 2, 4));
            Assert.Equal(RingStatus.BadArgument, ring.CopyOut(1, -1, new byte[4], 0, 4));
            Assert.Equal(RingStatus.BadArgument, ring.Copy(1, 0, 2, 0, -1));
            Assert.Equal(before, rig.Ring.Calls);
            Assert.Equal(0x10002, ring.Acquire());
        }

        [Fact]
        public void TheRingsCountersMapInOrder()
        {
            var rig = new Rig();
            ISlotRing ring = rig.Hal.Platform.DataPlane!.CreateRing(16, 4096);
            var stats = new SlotRingStats();
            ring.GetStats(stats);
            Assert.Equal(16, stats.SlotCount);
            Assert.Equal(4096, stats.SlotSize);
            Assert.Equal(2, stats.InUse);
            Assert.Equal(5, stats.HighWater);
            Assert.Equal(40, stats.Acquires);
            Assert.Equal(38, stats.Releases);
            Assert.Equal(1, stats.AcquireFailures);
            Assert.Equal(3, stats.RefusedReleases);
        }

        [Fact]
        public void ARingLargerThanTheComponentsMemorySaysWhatToDo()
        {
            var rig = new Rig();
            rig.Ring.CreateStatus = InteropStatus.NoMemory;
            var e = Assert.Throws<Esp32InteropException>(() => rig.Hal.Platform.DataPlane!.CreateRing(64, 65536));
            Assert.Equal(InteropStatus.NoMemory, e.Status);
            Assert.Contains("64 slots of 65536 bytes", e.Message);
            Assert.Contains("fewer or smaller slots", e.Message);
        }

        [Fact]
        public void TheEncoderChecksTheHeaderAndTheRingBeforeCrossing()
        {
            var rig = new Rig();
            IDataPlane plane = rig.Hal.Platform.DataPlane!;
            ISlotRing ring = plane.CreateRing(4, 512);
            IDataFrameEncoder encoder = plane.CreateEncoder();
            byte[] output = new byte[FrameStatus.MaxEncoded];

            Assert.Equal(FrameStatus.BadArgument, encoder.EncodeFromSlot(4, 0, 7, 0x10000, new byte[4], 0, 4, ring, 1, 0, 16, output, 0));
            Assert.Equal(FrameStatus.BadArgument, encoder.EncodeFromSlot(4, 0, 7, 1, new byte[4], 0, 4, new ManagedRing(), 1, 0, 16, output, 0));
            Assert.Equal(0, rig.Codec.Calls);

            Assert.Equal(42, encoder.EncodeFromSlot(4, 1, 7, 300, new byte[4], 0, 4, ring, 1, 0, 16, output, 0));
            Assert.Equal(new[] { 4, 1, 7, 300 }, rig.Codec.LastHeader);
        }

        [Fact]
        public void TheReceiverReadsTheFramesHeaderWhenItEnds()
        {
            var rig = new Rig();
            IFrameReceiver receiver = rig.Hal.Platform.DataPlane!.CreateReceiver();
            int consumed = receiver.Feed(new byte[] { 5, 6, 0, 9 }, 0, 4, out bool complete);
            Assert.True(complete);
            Assert.Equal(3, consumed);
            Assert.Equal(4, receiver.Type);
            Assert.Equal(7, receiver.Opcode);
            Assert.Equal(300, receiver.RequestId);
            Assert.Equal(520, receiver.PayloadLength);
            Assert.True(receiver.HeaderReadable);
            Assert.Equal(0, receiver.Error);
            Assert.Equal(9, receiver.Frames);
            Assert.Equal(2, receiver.BadCrc);
        }

        [Fact]
        public void ASecondReceiverIsRefusedByName()
        {
            var rig = new Rig();
            rig.Codec.CreateStatus = InteropStatus.AlreadyCreated;
            var e = Assert.Throws<Esp32InteropException>(() => rig.Hal.Platform.DataPlane!.CreateReceiver());
            Assert.Contains("ALREADY_CREATED", e.Message);
        }
    }
}
