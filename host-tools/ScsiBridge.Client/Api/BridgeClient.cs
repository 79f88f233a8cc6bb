using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using ScsiBridge.Client.Transports;
using ScsiBridge.Protocol;

namespace ScsiBridge.Client.Api
{
    /// <summary>
    /// Talks to a bridge over any link transport (docs/protocol.md): requests with ids, up to the
    /// bridge's window in flight; each is sent again with the same id when its answer is late or
    /// the bridge says the frame was damaged (the bridge replays rather than repeats); read data
    /// is reassembled from data frames, write data goes out under the bridge's credits and is
    /// resent from wherever the bridge says it stands; events and target data arrive as async
    /// streams; every failure is a typed exception. The operations are in the other parts of
    /// this class.
    /// </summary>
    public sealed partial class BridgeClient : IAsyncDisposable, IDisposable
    {
        private readonly ILinkTransport _link;
        private readonly BridgeClientOptions _options;
        private readonly object _lock = new object();
        private readonly Dictionary<int, Pending> _pending = new Dictionary<int, Pending>();
        private readonly Channel<DeviceEvent> _events = Channel.CreateUnbounded<DeviceEvent>();
        private readonly Channel<TargetData>?[] _targetData = new Channel<TargetData>?[8];
        private readonly FrameWriter _writer = new FrameWriter();
        private readonly byte[] _tx = new byte[LinkConstants.MaxEncoded];
        private readonly SemaphoreSlim _window = new SemaphoreSlim(1, 64);
        private readonly SemaphoreSlim _writeGate = new SemaphoreSlim(1, 1);
        private readonly SemaphoreSlim _creditArrived = new SemaphoreSlim(0);
        private readonly Thread _reader;
        private volatile bool _closed;
        private Exception? _linkFailure;
        private int _nextId;
        private int _credits = 1;
        private int _suspectLostCredits;
        private long _lastReceiveMs;
        private long _bytesIn;
        private int _echoedRequests;
        private long _queuedDataBytes;
        private double _linkBytesPerSecond;

        // The first bytes the port sent, kept until a frame decodes: when HELLO goes unanswered
        // they tell a board without the firmware (boot ROM text, nanoFramework) from silence.
        private readonly byte[] _heard = new byte[PortProbe.MaxHeard];
        private int _heardCount;
        private bool _frameSeen;

        public BridgeClient(ILinkTransport link, BridgeClientOptions? options = null)
        {
            _link = link;
            _options = options ?? new BridgeClientOptions();
            _reader = new Thread(ReadLoop) { IsBackground = true, Name = "bridge link reader" };
            _reader.Start();
        }

        /// <summary>What HELLO said; null before it.</summary>
        public BridgeInfo? Info { get; private set; }

        /// <summary>Requests that had to be sent more than once.</summary>
        public int Retransmissions { get; private set; }

        /// <summary>Write data frames sent again after the bridge asked for them (a lost frame).</summary>
        public int DataResends { get; private set; }

        /// <summary>Reads run again because a data frame of theirs was lost on the way.</summary>
        public int ReadDataLosses { get; internal set; }

        /// <summary>The transport's name (the port).</summary>
        public string PortName => _link.Name;

        /// <summary>The clock of the client's timeouts (BridgeClientOptions.Time).</summary>
        public TimeProvider Time => _options.Time;

        private long NowMs => (long)_options.Time.GetElapsedTime(0).TotalMilliseconds;

        // ---- the protocol core ----

        private sealed class Pending
        {
            public readonly TaskCompletionSource<byte[]> Done = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
            public readonly SemaphoreSlim SendAgain = new SemaphoreSlim(0);
            public required byte Opcode;
            public Action<int, byte[], int, int>? OnData;
            public WriteStream? Write;

            /// <summary>A data frame for this request arrived damaged: its data has a hole.</summary>
            public volatile bool DataDamaged;

            /// <summary>Its answer arrived damaged: the bridge has run it, so a write's data need
            /// not go again with the retransmission.</summary>
            public volatile bool AnswerDamaged;
        }

