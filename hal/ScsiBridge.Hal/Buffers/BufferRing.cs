using System;

namespace ScsiBridge.Hal.Buffers
{
    /// <summary>
    /// The fixed buffer ring every data path of the firmware uses: <c>count</c> buffers of
    /// <c>bufferSize</c> bytes, allocated once at start-up and never again. Acquire and release
    /// allocate nothing. Ownership is checked: releasing a buffer twice, one the ring did not
    /// hand out, or null is refused with EINVAL and counted, and the ring stays intact.
    /// The bytes live in managed arrays from an <see cref="IBufferAllocator"/>, or in the slots of
    /// the platform's native ring (<see cref="ISlotRing"/>): then every acquisition takes a native
    /// slot too, and every release gives it back, so the native counters match these.
    /// </summary>
    public sealed class BufferRing
    {
        private readonly RingBuffer[] _buffers;
        private readonly int[] _free;       // stack of free indices
        private readonly object _lock = new object();
        private int _freeCount;
        private int _highWater;
        private int _acquireFailures;
        private int _releaseErrors;
        private int _releases;
        private IRingListener? _listener;

        public BufferRing(int count, int bufferSize, IBufferAllocator allocator)
        {
            if (count <= 0) throw new ArgumentOutOfRangeException("count", "a ring needs at least one buffer");
            if (bufferSize <= 0) throw new ArgumentOutOfRangeException("bufferSize", "buffers need at least one byte");
            if (allocator == null) throw new ArgumentNullException("allocator");
            BufferSize = bufferSize;
            _buffers = new RingBuffer[count];
            _free = new int[count];
            for (int i = 0; i < count; i++)
            {
                byte[] data = allocator.Allocate(bufferSize);
                if (data == null || data.Length < bufferSize)
                {
                    throw new ArgumentException("the allocator returned too small a buffer", "allocator");
                }
                _buffers[i] = new RingBuffer(this, i, data, bufferSize);
                // Lowest index on top, so a fresh ring hands out buffer 0 first.
                _free[i] = count - 1 - i;
            }
            _freeCount = count;
        }

        /// <summary>A ring over the slots of a native ring: one buffer per slot, no managed arrays.</summary>
        public BufferRing(ISlotRing slots)
        {
            if (slots == null) throw new ArgumentNullException("slots");
            if (slots.SlotCount <= 0 || slots.SlotSize <= 0) throw new ArgumentException("the native ring has no slots", "slots");
            Slots = slots;
            int count = slots.SlotCount;
            BufferSize = slots.SlotSize;
            _buffers = new RingBuffer[count];
            _free = new int[count];
            for (int i = 0; i < count; i++)
            {
                _buffers[i] = new RingBuffer(this, i, null, BufferSize);
                _free[i] = count - 1 - i;
            }
            _freeCount = count;
        }

        /// <summary>The native ring the buffers live in, or null when they are managed arrays.</summary>
        public ISlotRing? Slots { get; private set; }

        public int Count
        {
            get { return _buffers.Length; }
        }

        public int BufferSize { get; private set; }

        public int FreeCount
        {
            get { lock (_lock) { return _freeCount; } }
        }

        public int InUseCount
        {
            get { lock (_lock) { return _buffers.Length - _freeCount; } }
        }

        /// <summary>The most buffers ever in use at once.</summary>
        public int HighWater
        {
            get { lock (_lock) { return _highWater; } }
        }

        /// <summary>Acquisitions that found no buffer free.</summary>
        public int AcquireFailures
        {
            get { lock (_lock) { return _acquireFailures; } }
        }

        /// <summary>Refused releases: double, foreign or null.</summary>
        public int ReleaseErrors
        {
            get { lock (_lock) { return _releaseErrors; } }
        }

        /// <summary>Successful releases so far; waiters compare it to see that buffers came back.</summary>
        public int Releases
        {
            get { lock (_lock) { return _releases; } }
        }

        /// <summary>One listener at a time (the adapter); null removes it.</summary>
        public void SetListener(IRingListener? listener)
        {
            lock (_lock)
            {
                _listener = listener;
            }
        }

        /// <summary>A free buffer with Length 0, or null when none is free (counted).</summary>
        public RingBuffer? TryAcquire()
        {
            lock (_lock)
            {
                if (_freeCount == 0)
                {
                    _acquireFailures++;
                    return null;
                }
                int index = _free[_freeCount - 1];
                int handle = 0;
                if (Slots != null)
                {
                    // The native ring keeps the same lowest-first order, so it hands out this
                    // very slot; anything else means someone else took slots from it.
                    handle = Slots.Acquire();
                    if (handle <= 0 || RingStatus.IndexOf(handle) != index)
                    {
                        if (handle > 0) Slots.Release(handle);
                        throw new InvalidOperationException("the native ring is out of step with its buffer ring: " + RingStatus.Describe(handle));
                    }
                }
                _freeCount--;
                RingBuffer b = _buffers[index];
                b.Handle = handle;
                b.InUse = true;
                b.Length = 0;
                b.Generation++;
                int inUse = _buffers.Length - _freeCount;
                if (inUse > _highWater) _highWater = inUse;
                return b;
            }
        }

        /// <summary>Errno.Ok, or Errno.EINVAL for null, a buffer of another ring, or one not in use.</summary>
        public int Release(RingBuffer? buffer)
        {
            IRingListener? listener;
            lock (_lock)
            {
                if (buffer == null || buffer.Owner != this || !buffer.InUse || _buffers[buffer.Index] != buffer)
                {
                    _releaseErrors++;
                    return Errno.EINVAL;
                }
                if (Slots != null)
                {
                    int rc = Slots.Release(buffer.Handle);
                    if (rc != RingStatus.Ok) throw new InvalidOperationException("the native ring refused a slot its buffer ring held: " + RingStatus.Describe(rc));
                    buffer.Handle = 0;
                }
                buffer.InUse = false;
                buffer.Length = 0;
                _free[_freeCount] = buffer.Index;
                _freeCount++;
                _releases++;
                listener = _listener;
            }
            // Outside the lock: the listener may acquire again.
            if (listener != null) listener.OnBufferReleased(this);
            return Errno.Ok;
        }

        /// <summary>The buffer at a ring position (for a link frame or native code naming it).</summary>
        public RingBuffer At(int index)
        {
            if (index < 0 || index >= _buffers.Length) throw new ArgumentOutOfRangeException("index", "no such buffer in the ring");
            return _buffers[index];
        }
    }
}
