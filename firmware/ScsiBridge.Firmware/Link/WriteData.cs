using ScsiBridge.Firmware.Adapter;
using ScsiBridge.Hal;
using ScsiBridge.Hal.Buffers;
using ScsiBridge.Protocol;

namespace ScsiBridge.Firmware.Link
{
    /// <summary>
    /// The data of EXECUTE writes as it arrives in data frames: each accepted frame waits in a
    /// ring buffer until the bus takes it, in order, through <see cref="Fill"/>. The PC may only
    /// have as many data frames outstanding as it holds credits; every frame the bridge is given
    /// returns its credit once its buffer is free again (at once when the frame is dropped), in
    /// CREDIT events. Frames must come in offset order: a duplicate (a retransmission of what is
    /// already here) is dropped quietly, a gap is refused with the offset the bridge expects, so
    /// the PC resends from there.
    /// Several writes may be announced at once (a PC pipelines them): frames of different writes
    /// may be interleaved (a resend of the first after the second's data), so the bus takes the
    /// running write's frames wherever they are in the queue, and the last free buffer is kept for
    /// the oldest write still missing data, so a later write's frames can never fill the ring
    /// while the one ahead of it waits for a resent frame.
    /// </summary>
    internal sealed class WriteData : IDataSource
    {
        public const uint UnknownOffset = 0xFFFFFFFF;

        private readonly object _lock = new object();
        private readonly BufferRing _ring;
        private readonly IHalClock _clock;
        private readonly IHalSignal _arrived;
        private readonly Transmitter _tx;
        private readonly byte[] _creditPayload = new byte[2];

        // Writes the PC has announced (their EXECUTE is in the window).
        private readonly int[] _writeId;
        private readonly int[] _expected;
        private readonly int[] _total;
        private readonly int[] _announced;  // announcement order: the oldest write has the lowest
        private int _announcements;

        // Accepted frames in arrival order, packed from index 0.
        private readonly int[] _frameId;
        private readonly int[] _frameOffset;
        private readonly int[] _frameCount;
        private readonly RingBuffer?[] _frameBuffer;
        private int _held;

        private int _consumedInFront;  // bytes of the running write's first held frame the bus has taken
        private int _pendingCredits;
        private int _aborts;
        private int _runningId = -1;

        public WriteData(BufferRing ring, IHalPlatform platform, Transmitter tx, int window, int credits)
        {
            _ring = ring;
            _clock = platform.Clock;
            _arrived = platform.CreateSignal();
            _tx = tx;
            Credits = credits;
            _writeId = new int[window];
            _expected = new int[window];
            _total = new int[window];
            _announced = new int[window];
            for (int i = 0; i < window; i++) _writeId[i] = -1;
            _frameId = new int[credits];
            _frameOffset = new int[credits];
            _frameCount = new int[credits];
            _frameBuffer = new RingBuffer?[credits];
        }

        /// <summary>Data frames the PC may have outstanding (HELLO says so).</summary>
        public int Credits { get; private set; }

        /// <summary>Frames held now, waiting for the bus.</summary>
        public int Held
        {
            get { lock (_lock) { return _held; } }
        }

        /// <summary>Data frames dropped: duplicates, gaps, unknown requests, no credit.</summary>
        public int Dropped { get; private set; }

        /// <summary>An EXECUTE with length bytes to write was admitted: its data may come.</summary>
        public void Announce(int id, int length)
        {
            lock (_lock)
            {
                for (int i = 0; i < _writeId.Length; i++)
                {
                    if (_writeId[i] != -1) continue;
                    _writeId[i] = id;
                    _expected[i] = 0;
                    _total[i] = length;
                    _announced[i] = ++_announcements;
                    return;
                }
            }
        }

        /// <summary>A damaged data frame: nothing to hold, but the PC spent a credit on it.</summary>
        public void ReturnDamaged()
        {
            Dropped++;
            ReturnCredits(1);
            FlushCredits();
        }