        /// <summary>Whether this request still holds the write gate.</summary>
        private sealed class GateHold
        {
            public bool Held;
        }

        /// <summary>The data of a write being sent: where the sender is, a wake-up for it when
        /// the bridge asks for data again from an earlier offset, and a signal once every byte
        /// has been sent the first time (the next write's data may follow from then on).</summary>
        private sealed class WriteStream
        {
            public readonly SemaphoreSlim Changed = new SemaphoreSlim(0);
            public readonly TaskCompletionSource AllSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            public required ReadOnlyMemory<byte> Data;
            public int Next;
            public bool Refused;  // the bridge had no room for a frame: wait a moment before the next

            public void Rewind(int offset, bool refused = false)
            {
                lock (this)
                {
                    if (offset < Next) Next = offset;
                    if (refused) Refused = true;
                }
                Changed.Release();
            }
        }

        /// <summary>Sends a request and returns its response payload (errno first), retransmitting
        /// when the answer is late. Data frames for it go to onData(offset, buffer, start, count);
        /// dataOut, when given, follows the request in data frames under credits. dataIn is how
        /// many bytes the answer brings, so that the wait allows for them at the link's rate.</summary>
        public Task<byte[]> RequestAsync(byte opcode, byte[] payload, Action<int, byte[], int, int>? onData = null,
                                         CancellationToken cancellationToken = default, ReadOnlyMemory<byte> dataOut = default, int dataIn = 0)
        {
            return RequestAsync(opcode, payload, onData, cancellationToken, dataOut, dataIn, _options.ResponseTimeout, _options.Attempts);
        }

        /// <summary>
        /// How long to wait for an answer before sending again: the response timeout, plus the
        /// time the data of every request in flight takes at the link's measured rate (a read
        /// queued behind three others waits for their data too), and never while bytes are
        /// still arriving from the bridge: at 9600 baud a 64 KiB read takes over a minute, and
        /// sending it again would only start it over. Before HELLO has answered nothing counts
        /// as the bridge's, so a port that echoes or babbles is not mistaken for a busy bridge.
        /// </summary>
        private long AttemptDeadlineMs(long sentAtMs, TimeSpan timeout)
        {
            long baseMs = (long)timeout.TotalMilliseconds;
            double rate = Volatile.Read(ref _linkBytesPerSecond);
            long queued = Interlocked.Read(ref _queuedDataBytes);
            long transfer = rate > 0 ? (long)(queued * 1.5 * 1000 / rate) : 0;
            long deadline = sentAtMs + baseMs + transfer;
            if (Info != null) deadline = Math.Max(deadline, Interlocked.Read(ref _lastReceiveMs) + baseMs);
            return deadline;
        }

