using System;
using System.Runtime.InteropServices;
using ScsiBridge.Hal;
using ScsiBridge.Hal.Buffers;
using ScsiBridge.Hal.Sim;
using Xunit;

namespace ScsiBridge.Hal.Sim.Tests
{
    /// <summary>The native slot ring through P/Invoke, alone and under a BufferRing.</summary>
    public class NativeSlotRingTests
    {
        [Fact]
        public void HandlesGoStaleAndEveryRefusalIsCounted()
        {
            using var ring = new NativeSlotRing(3, 64);
            int a = ring.Acquire();
            Assert.True(a > 0);
            Assert.Equal(0, RingStatus.IndexOf(a));
            Assert.Equal(RingStatus.Ok, ring.Release(a));
            Assert.Equal(RingStatus.BadHandle, ring.Release(a));
            int b = ring.Acquire();
            Assert.Equal(0, RingStatus.IndexOf(b));
            Assert.NotEqual(a, b);
            Assert.Equal(RingStatus.BadHandle, ring.CopyIn(a, 0, new byte[4], 0, 4));
            Assert.Equal(RingStatus.BadHandle, ring.Release(12345));
            var stats = new SlotRingStats();
            ring.GetStats(stats);
            Assert.Equal(1, stats.InUse);
            Assert.Equal(2, stats.RefusedReleases);
            Assert.Equal(2, stats.Acquires);
        }

        [Fact]
        public void CopiesAreCheckedOnBothSides()
        {
            using var ring = new NativeSlotRing(2, 32);
            int h = ring.Acquire();
            var source = new byte[40];
            for (int i = 0; i < source.Length; i++) source[i] = (byte)(i + 1);
            Assert.Equal(RingStatus.Ok, ring.CopyIn(h, 0, source, 8, 32));
            Assert.Equal(RingStatus.OutOfRange, ring.CopyIn(h, 1, source, 0, 32));
            Assert.Equal(RingStatus.BadArgument, ring.CopyIn(h, 0, source, 30, 20));   // past the array
            Assert.Equal(RingStatus.BadArgument, ring.CopyIn(h, -1, source, 0, 1));
            Assert.Equal(RingStatus.BadArgument, ring.CopyOut(h, 0, null!, 0, 1));
            var back = new byte[32];
            Assert.Equal(RingStatus.Ok, ring.CopyOut(h, 0, back, 0, 32));
            Assert.Equal(source[8..40], back);
            int other = ring.Acquire();
            Assert.Equal(RingStatus.Ok, ring.Copy(h, 4, other, 0, 8));
            Assert.Equal(RingStatus.Ok, ring.CopyOut(other, 0, back, 0, 8));
            Assert.Equal(source[12..20], back[..8]);
            Assert.Equal(RingStatus.Empty, ring.Acquire());
        }

        [Fact]
        public void ABufferRingOverTheNativeRingKeepsBothCountsInStep()
        {
            using var slots = new NativeSlotRing(4, 512);
            var ring = new BufferRing(slots);
            RingBuffer a = ring.TryAcquire()!;
            RingBuffer b = ring.TryAcquire()!;
            Assert.True(a.IsNative);
            Assert.Equal(512, a.Size);
            Assert.Throws<InvalidOperationException>(() => a.Data);
            var text = new byte[] { 1, 2, 3, 4, 5 };
            a.CopyIn(10, text, 0, 5);
            a.CopyTo(10, b, 0, 5);
            var back = new byte[5];
            b.CopyOut(0, back, 0, 5);
            Assert.Equal(text, back);
            Assert.Throws<ArgumentOutOfRangeException>(() => b.CopyIn(510, text, 0, 5));
            Assert.Equal(Errno.Ok, ring.Release(a));
            Assert.Equal(Errno.EINVAL, ring.Release(a));
            Assert.Throws<InvalidOperationException>(() => a.CopyOut(0, back, 0, 1));  // released: its handle is stale
            var stats = new SlotRingStats();
            slots.GetStats(stats);
            Assert.Equal(ring.InUseCount, stats.InUse);
            Assert.Equal(ring.HighWater, stats.HighWater);
            Assert.Equal(1, stats.Releases);
            Assert.Equal(Errno.Ok, ring.Release(b));
            slots.GetStats(stats);
            Assert.Equal(0, stats.InUse);
        }