        /// <summary>The worker is about to run the write with this id; Fill serves it.</summary>
        public void Begin(int id)
        {
            _runningId = id;
        }

        /// <summary>The offset the bridge wants next for that write, or UnknownOffset.</summary>
        public uint Expected(int id)
        {
            lock (_lock)
            {
                int w = FindWrite(id);
                return w < 0 ? UnknownOffset : (uint)_expected[w];
            }
        }

        /// <summary>
        /// A data frame arrived. Returns 0 when it is taken or dropped as a duplicate, else the
        /// link error to answer it with (its credit is returned either way).
        /// </summary>
        public int Accept(int id, LinkReceiver frame)
        {
            byte[] payload = frame.Payload;
            int offset = frame.PayloadOffset;
            int length = frame.PayloadLength;
            if (length < 4)
            {
                ReturnCredits(1);
                return LinkErrors.BadLength;
            }
            int at = payload[offset] | (payload[offset + 1] << 8) | (payload[offset + 2] << 16) | (payload[offset + 3] << 24);
            int count = length - 4;
            int error = 0;
            lock (_lock)
            {
                int w = FindWrite(id);
                if (w < 0) error = LinkErrors.BadArgument;
                else if (count == 0) error = -1;  // nothing to hold
                else if (at < 0 || at + count > _total[w]) error = LinkErrors.BadArgument;
                else if (at + count <= _expected[w]) error = -1;  // already here: a duplicate
                else if (at != _expected[w]) error = LinkErrors.DataOutOfOrder;
                else if (count > _ring.BufferSize) error = LinkErrors.PayloadTooLarge;  // longer than a ring buffer
                else if (_held == _frameId.Length) error = LinkErrors.Busy;
                else if (_held == _frameId.Length - 1 && w != OldestIncomplete()) error = LinkErrors.Busy;  // the last buffer waits for the write ahead
                else
                {
                    RingBuffer? b = count > 0 ? _ring.TryAcquire() : null;
                    if (count > 0 && b == null) error = LinkErrors.Busy;
                    else
                    {
                        if (b != null) frame.PayloadToRing(b, 0, 4, count);  // receiver to slot, natively
                        int slot = _held;
                        _frameId[slot] = id;
                        _frameOffset[slot] = at;
                        _frameCount[slot] = count;
                        _frameBuffer[slot] = b;
                        _held++;
                        _expected[w] = at + count;
                    }
                }
            }
            if (error != 0)
            {
                Dropped++;
                ReturnCredits(1);
                FlushCredits();
                return error < 0 ? 0 : error;
            }
            _arrived.Set();
            return 0;
        }

        /// <summary>
        /// The bus wants count bytes of the running write at offset (adapter's bus thread).
        /// Waits for frames until the command's deadline; a write the PC stops feeding, or one
        /// that asks for data again after a restore (gone from the ring by then), ends the
        /// command, which the caller learns as ETIMEDOUT.
        /// </summary>
        public void Fill(IoRequest request, int offset, RingBuffer buffer, int count)
        {
            int id = _runningId;
            int done = 0;
            int aborts = _aborts;
            while (done < count)
            {
                bool progressed = false;
                lock (_lock)
                {
                    int slot = FirstHeld(id);
                    if (slot >= 0)
                    {
                        int frameAt = _frameOffset[slot] + _consumedInFront;
                        if (frameAt != offset + done) throw new LinkDataException("the bus asked for write data the link already passed on");
                        int left = _frameCount[slot] - _consumedInFront;
                        int n = count - done < left ? count - done : left;
                        _frameBuffer[slot]!.CopyTo(_consumedInFront, buffer, done, n);  // slot to slot, natively
                        done += n;
                        _consumedInFront += n;
                        if (_consumedInFront == _frameCount[slot]) ReleaseHeld(slot);
                        progressed = true;
                    }
                }
                if (progressed) continue;
                FlushCredits();
                long left2 = request.DeadlineNs - _clock.NowNs;
                if (left2 <= 0 || aborts != _aborts) throw new LinkDataException("the write data did not arrive in time");
                _arrived.Wait(left2 < 1000000L ? left2 : 1000000L);
            }
            FlushCredits();
        }

