using ScsiBridge.Hal.Buffers;

namespace ScsiBridge.Hal.Esp32
{
    /// <summary>
    /// The board's pinned ring (sb/slot_ring.h in internal RAM, owned by the interop component):
    /// handles in and out, bytes only through one native copy each way. Managed arrays are checked
    /// here before they cross; the component checks handles and slot ranges. The firmware's
    /// threads share it, so every call holds a lock (the native ring serves one caller at a time).
    /// </summary>
    public sealed class Esp32SlotRing : ISlotRing
    {
        private readonly IRingInterop _native;
        private readonly object _lock = new object();
        private readonly int[] _stats = new int[InteropLayout.RingStatsFields];
        private readonly int _slots;
        private readonly int _slotSize;

        internal Esp32SlotRing(IRingInterop native, int slots, int slotSize)
        {
            _native = native;
            _slots = slots;
            _slotSize = slotSize;
        }

        public int SlotCount
        {
            get { return _slots; }
        }

        public int SlotSize
        {
            get { return _slotSize; }
        }

        /// <summary>The lock the frame codec takes too when it reads or writes a slot.</summary>
        internal object SyncRoot
        {
            get { return _lock; }
        }

        public int Acquire()
        {
            lock (_lock)
            {
                return _native.Acquire();
            }
        }

        public int Release(int handle)
        {
            lock (_lock)
            {
                return _native.Release(handle);
            }
        }

        public int CopyIn(int handle, int slotOffset, byte[] source, int sourceOffset, int count)
        {
            if (!Fits(source, sourceOffset, count) || slotOffset < 0) return RingStatus.BadArgument;
            lock (_lock)
            {
                return _native.CopyIn(handle, slotOffset, source, sourceOffset, count);
            }
        }

        public int CopyOut(int handle, int slotOffset, byte[] destination, int destinationOffset, int count)
        {
            if (!Fits(destination, destinationOffset, count) || slotOffset < 0) return RingStatus.BadArgument;
            lock (_lock)
            {
                return _native.CopyOut(handle, slotOffset, destination, destinationOffset, count);
            }
        }

        public int Copy(int fromHandle, int fromOffset, int toHandle, int toOffset, int count)
        {
            if (fromOffset < 0 || toOffset < 0 || count < 0) return RingStatus.BadArgument;
            lock (_lock)
            {
                return _native.Copy(fromHandle, fromOffset, toHandle, toOffset, count);
            }
        }

        public void GetStats(SlotRingStats into)
        {
            if (into == null) throw new System.ArgumentNullException("into");
            lock (_lock)
            {
                InteropStatus.Check(_native.GetStats(_stats), "reading the ring's counters");
                into.SlotCount = _stats[0];
                into.SlotSize = _stats[1];
                into.InUse = _stats[2];
                into.HighWater = _stats[3];
                into.Acquires = _stats[4];
                into.Releases = _stats[5];
                into.AcquireFailures = _stats[6];
                into.RefusedReleases = _stats[7];
            }
        }

        internal static bool Fits(byte[]? array, int offset, int count)
        {
            return array != null && offset >= 0 && count >= 0 && offset <= array.Length - count;
        }
    }
}
