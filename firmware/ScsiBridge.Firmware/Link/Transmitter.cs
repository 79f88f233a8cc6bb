using ScsiBridge.Firmware.Target;
using ScsiBridge.Hal;
using ScsiBridge.Hal.Buffers;
using ScsiBridge.Hal.DataPlane;
using ScsiBridge.Protocol;

namespace ScsiBridge.Firmware.Link
{
    /// <summary>
    /// The only writer of the link: one thread (<see cref="Run"/>) takes frames from a fixed FIFO
    /// and writes them out, so a slow UART holds up nobody but itself. Small frames (responses,
    /// errors, events) are encoded by their producer into one of a few fixed slots; read data and
    /// target data stay in their ring buffers until this thread encodes them onto the wire and
    /// gives the buffer back. The bus therefore fills the next ring buffer while the link sends
    /// the last one, and the ring alone bounds how far it may run ahead. Data in a native ring
    /// slot is framed by the platform's native encoder (COBS and CRC-32C in native code, read
    /// where the bytes lie); the C# FrameWriter frames the small frames and managed buffers.
    /// </summary>
    internal sealed class Transmitter
    {
        private const int KindFrame = 1;
        private const int KindReadData = 2;
        private const int KindTargetData = 3;

        /// <summary>Largest data part of a data frame: the payload less its 4-byte offset.</summary>
        public const int MaxDataPerFrame = LinkConstants.MaxPayload - 4;

        private readonly ILinkOutput _output;
        private readonly object _lock = new object();
        private readonly FrameWriter _writer = new FrameWriter();
        private readonly IDataFrameEncoder? _encoder;
        private readonly FrameWriter _slotWriter = new FrameWriter();  // producers share it, under its own lock
        private readonly byte[] _tx = new byte[LinkConstants.MaxEncoded];
        private readonly byte[] _dataHeader = new byte[12];
        private readonly IHalSignal _work;
        private readonly IHalSignal _space;

        // Encoded small frames.
        private readonly byte[][] _slots;
        private readonly int[] _slotLength;
        private readonly int[] _freeSlots;
        private int _freeSlotCount;

        // The FIFO, as parallel arrays so that queueing allocates nothing.
        private readonly int[] _kind;
        private readonly int[] _slot;
        private readonly RingBuffer?[] _buffer;
        private readonly TargetPath?[] _path;
        private readonly int[] _id;
        private readonly int[] _offset;
        private readonly int[] _count;
        private readonly int[] _aux;
        private readonly int[] _aux2;
        private int _head;
        private int _queued;
        private bool _busy;
        private bool _stop;

        public Transmitter(ILinkOutput output, IHalPlatform platform, int slots, int capacity)
        {
            _output = output;
            _encoder = platform.DataPlane != null ? platform.DataPlane.CreateEncoder() : null;
            _work = platform.CreateSignal();
            _space = platform.CreateSignal();
            _slots = new byte[slots][];
            _slotLength = new int[slots];
            _freeSlots = new int[slots];
            for (int i = 0; i < slots; i++)
            {
                _slots[i] = new byte[LinkConstants.MaxEncoded];
                _freeSlots[i] = i;
            }
            _freeSlotCount = slots;
            _kind = new int[capacity];
            _slot = new int[capacity];
            _buffer = new RingBuffer?[capacity];
            _path = new TargetPath?[capacity];
            _id = new int[capacity];
            _offset = new int[capacity];
            _count = new int[capacity];
            _aux = new int[capacity];
            _aux2 = new int[capacity];
        }

        /// <summary>Frames written to the link.</summary>
        public int FramesOut { get; private set; }

        /// <summary>Frames the link refused (port gone); their buffers came back all the same.</summary>
        public int WriteFailures { get; private set; }

        /// <summary>Data frames framed natively straight from a ring slot.</summary>
        public int NativeDataFrames { get; private set; }

        /// <summary>Data frames the native encoder refused (a bug if ever seen: the buffer is ours).</summary>
        public int EncodeFailures { get; private set; }

        /// <summary>True when nothing is queued and nothing is being written.</summary>
        public bool IsIdle
        {
            get { lock (_lock) { return _queued == 0 && !_busy; } }
        }

        /// <summary>Encodes a small frame into a free slot and queues it; waits while every slot
        /// or the FIFO is full (the link drains them in a frame time).</summary>
        public void SendFrame(byte type, byte flags, int opcode, int id, byte[] payload, int offset, int count)
        {
            int slot = TakeSlot();
            if (slot < 0) return;  // stopping
            // The receive side, the worker and the bus thread all send frames: one encodes at a time.
            lock (_slotWriter)
            {
                _slotLength[slot] = _slotWriter.Encode(type, flags, (byte)opcode, id, payload, offset, count, _slots[slot], 0);
            }
            if (!Enqueue(KindFrame, slot, null, null, id, 0, 0, 0, 0)) ReturnSlot(slot);
        }

        /// <summary>Queues read data that lies in a ring buffer; the buffer goes back to its ring
        /// once it is on the wire (or the link is gone).</summary>
        public void SendReadData(int id, int offset, RingBuffer buffer, int count)
        {
            if (!Enqueue(KindReadData, -1, buffer, null, id, offset, count, 0, 0)) buffer.Owner.Release(buffer);
        }

        /// <summary>Queues data a host sent to a target path; the buffer goes back through the
        /// path's free routine once it is on the wire.</summary>
        public void SendTargetData(TargetDelivery d)
        {
            if (!Enqueue(KindTargetData, -1, d.Buffer, d.Path, d.InitiatorId, d.Offset, d.Count, d.Correlator, d.Errors))
            {
                d.Path!.Free(d.Buffer);
            }
        }