        [Fact]
        public void TheControllerMovesBusDataStraightIntoASlot()
        {
            // A command that names a slot passes the slot's native address; a stale handle or a
            // range past the slot is refused before the native side sees it.
            using var slots = new NativeSlotRing(2, 256);
            var ring = new BufferRing(slots);
            RingBuffer b = ring.TryAcquire()!;
            var command = new ControllerCommand().PrepareTransfer(new byte[1], 0, 1);
            command.SetRingBuffer(b, 0, 256);
            Assert.Null(command.Buffer);
            Assert.Same(slots, command.Slots);
            Assert.Equal(b.Handle, command.SlotHandle);
            Assert.Equal(0, slots.AddressOf(command.SlotHandle, 0, 256, out ulong address));
            Assert.NotEqual(0ul, address);
            Assert.Equal(RingStatus.OutOfRange, slots.AddressOf(command.SlotHandle, 1, 256, out _));
            Assert.True(SimController.TryEncode(command, out _));
            ring.Release(b);
            Assert.Equal(RingStatus.BadHandle, slots.AddressOf(command.SlotHandle, 0, 256, out _));
        }

        [Fact]
        public void ACommandNamingAStaleOrTooShortSlotIsRefusedBeforeTheBus()
        {
            // A SELECT the native controller would take (it starts arbitration), carrying a slot:
            // refused by the binding when the slot is bad, taken when it is good.
            using var bus = new SimBus();
            SimController controller = bus.Attach(new ControllerOptions(Scsi.InitiatorId));
            using var slots = new NativeSlotRing(2, 256);
            var ring = new BufferRing(slots);
            RingBuffer b = ring.TryAcquire()!;
            RingBuffer released = ring.TryAcquire()!;
            int staleHandle = released.Handle;
            ring.Release(released);
            ControllerCommand Select(ISlotRing on, int handle, int offset, int count)
            {
                var c = ControllerCommand.Select(0, CommandFlags.None);
                c.Slots = on;
                c.SlotHandle = handle;
                c.SlotOffset = offset;
                c.BufferCount = count;
                return c;
            }
            Assert.Equal(ControllerResult.Invalid, controller.Submit(Select(slots, b.Handle, 8, 256)));     // past the slot
            Assert.Equal(ControllerResult.Invalid, controller.Submit(Select(slots, staleHandle, 0, 64)));  // released
            Assert.Equal(ControllerResult.Invalid, controller.Submit(Select(new OtherRing(), 1, 0, 16)));  // not native
            Assert.False(controller.IsBusy);
            Assert.Equal(ControllerResult.Ok, controller.Submit(Select(slots, b.Handle, 0, 256)));
            Assert.True(controller.IsBusy);
        }

        /// <summary>A ring the controller cannot take an address from.</summary>
        private sealed class OtherRing : ISlotRing
        {
            public int SlotCount => 1;
            public int SlotSize => 16;
            public int Acquire() => 1;
            public int Release(int handle) => 0;
            public int CopyIn(int handle, int slotOffset, byte[] source, int sourceOffset, int count) => 0;
            public int CopyOut(int handle, int slotOffset, byte[] destination, int destinationOffset, int count) => 0;
            public int Copy(int fromHandle, int fromOffset, int toHandle, int toOffset, int count) => 0;
            public void GetStats(SlotRingStats into) { }
        }

        [Fact]
        public unsafe void DataPlaneMirrorsMatchTheCStructs()
        {
            Assert.Equal(32, sizeof(NativeRingStats));
            Assert.Equal(12, sizeof(NativeFrameInfo));
            Assert.Equal(8, (int)Marshal.OffsetOf<NativeFrameInfo>(nameof(NativeFrameInfo.Error)));
            Assert.Equal(28, sizeof(NativeReceiverStats));
        }
    }
}