        /// <summary>The write ended (run or refused): frames it left behind are dropped and credited.</summary>
        public void Finish(int id)
        {
            lock (_lock)
            {
                int w = FindWrite(id);
                if (w >= 0) _writeId[w] = -1;
                DropHeld(id);
            }
            FlushCredits();
        }

        /// <summary>The session ended: every held frame goes back, a waiting Fill gives up.</summary>
        public void Abort()
        {
            lock (_lock)
            {
                _aborts++;
                for (int i = 0; i < _writeId.Length; i++) _writeId[i] = -1;
                DropHeld(-1);
                _pendingCredits = 0;  // the next session starts with a full allowance
            }
            _arrived.Set();
        }

        /// <summary>Sends the credits returned so far in one CREDIT event.</summary>
        public void FlushCredits()
        {
            int n;
            lock (_lock)
            {
                n = _pendingCredits;
                _pendingCredits = 0;
            }
            if (n == 0) return;
            lock (_creditPayload)
            {
                _creditPayload[0] = (byte)n;
                _creditPayload[1] = (byte)(n >> 8);
                _tx.SendFrame(FrameType.Event, 0, Opcodes.Credit, 0, _creditPayload, 0, 2);
            }
        }

        private void ReturnCredits(int n)
        {
            lock (_lock)
            {
                _pendingCredits += n;
            }
        }

        private int FindWrite(int id)
        {
            for (int i = 0; i < _writeId.Length; i++)
            {
                if (_writeId[i] == id) return i;
            }
            return -1;
        }

        /// <summary>The queue slot of the first held frame of that write (under the lock), or -1.</summary>
        private int FirstHeld(int id)
        {
            for (int i = 0; i < _held; i++)
            {
                if (_frameId[i] == id) return i;
            }
            return -1;
        }

        /// <summary>The write slot of the earliest announced write still missing data, or -1.</summary>
        private int OldestIncomplete()
        {
            int oldest = -1;
            for (int i = 0; i < _writeId.Length; i++)
            {
                if (_writeId[i] == -1 || _expected[i] >= _total[i]) continue;
                if (oldest < 0 || _announced[i] - _announced[oldest] < 0) oldest = i;
            }
            return oldest;
        }

        /// <summary>Frees one held frame the bus has used up (under the lock); the frames behind it
        /// close up so the queue keeps its arrival order.</summary>
        private void ReleaseHeld(int slot)
        {
            RingBuffer? b = _frameBuffer[slot];
            if (b != null) _ring.Release(b);
            for (int i = slot; i < _held - 1; i++)
            {
                _frameId[i] = _frameId[i + 1];
                _frameOffset[i] = _frameOffset[i + 1];
                _frameCount[i] = _frameCount[i + 1];
                _frameBuffer[i] = _frameBuffer[i + 1];
            }
            _frameBuffer[_held - 1] = null;
            _held--;
            _consumedInFront = 0;
            _pendingCredits++;
        }

        /// <summary>Drops held frames of one write (or all for -1), keeping the others in order.</summary>
        private void DropHeld(int id)
        {
            int kept = 0;
            int n = _held;
                        for (int i = 0; i < n; i++)
            {
                int slot = i;
                if (id == -1 || _frameId[slot] == id)
                {
                    RingBuffer? b = _frameBuffer[slot];
                    _frameBuffer[slot] = null;
                    if (b != null) _ring.Release(b);
                    _pendingCredits++;
                }
                else
                {
                    int to = kept;
                    _frameId[to] = _frameId[slot];
                    _frameOffset[to] = _frameOffset[slot];
                    _frameCount[to] = _frameCount[slot];
                    _frameBuffer[to] = _frameBuffer[slot];
                    if (to != slot) _frameBuffer[slot] = null;
                    kept++;
                }
            }
            _held = kept;
            _consumedInFront = 0;  // only the write that just ended (or every write) had a frame begun
        }
    }
}
