using System;
using ScsiBridge.Hal.Buffers;

namespace ScsiBridge.Hal.Sim
{
    /// <summary>
    /// The native slot ring of the simulator library (sb_ring_*): the same core code the board
    /// runs, its memory one native allocation made at creation. The firmware's threads share it,
    /// so every call holds a lock (the native ring serves one caller at a time). Managed arguments
    /// are checked here before any pointer is made from them; the native side checks handles and
    /// slot ranges. The memory is freed by Dispose, or by the finalizer if nobody disposes it.
    /// </summary>
    public sealed unsafe class NativeSlotRing : ISlotRing, IDisposable
    {
        private readonly object _lock = new object();
        private IntPtr _ring;

        public NativeSlotRing(int slots, int slotSize)
        {
            if (slots <= 0 || slots > 256) throw new ArgumentOutOfRangeException(nameof(slots), "a native ring has 1 to 256 slots");
            if (slotSize <= 0 || slotSize > 1 << 20) throw new ArgumentOutOfRangeException(nameof(slotSize), "a ring slot has 1 byte to 1 MiB");
            if (NativeMethods.DataPlaneAbiVersion() != NativeConstants.DataPlaneAbiVersion)
            {
                throw new HalException("The native library's data plane ABI is not the one this binding was built for; rebuild hal/native.");
            }
            _ring = NativeMethods.RingCreate((uint)slots, (uint)slotSize);
            if (_ring == IntPtr.Zero) throw new OutOfMemoryException("the native ring's memory could not be allocated");
            SlotCount = slots;
            SlotSize = slotSize;
        }

        ~NativeSlotRing()
        {
            Free();
        }

        public int SlotCount { get; }

        public int SlotSize { get; }

        internal IntPtr Handle
        {
            get { return _ring; }
        }

        /// <summary>The lock every native call on this ring holds (the codec takes it too).</summary>
        internal object SyncRoot
        {
            get { return _lock; }
        }

        public int Acquire()
        {
            lock (_lock)
            {
                if (_ring == IntPtr.Zero) return RingStatus.Unset;
                uint handle;
                int rc = NativeMethods.RingAcquire(_ring, &handle);
                return rc == RingStatus.Ok ? (int)handle : rc;
            }
        }

        public int Release(int handle)
        {
            lock (_lock)
            {
                if (_ring == IntPtr.Zero) return RingStatus.Unset;
                return NativeMethods.RingRelease(_ring, (uint)handle);
            }
        }

        public int CopyIn(int handle, int slotOffset, byte[] source, int sourceOffset, int count)
        {
            if (!Fits(source, sourceOffset, count) || slotOffset < 0) return RingStatus.BadArgument;
            lock (_lock)
            {
                if (_ring == IntPtr.Zero) return RingStatus.Unset;
                fixed (byte* p = source)
                {
                    return NativeMethods.RingCopyIn(_ring, (uint)handle, (uint)slotOffset, p + sourceOffset, (uint)count);
                }
            }
        }

        public int CopyOut(int handle, int slotOffset, byte[] destination, int destinationOffset, int count)
        {
            if (!Fits(destination, destinationOffset, count) || slotOffset < 0) return RingStatus.BadArgument;
            lock (_lock)
            {
                if (_ring == IntPtr.Zero) return RingStatus.Unset;
                fixed (byte* p = destination)
                {
                    return NativeMethods.RingCopyOut(_ring, (uint)handle, (uint)slotOffset, p + destinationOffset, (uint)count);
                }
            }
        }

        public int Copy(int fromHandle, int fromOffset, int toHandle, int toOffset, int count)
        {
            if (fromOffset < 0 || toOffset < 0 || count < 0) return RingStatus.BadArgument;
            lock (_lock)
            {
                if (_ring == IntPtr.Zero) return RingStatus.Unset;
                return NativeMethods.RingCopy(_ring, (uint)fromHandle, (uint)fromOffset, (uint)toHandle, (uint)toOffset, (uint)count);
            }
        }

        public void GetStats(SlotRingStats into)
        {
            if (into == null) throw new ArgumentNullException(nameof(into));
            NativeRingStats s = default;
            lock (_lock)
            {
                if (_ring != IntPtr.Zero) NativeMethods.RingGetStats(_ring, &s);
            }
            into.SlotCount = (int)s.SlotCount;
            into.SlotSize = (int)s.SlotSize;
            into.InUse = (int)s.InUse;
            into.HighWater = (int)s.HighWater;
            into.Acquires = (int)s.Acquires;
            into.Releases = (int)s.Releases;
            into.AcquireFailures = (int)s.AcquireFailures;
            into.RefusedReleases = (int)s.RefusedReleases;
        }

        /// <summary>The native address of a slot range, for sb_command.buffer; a RingStatus on failure.</summary>
        internal int AddressOf(int handle, int slotOffset, int count, out ulong address)
        {
            address = 0;
            if (slotOffset < 0 || count < 0) return RingStatus.BadArgument;
            lock (_lock)
            {
                if (_ring == IntPtr.Zero) return RingStatus.Unset;
                byte* at;
                int rc = NativeMethods.RingAddress(_ring, (uint)handle, (uint)slotOffset, (uint)count, &at);
                if (rc == RingStatus.Ok) address = (ulong)at;
                return rc;
            }
        }

        public void Dispose()
        {
            Free();
            GC.SuppressFinalize(this);
        }

        private void Free()
        {
            lock (_lock)
            {
                if (_ring == IntPtr.Zero) return;
                NativeMethods.RingDestroy(_ring);
                _ring = IntPtr.Zero;
            }
        }

        internal static bool Fits(byte[]? array, int offset, int count)
        {
            return array != null && offset >= 0 && count >= 0 && offset <= array.Length - count;
        }
    }
}