        private async Task<byte[]> RequestAsync(byte opcode, byte[] payload, Action<int, byte[], int, int>? onData, CancellationToken cancellationToken,
                                                ReadOnlyMemory<byte> dataOut, int dataIn, TimeSpan timeout, int attempts)
        {
            string operation = Opcodes.Name(opcode);
            bool writes = dataOut.Length > 0;
            await _window.WaitAsync(cancellationToken).ConfigureAwait(false);
            var gate = new GateHold();
            int id = 0;
            long dataBytes = (long)dataIn + dataOut.Length;
            Interlocked.Add(ref _queuedDataBytes, dataBytes);
            using var pumpStop = new CancellationTokenSource();
            Task? pump = null;
            try
            {
                if (writes)
                {
                    // Writes' data goes out one write after another, in request order: the gate
                    // opens for the next write once this one's data has all been sent (not when it
                    // is answered), so several writes are in flight and the link never idles
                    // between them. A frame resent later may follow the next write's; the bridge
                    // takes each write's frames by id and keeps a buffer for the write ahead.
                    await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
                    gate.Held = true;
                }
                var pending = new Pending { Opcode = opcode, OnData = onData, Write = writes ? new WriteStream { Data = dataOut } : null };
                lock (_lock)
                {
                    ThrowIfBroken(operation);
                    id = NextIdLocked();
                    _pending.Add(id, pending);
                }
                byte flags = 0;
                for (int attempt = 1; attempt <= attempts; attempt++)
                {
                    Send(FrameType.Request, flags, opcode, id, payload, 0, payload.Length);
                    long sentAt = NowMs;
                    bool answered = pending.AnswerDamaged;
                    pending.AnswerDamaged = false;
                    if (pending.Write != null)
                    {
                        // A bridge that lost the request dropped its data too; one whose answer was
                        // damaged has run it and replays the answer without the data.
                        if (!answered) pending.Write.Rewind(0);
                        if (pump == null)
                        {
                            pump = Task.Run(() => PumpAsync(id, pending.Write, pumpStop.Token));
                            _ = pending.Write.AllSent.Task.ContinueWith(_ => OpenWriteGate(gate), TaskScheduler.Default);
                        }
                    }
                    Task again = pending.SendAgain.WaitAsync(cancellationToken);
                    Task finished;
                    while (true)
                    {
                        long left = AttemptDeadlineMs(sentAt, timeout) - NowMs;
                        if (left <= 0)
                        {
                            finished = Task.CompletedTask;  // late: send again
                            break;
                        }
                        // The delay's timer goes as soon as the wait is over: on a simulator's clock
                        // a timer left behind would be the next thing its idle bridge waits for.
                        using var delayOver = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                        Task delay = Task.Delay(TimeSpan.FromMilliseconds(Math.Min(left, 1000)), _options.Time, delayOver.Token);
                        finished = await Task.WhenAny(pending.Done.Task, delay, again).ConfigureAwait(false);
                        delayOver.Cancel();
                        if (finished != delay || cancellationToken.IsCancellationRequested) break;
                    }
                    if (finished == pending.Done.Task) return await pending.Done.Task.ConfigureAwait(false);
                    if (cancellationToken.IsCancellationRequested)
                    {
                        OnCancelled(opcode, payload);
                        cancellationToken.ThrowIfCancellationRequested();
                    }
                    flags = FrameFlags.Retransmission;
                    lock (_lock) Retransmissions++;
                }
                throw new BridgeTimeoutException(operation, attempts);
            }
            finally
            {
                Interlocked.Add(ref _queuedDataBytes, -dataBytes);
                pumpStop.Cancel();
                if (pump != null)
                {
                    try
                    {
                        await pump.ConfigureAwait(false);
                    }
                    catch (Exception)
                    {
                        // Stopped, or the link failed under it (a port that hangs up mid-frame
                        // throws its own transport error): the request says so itself. Nothing may
                        // leave this finally early, or the window slot and the write gate leak
                        // and every later write waits for ever.
                    }
                }
                if (id != 0)
                {
                    lock (_lock) _pending.Remove(id);
                }
                OpenWriteGate(gate);
                _window.Release();
            }
        }

        /// <summary>Lets the next write's data go, once per write (from the pump when all is
        /// sent, or when the request ends, whichever comes first).</summary>
        private void OpenWriteGate(GateHold gate)
        {
            lock (gate)
            {
                if (!gate.Held) return;
                gate.Held = false;
            }
            _writeGate.Release();
        }

        /// <summary>A cancelled EXECUTE still runs on the bridge: HALT stops it on the bus (the
        /// bridge runs HALT at once, beside the command). The answer is not awaited.</summary>
        private void OnCancelled(byte opcode, byte[] payload)
        {
            if (opcode != Opcodes.Execute || payload.Length < 2 || _closed) return;
            int id;
            lock (_lock) id = NextIdLocked();
            try
            {
                Send(FrameType.Request, 0, Opcodes.Halt, id, new[] { payload[0], payload[1] }, 0, 2);
            }
            catch (Exception)
            {
                // The link is gone: nothing is running for us any more either.
            }
        }

        /// <summary>The next request id (1 to 65535) not in flight; the caller holds _lock.</summary>
        private int NextIdLocked()
        {
            do
            {
                _nextId = _nextId % 65535 + 1;
            }
            while (_pending.ContainsKey(_nextId));
            return _nextId;
        }

