using nanoFramework.TestFramework;
using ScsiBridge.Hal;
using ScsiBridge.Hal.Buffers;

namespace ScsiBridge.SelfTests
{
    /// <summary>
    /// The buffer ring: its bookkeeping on a small ring of its own (ordinary arrays, so the test
    /// neither takes buffers from the running bridge nor allocates DMA memory), and the live
    /// ring's counters, read without touching a buffer.
    /// </summary>
    [TestClass]
    public class RingTests
    {
        [TestMethod]
        public void EveryBufferIsHandedOutOnceAndComesBack()
        {
            var ring = new BufferRing(4, 64, new ManagedBufferAllocator());
            var taken = new RingBuffer?[4];
            for (int i = 0; i < taken.Length; i++)
            {
                taken[i] = ring.TryAcquire();
                Assert.IsNotNull(taken[i], "buffer " + i.ToString() + " of 4");
                for (int j = 0; j < i; j++)
                {
                    Assert.IsFalse(object.ReferenceEquals(taken[i], taken[j]), "the ring handed out one buffer twice");
                }
            }

            Assert.IsNull(ring.TryAcquire(), "a fifth buffer from a ring of four");
            Assert.AreEqual(1, ring.AcquireFailures);
            for (int i = 0; i < taken.Length; i++)
            {
                Assert.AreEqual(Errno.Ok, ring.Release(taken[i]));
            }

            Assert.AreEqual(4, ring.FreeCount);
            Assert.AreEqual(4, ring.HighWater);
        }

        [TestMethod]
        public void ADoubleReleaseIsRefusedAndCounted()
        {
            var ring = new BufferRing(2, 64, new ManagedBufferAllocator());
            RingBuffer? buffer = ring.TryAcquire();
            Assert.AreEqual(Errno.Ok, ring.Release(buffer));

            Assert.AreEqual(Errno.EINVAL, ring.Release(buffer));
            Assert.AreEqual(1, ring.ReleaseErrors);
            Assert.AreEqual(2, ring.FreeCount);
        }

        [TestMethod]
        public void TheLiveRingIsIntact()
        {
            BufferRing? live = SelfTestEnvironment.LiveRing;
            if (live == null)
            {
                throw new SkipTestException("no running adapter ring here");
            }

            Assert.IsTrue(live.FreeCount + live.InUseCount == live.Count, "free and in-use buffers do not add up to the ring");
            Assert.AreEqual(0, live.ReleaseErrors, "releases the live ring refused (double, foreign or null)");
        }
    }
}
