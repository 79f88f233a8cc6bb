using System;
using System.Collections.Generic;
using FsCheck;
using FsCheck.Fluent;
using ScsiBridge.Hal;
using ScsiBridge.Hal.Buffers;
using Xunit;

namespace ScsiBridge.Hal.Tests;

public class BufferRingTests
{
    private static BufferRing NewRing(int count = 4, int size = 512) => new(count, size, new ManagedBufferAllocator());

    [Fact]
    public void HandsOutEveryBufferOnceThenReportsExhaustion()
    {
        var ring = NewRing(4);
        var seen = new HashSet<int>();
        for (int i = 0; i < 4; i++)
        {
            RingBuffer? b = ring.TryAcquire();
            Assert.NotNull(b);
            Assert.True(seen.Add(b!.Index));
            Assert.Equal(512, b.Data.Length);
        }
        Assert.Null(ring.TryAcquire());
        Assert.Equal(1, ring.AcquireFailures);
        Assert.Equal(0, ring.FreeCount);
        Assert.Equal(4, ring.InUseCount);
        Assert.Equal(4, ring.HighWater);
    }

    [Fact]
    public void DoubleReleaseIsRefusedAndCorruptsNothing()
    {
        var ring = NewRing(3);
        RingBuffer a = ring.TryAcquire()!;
        RingBuffer b = ring.TryAcquire()!;
        Assert.Equal(Errno.Ok, ring.Release(a));
        Assert.Equal(Errno.EINVAL, ring.Release(a));
        Assert.Equal(1, ring.ReleaseErrors);
        Assert.Equal(2, ring.FreeCount);
        // The free list holds a once: two acquisitions give two different buffers.
        RingBuffer x = ring.TryAcquire()!;
        RingBuffer y = ring.TryAcquire()!;
        Assert.NotSame(x, y);
        Assert.NotSame(b, x);
        Assert.NotSame(b, y);
        Assert.Null(ring.TryAcquire());
    }

    [Fact]
    public void ForeignAndNullBuffersAreRefused()
    {
        var ring = NewRing(2);
        var other = NewRing(2);
        RingBuffer foreign = other.TryAcquire()!;
        Assert.Equal(Errno.EINVAL, ring.Release(foreign));
        Assert.Equal(Errno.EINVAL, ring.Release(null));
        Assert.Equal(2, ring.ReleaseErrors);
        Assert.Equal(2, ring.FreeCount);
        Assert.True(foreign.InUse, "the other ring still owns it");
        Assert.Equal(Errno.Ok, other.Release(foreign));
    }

    [Fact]
    public void ListenerHearsEveryRelease()
    {
        var ring = NewRing(2);
        var listener = new CountingListener();
        ring.SetListener(listener);
        RingBuffer a = ring.TryAcquire()!;
        ring.Release(a);
        ring.Release(a);
        Assert.Equal(1, listener.Calls);
        Assert.Equal(1, ring.Releases);
    }

    [Fact]
    public void BadGeometryIsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NewRing(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => NewRing(1, 0));
        Assert.Throws<ArgumentException>(() => new BufferRing(2, 64, new ShortAllocator()));
    }

    [Fact]
    public void AcquireAndReleaseAllocateNothing()
    {
        var ring = NewRing(16, 4096);
        var held = new RingBuffer[16];
        for (int round = 0; round < 3; round++) Cycle(ring, held);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < 1000; round++) Cycle(ring, held);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static void Cycle(BufferRing ring, RingBuffer[] held)
    {
        for (int i = 0; i < held.Length; i++) held[i] = ring.TryAcquire()!;
        for (int i = held.Length - 1; i >= 0; i--) ring.Release(held[i]);
    }

    /// <summary>Any sequence of acquisitions and (possibly wrong) releases keeps the books straight.</summary>
    [Fact]
    public void CountersStayConsistentUnderAnySequence()
    {
        Prop.ForAll<int[]>(Arb.From(Gen.Choose(0, 9).ArrayOf()), ops =>
        {
            var ring = NewRing(5, 16);
            var mine = new List<RingBuffer>();
            var released = new List<RingBuffer>();
            int failures = 0, errors = 0, high = 0;
            foreach (int op in ops)
            {
                if (op < 5)
                {
                    RingBuffer? b = ring.TryAcquire();
                    if (b == null) failures++; else mine.Add(b);
                }
                else if (op < 8 && mine.Count > 0)
                {
                    RingBuffer b = mine[op % mine.Count];
                    mine.Remove(b);
                    released.Add(b);
                    if (ring.Release(b) != Errno.Ok) return false;
                }
                else if (released.Count > 0)
                {
                    RingBuffer b = released[op % released.Count];
                    if (!b.InUse)
                    {
                        if (ring.Release(b) != Errno.EINVAL) return false;
                        errors++;
                    }
                }
                high = Math.Max(high, mine.Count);
                if (ring.InUseCount != mine.Count || ring.FreeCount != 5 - mine.Count) return false;
            }
            return ring.AcquireFailures == failures && ring.ReleaseErrors == errors && ring.HighWater == high;
        }).QuickCheckThrowOnFailure();
    }

    private sealed class CountingListener : IRingListener
    {
        public int Calls;
        public void OnBufferReleased(BufferRing ring) => Calls++;
    }

    private sealed class ShortAllocator : IBufferAllocator
    {
        public byte[] Allocate(int size) => new byte[size - 1];
    }
}