        /// <summary>Sends a write's data frames while there is data left and credit to send it;
        /// waits when all is sent, in case the bridge asks for some of it again.</summary>
        private async Task PumpAsync(int id, WriteStream w, CancellationToken stop)
        {
            byte[] offsetField = new byte[4];
            byte[] chunk = new byte[LinkConstants.MaxPayload - 4];
            int max = LinkConstants.MaxPayload - 4;
            while (!stop.IsCancellationRequested)
            {
                int at, n;
                bool refused;
                lock (w)
                {
                    refused = w.Refused;
                    w.Refused = false;
                }
                if (refused)
                {
                    // No room on the bridge: its buffers free up as the bus takes the data ahead.
                    await WaitAsync(_creditArrived, TimeSpan.FromMilliseconds(20), stop).ConfigureAwait(false);
                }
                lock (w)
                {
                    at = w.Next;
                    n = Math.Min(max, w.Data.Length - at);
                    if (n > 0) w.Next = at + n;
                }
                if (n <= 0)
                {
                    w.AllSent.TrySetResult();
                    await w.Changed.WaitAsync(stop).ConfigureAwait(false);
                    continue;
                }
                await TakeCreditAsync(stop).ConfigureAwait(false);
                BitConverter.TryWriteBytes(offsetField, at);
                w.Data.Span.Slice(at, n).CopyTo(chunk);
                SendTwoPart(FrameType.Data, Opcodes.Execute, id, offsetField, chunk, n);
            }
        }

        /// <summary>One credit to send a data frame. When none comes for a response timeout, one may
        /// have been lost with a damaged frame: send anyway (the bridge refuses and credits it back
        /// if it truly has no room). After a damaged event (perhaps a CREDIT) one frame goes at once:
        /// the credit the bridge returns for it stands in for the lost one.</summary>
        private async Task TakeCreditAsync(CancellationToken stop)
        {
            while (true)
            {
                lock (_lock)
                {
                    if (_credits > 0)
                    {
                        _credits--;
                        return;
                    }
                    if (_suspectLostCredits > 0)
                    {
                        _suspectLostCredits--;
                        return;
                    }
                }
                if (!await WaitAsync(_creditArrived, _options.ResponseTimeout, stop).ConfigureAwait(false)) return;
            }
        }

        /// <summary>A semaphore's wait with a timeout on the client's clock (SemaphoreSlim's own
        /// timeout runs on the wall clock): false when the time ran out first.</summary>
        private async Task<bool> WaitAsync(SemaphoreSlim semaphore, TimeSpan timeout, CancellationToken stop)
        {
            using var late = new CancellationTokenSource(timeout, _options.Time);
            using var either = CancellationTokenSource.CreateLinkedTokenSource(stop, late.Token);
            try
            {
                await semaphore.WaitAsync(either.Token).ConfigureAwait(false);
                return true;
            }
            catch (OperationCanceledException) when (!stop.IsCancellationRequested)
            {
                return false;
            }
        }

        private void Send(byte type, byte flags, byte opcode, int id, byte[] payload, int offset, int count)
        {
            lock (_tx)
            {
                int n = _writer.Encode(type, flags, opcode, id, payload, offset, count, _tx, 0);
                _link.Write(_tx, 0, n);
            }
        }

        private void SendTwoPart(byte type, byte opcode, int id, byte[] first, byte[] second, int secondCount)
        {
            lock (_tx)
            {
                int n = _writer.EncodeTwoPart(type, 0, opcode, id, first, 0, first.Length, second, 0, secondCount, _tx, 0);
                _link.Write(_tx, 0, n);
            }
        }

        private void ThrowIfBroken(string operation)
        {
            if (_closed) throw new ObjectDisposedException(nameof(BridgeClient));
            if (_linkFailure != null) throw new BridgeException(operation + ": the link to the bridge is down: " + _linkFailure.Message, _linkFailure);
        }

