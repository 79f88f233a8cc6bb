namespace ScsiBridge.Hal.Esp32
{
    /// <summary>
    /// The interop component's ring calls (Interop/NativeRing on the board, a fake in tests): the
    /// board's one pinned ring in internal RAM, named by handles. The bytes never cross into
    /// managed code except through CopyIn and CopyOut, one native copy each.
    /// </summary>
    internal interface IRingInterop
    {
        /// <summary>Gives the ring slots of slotSize bytes from the component's fixed memory; 0 or a negative status.</summary>
        int Create(int slots, int slotSize);

        /// <summary>A handle (positive) or a negative RingStatus.</summary>
        int Acquire();

        int Release(int handle);

        int CopyIn(int handle, int slotOffset, byte[] source, int sourceOffset, int count);

        int CopyOut(int handle, int slotOffset, byte[] destination, int destinationOffset, int count);

        int Copy(int fromHandle, int fromOffset, int toHandle, int toOffset, int count);

        /// <summary>Fills InteropLayout.RingStatsFields counters in SlotRingStats order.</summary>
        int GetStats(int[] into);
    }
}
