using ScsiBridge.Hal;
using ScsiBridge.Hal.Buffers;

namespace ScsiBridge.Firmware.Target
{
    /// <summary>
    /// A logical path from one remote initiator to the bridge's processor device (SCIOSTARTTGT):
    /// a share of the ring (num_bufs buffers of at most buf_size bytes), a receiver and its
    /// correlator. <see cref="Free"/> is the free routine the receiver returns buffers through.
    /// </summary>
    public sealed class TargetPath
    {
        private readonly object _lock = new object();
        private readonly BufferRing _ring;

        internal TargetPath(BufferRing ring, int initiatorId)
        {
            _ring = ring;
            InitiatorId = initiatorId;
        }

        public int InitiatorId { get; private set; }

        public int Correlator { get; private set; }

        public int BufferSize { get; private set; }

        public int Buffers { get; private set; }

        public bool IsOpen { get; private set; }

        internal ITargetReceiver? Receiver { get; private set; }

        /// <summary>Buffers delivered and not yet freed.</summary>
        public int Outstanding
        {
            get { lock (_lock) { return _outstanding; } }
        }

        /// <summary>Deliveries made since the path opened.</summary>
        public int Deliveries { get; internal set; }

        private int _outstanding;

        internal void Open(int bufferSize, int buffers, ITargetReceiver receiver, int correlator)
        {
            BufferSize = bufferSize;
            Buffers = buffers;
            Receiver = receiver;
            Correlator = correlator;
            Deliveries = 0;
            IsOpen = true;
        }

        internal void Close()
        {
            IsOpen = false;
            Receiver = null;
        }

        /// <summary>True while the path may take one more buffer of the ring.</summary>
        internal bool HasRoom
        {
            get { lock (_lock) { return _outstanding < Buffers; } }
        }

        internal void Lent()
        {
            lock (_lock)
            {
                _outstanding++;
            }
        }

        /// <summary>The free routine: gives a delivered buffer back. EINVAL for a buffer that is
        /// not out on this path (nothing changes then).</summary>
        public int Free(RingBuffer? buffer)
        {
            lock (_lock)
            {
                if (buffer == null || _outstanding == 0) return Errno.EINVAL;
                if (_ring.Release(buffer) != Errno.Ok) return Errno.EINVAL;
                _outstanding--;
            }
            return Errno.Ok;
        }
    }
}