        private void ReadLoop()
        {
            var decoder = new FrameDecoder();
            byte[] buffer = new byte[8192];
            long windowStart = NowMs;
            long windowBytes = 0;
            try
            {
                while (!_closed)
                {
                    int n = _link.Read(buffer, 0, buffer.Length, 100);
                    Remember(buffer, n);
                    if (n > 0)
                    {
                        long now = NowMs;
                        Interlocked.Exchange(ref _lastReceiveMs, now);
                        Interlocked.Add(ref _bytesIn, n);
                        windowBytes += n;
                        if (now - windowStart >= 250)
                        {
                            ObserveRate(windowBytes, now - windowStart);
                            windowStart = now;
                            windowBytes = 0;
                        }
                    }
                    int at = 0;
                    while (at < n)
                    {
                        at += decoder.Feed(buffer, at, n - at, out bool complete);
                        if (complete) Dispatch(decoder.Current);
                    }
                }
            }
            catch (Exception e) when (!_closed)
            {
                List<Pending> failed;
                lock (_lock)
                {
                    _linkFailure = e;
                    failed = new List<Pending>(_pending.Values);
                }
                foreach (Pending p in failed) p.Done.TrySetException(new BridgeException("the link to the bridge failed: " + e.Message, e));
                _events.Writer.TryComplete(e);
                for (int i = 0; i < 8; i++) _targetData[i]?.Writer.TryComplete(e);
            }
            catch (Exception) when (_closed)
            {
                // Closing the transport ends the read: nothing left to tell anyone.
            }
        }

        /// <summary>
        /// HELLO's round trip is mostly latency, so the rate it gives can be ten or a hundred times
        /// below the link's, and every wait for a lost answer grows with it (a window of reads
        /// waited almost a minute). What actually arrives in a quarter second is a rate the link
        /// certainly has: the estimate only ever rises to it.
        /// </summary>
        private void ObserveRate(long bytes, long elapsedMs)
        {
            double seen = Math.Clamp(bytes * 1000.0 / Math.Max(1, elapsedMs), 30, 12_000_000);
            double current = Volatile.Read(ref _linkBytesPerSecond);
            if (current > 0 && seen > current) Volatile.Write(ref _linkBytesPerSecond, seen);
        }

        private void Remember(byte[] buffer, int n)
        {
            lock (_heard)
            {
                int keep = Math.Min(n, _heard.Length - _heardCount);
                if (_frameSeen || keep <= 0) return;
                Array.Copy(buffer, 0, _heard, _heardCount, keep);
                _heardCount += keep;
            }
        }

        /// <summary>What the port said before (or instead of) the first link frame.</summary>
        internal PortAnswerKind HeardAnswer()
        {
            lock (_heard)
            {
                return PortAnswer.Classify(_heard.AsSpan(0, _heardCount), _frameSeen);
            }
        }

        private void Dispatch(Frame f)
        {
            if (!_frameSeen && f.Error == LinkErrors.None)
            {
                lock (_heard)
                {
                    _frameSeen = true;
                }
            }

            if (f.Error != LinkErrors.None)
            {
                OnDamaged(f);
                return;
            }
            Pending? p;
            lock (_lock)
            {
                _pending.TryGetValue(f.RequestId, out p);
            }
            switch (f.Type)
            {
                case FrameType.Response:
                    p?.Done.TrySetResult(f.Buffer.AsSpan(f.PayloadOffset, f.PayloadLength).ToArray());
                    break;
                case FrameType.Error:
                    if (p != null) OnError(p, f);
                    break;
                case FrameType.Data:
                    if (p?.OnData != null && f.PayloadLength >= 4)
                    {
                        int offset = BitConverter.ToInt32(f.Buffer, f.PayloadOffset);
                        p.OnData(offset, f.Buffer, f.PayloadOffset + 4, f.PayloadLength - 4);
                    }
                    break;
                case FrameType.Event:
                    OnEvent(f);
                    break;
                case FrameType.Request:
                    Interlocked.Increment(ref _echoedRequests);  // our own request came back: an echoing port
                    break;
            }
        }

