namespace ScsiBridge.Hal.Buffers
{
    /// <summary>
    /// The data plane's pinned ring in native memory (hal/native core/include/sb/slot_ring.h):
    /// fixed slots allocated once, named by handles that carry a generation, so a stale or made-up
    /// handle is refused instead of followed. Managed code never sees the slots' bytes as an array:
    /// it copies small things (CDBs, sense, headers) in and out with one call each, and hands slot
    /// ranges to the controller and the frame codec, which work on them natively.
    /// Acquire, release and the copies return a <see cref="RingStatus"/> (0 or negative) and never
    /// throw for a bad handle, offset, count or array.
    /// </summary>
    public interface ISlotRing
    {
        int SlotCount { get; }

        int SlotSize { get; }

        /// <summary>A free slot's handle (positive), or RingStatus.Empty.</summary>
        int Acquire();

        int Release(int handle);

        int CopyIn(int handle, int slotOffset, byte[] source, int sourceOffset, int count);

        int CopyOut(int handle, int slotOffset, byte[] destination, int destinationOffset, int count);

        /// <summary>Slot to slot, natively (the ranges may overlap).</summary>
        int Copy(int fromHandle, int fromOffset, int toHandle, int toOffset, int count);

        void GetStats(SlotRingStats into);
    }
}
