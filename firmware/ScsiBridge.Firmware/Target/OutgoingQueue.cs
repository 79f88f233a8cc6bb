using ScsiBridge.Hal;
using ScsiBridge.Hal.Buffers;

namespace ScsiBridge.Firmware.Target
{
    /// <summary>Data the PC queued for each host's next RECEIVE, in ring buffers, in order.</summary>
    internal sealed class OutgoingQueue
    {
        private readonly object _lock = new object();
        private readonly BufferRing _ring;
        private readonly int[] _queue;       // ring indices, per initiator a slice of Depth entries
        private readonly int[] _head = new int[8];
        private readonly int[] _count = new int[8];
        private readonly int _depth;

        public OutgoingQueue(BufferRing ring)
        {
            _ring = ring;
            _depth = ring.Count;
            _queue = new int[8 * _depth];
        }

        public int Queued(int initiator)
        {
            lock (_lock)
            {
                return _count[initiator];
            }
        }

        /// <summary>Copies data into ring buffers queued for the initiator. ENOMEM when the ring
        /// has not enough free buffers (nothing is queued then).</summary>
        public int Add(int initiator, byte[] data, int offset, int count)
        {
            int size = _ring.BufferSize;
            int needed = (count + size - 1) / size;
            lock (_lock)
            {
                if (needed > _ring.FreeCount || _count[initiator] + needed > _depth) return Errno.ENOMEM;
                for (int done = 0; done < count;)
                {
                    RingBuffer? b = _ring.TryAcquire();
                    if (b == null) return Errno.ENOMEM;
                    int n = count - done < size ? count - done : size;
                    System.Array.Copy(data, offset + done, b.Data, 0, n);
                    b.Length = n;
                    _queue[initiator * _depth + (_head[initiator] + _count[initiator]) % _depth] = b.Index;
                    _count[initiator]++;
                    done += n;
                }
            }
            return Errno.Ok;
        }

        public RingBuffer? Take(int initiator)
        {
            lock (_lock)
            {
                if (_count[initiator] == 0) return null;
                int index = _queue[initiator * _depth + _head[initiator]];
                _head[initiator] = (_head[initiator] + 1) % _depth;
                _count[initiator]--;
                return _ring.At(index);
            }
        }

        /// <summary>Gives back everything queued for an initiator (its path closed).</summary>
        public void Drop(int initiator)
        {
            RingBuffer? b;
            while ((b = Take(initiator)) != null) _ring.Release(b);
        }
    }
}