        /// <summary>
        /// A frame that arrived damaged. When its header can still be read (line noise usually
        /// hits the data) it says what was lost: a response is asked for again at once rather than
        /// after a timeout; a read's data frame leaves a hole, so that read is not trusted; an
        /// event may have been a CREDIT. The header is covered by the damaged CRC too, so all of
        /// this is only a hint: a wrong guess costs one replayed answer or one refused frame.
        /// </summary>
        private void OnDamaged(Frame f)
        {
            if (!f.HeaderReadable) return;
            if (f.Type == FrameType.Event)
            {
                lock (_lock) _suspectLostCredits = Math.Min(_suspectLostCredits + 1, Math.Max(1, Info?.Credits ?? 1));
                _creditArrived.Release();
                return;
            }
            Pending? p;
            lock (_lock) _pending.TryGetValue(f.RequestId, out p);
            if (p == null || p.Opcode != f.Opcode) return;
            if (f.Type == FrameType.Data)
            {
                p.DataDamaged = true;
            }
            else if (f.Type == FrameType.Response)
            {
                p.AnswerDamaged = true;
                p.SendAgain.Release();
            }
            else if (f.Type == FrameType.Error && p.Write == null)
            {
                p.SendAgain.Release();  // (a write's errors answer its data frames: the next one, or the timeout, says more)
            }
        }

        /// <summary>
        /// An error frame for a request in flight. For a write's data frame it carries the offset
        /// the bridge wants next: resend from there. A damaged request is sent again at once, a
        /// full window a little later; anything else fails the request.
        /// </summary>
        private void OnError(Pending p, Frame f)
        {
            var r = new PayloadReader().Reset(f.Buffer, f.PayloadOffset, f.PayloadLength);
            int code = r.U16();
            string text = r.Str();
            if (r.Remaining >= 4)
            {
                uint expected = r.U32();
                if (p.Write != null && expected != uint.MaxValue)
                {
                    lock (_lock) DataResends++;
                    p.Write.Rewind((int)expected, code == LinkErrors.Busy);
                }
                return;
            }
            switch (code)
            {
                case LinkErrors.BadCrc:
                case LinkErrors.BadCobs:
                case LinkErrors.ShortFrame:
                    p.SendAgain.Release();
                    break;
                case LinkErrors.Busy:
                    break;  // the response timeout sends it again
                default:
                    p.Done.TrySetException(new BridgeLinkException(Opcodes.Name(p.Opcode), code, text));
                    break;
            }
        }

        private void OnEvent(Frame f)
        {
            byte[] b = f.Buffer;
            int o = f.PayloadOffset;
            switch (f.Opcode)
            {
                case Opcodes.DeviceEvent when f.PayloadLength >= 10:
                    _events.Writer.TryWrite(new DeviceEvent(b[o], b[o + 1], b[o + 2], BitConverter.ToUInt32(b, o + 3), b[o + 7], b[o + 8], b[o + 9]));
                    break;
                case Opcodes.Credit when f.PayloadLength >= 2:
                    lock (_lock) _credits += b[o] | (b[o + 1] << 8);
                    _creditArrived.Release();
                    break;
                case Opcodes.TargetData when f.PayloadLength >= 10:
                    int initiator = b[o] & 7;
                    _targetData[initiator]?.Writer.TryWrite(new TargetData(b[o], BitConverter.ToUInt32(b, o + 1), BitConverter.ToInt32(b, o + 5),
                                                                           b[o + 9], b.AsSpan(o + 10, f.PayloadLength - 10).ToArray()));
                    break;
            }
        }

        public void Dispose()
        {
            if (_closed) return;
            _closed = true;
            _link.Dispose();
            _reader.Join(TimeSpan.FromSeconds(5));
            _events.Writer.TryComplete();
            for (int i = 0; i < 8; i++) _targetData[i]?.Writer.TryComplete();
            lock (_lock)
            {
                foreach (Pending p in _pending.Values) p.Done.TrySetException(new ObjectDisposedException(nameof(BridgeClient)));
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