        /// <summary>The transmitting thread: runs until Stop, then gives back whatever is queued.</summary>
        public void Run()
        {
            while (true)
            {
                int at;
                lock (_lock)
                {
                    at = -1;
                    if (_queued > 0)
                    {
                        at = _head;
                        _busy = true;
                    }
                }
                if (at < 0)
                {
                    bool stopping;
                    lock (_lock) stopping = _stop;
                    if (stopping) break;
                    _work.Wait(1000000L);
                    continue;
                }
                Transmit(at);
                lock (_lock)
                {
                    _head = (_head + 1) % _kind.Length;
                    _queued--;
                    _busy = false;
                }
                _space.Set();
            }
        }

        public void Stop()
        {
            lock (_lock) _stop = true;
            _work.Set();
            _space.Set();
        }

        private void Transmit(int at)
        {
            int kind = _kind[at];
            RingBuffer? buffer = _buffer[at];
            TargetPath? path = _path[at];
            _buffer[at] = null;
            _path[at] = null;
            try
            {
                if (kind == KindFrame) Write(_slots[_slot[at]], _slotLength[_slot[at]]);
                else if (kind == KindReadData) WriteReadData(_id[at], _offset[at], buffer!, _count[at]);
                else WriteTargetData(at, buffer!);
            }
            finally
            {
                if (kind == KindFrame) ReturnSlot(_slot[at]);
                else if (kind == KindReadData) buffer!.Owner.Release(buffer);
                else path!.Free(buffer);
            }
        }

        /// <summary>A full ring buffer takes two data frames, since the offset needs room too.</summary>
        private void WriteReadData(int id, int offset, RingBuffer buffer, int count)
        {
            for (int done = 0; done < count;)
            {
                int part = count - done < MaxDataPerFrame ? count - done : MaxDataPerFrame;
                PutU32(_dataHeader, 0, offset + done);
                int n = EncodeData(FrameType.Data, done + part < count ? FrameFlags.More : 0, Opcodes.Execute, id, 4, buffer, done, part);
                if (n < 0) return;  // counted; the rest of this buffer is lost with it
                Write(_tx, n);
                done += part;
            }
        }

        /// <summary>TARGET_DATA: initiator, correlator, offset, error flags, then the data.</summary>
        private void WriteTargetData(int at, RingBuffer buffer)
        {
            int count = _count[at];
            const int headerLength = 10;
            int done = 0;
            do
            {
                int room = LinkConstants.MaxPayload - headerLength;
                int part = count - done < room ? count - done : room;
                _dataHeader[0] = (byte)_id[at];
                PutU32(_dataHeader, 1, _aux[at]);
                PutU32(_dataHeader, 5, _offset[at] + done);
                _dataHeader[9] = (byte)_aux2[at];
                int n = EncodeData(FrameType.Event, 0, Opcodes.TargetData, 0, headerLength, buffer, done, part);
                if (n < 0) return;
                Write(_tx, n);
                done += part;
            }
            while (done < count);
        }

        /// <summary>A frame of _dataHeader[0, headerLength) then count bytes of buffer from at, into
        /// _tx: natively straight from the ring slot when the buffer is native. Its length, or -1.</summary>
        private int EncodeData(byte type, int flags, int opcode, int id, int headerLength, RingBuffer buffer, int at, int count)
        {
            if (!buffer.IsNative)
            {
                return _writer.EncodeTwoPart(type, (byte)flags, (byte)opcode, id, _dataHeader, 0, headerLength, buffer.Data, at, count, _tx, 0);
            }
            int n = _encoder != null
                ? _encoder.EncodeFromSlot(type, flags, opcode, id, _dataHeader, 0, headerLength, buffer.Slots!, buffer.Handle, at, count, _tx, 0)
                : FrameStatus.BadArgument;
            if (n > 0)
            {
                NativeDataFrames++;
                return n;
            }
            EncodeFailures++;
            return -1;
        }

        private void Write(byte[] frame, int length)
        {
            try
            {
                _output.Write(frame, 0, length);
                FramesOut++;
            }
            catch (System.Exception)
            {
                // The port is gone (USB unplugged): the frame is lost with the peer, which the
                // receive side learns of too. Buffers still come back.
                WriteFailures++;
            }
        }

        private static void PutU32(byte[] b, int at, int value)
        {
            b[at] = (byte)value;
            b[at + 1] = (byte)(value >> 8);
            b[at + 2] = (byte)(value >> 16);
            b[at + 3] = (byte)(value >> 24);
        }

        private bool Enqueue(int kind, int slot, RingBuffer? buffer, TargetPath? path, int id, int offset, int count, int aux, int aux2)
        {
            while (true)
            {
                lock (_lock)
                {
                    if (_stop) return false;
                    if (_queued < _kind.Length)
                    {
                        int at = (_head + _queued) % _kind.Length;
                        _kind[at] = kind;
                        _slot[at] = slot;
                        _buffer[at] = buffer;
                        _path[at] = path;
                        _id[at] = id;
                        _offset[at] = offset;
                        _count[at] = count;
                        _aux[at] = aux;
                        _aux2[at] = aux2;
                        _queued++;
                        break;
                    }
                }
                _space.Wait(1000000L);
            }
            _work.Set();
            return true;
        }

        private int TakeSlot()
        {
            while (true)
            {
                lock (_lock)
                {
                    if (_stop) return -1;
                    if (_freeSlotCount > 0) return _freeSlots[--_freeSlotCount];
                }
                _space.Wait(1000000L);
            }
        }

        private void ReturnSlot(int slot)
        {
            lock (_lock)
            {
                _freeSlots[_freeSlotCount++] = slot;
            }
            _space.Set();
        }
    }
}
