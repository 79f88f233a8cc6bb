using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using ScsiBridge.Client.Transports;
using ScsiBridge.Protocol;

namespace ScsiBridge.Client.Api
{
    /// <summary>
    /// Talks to a bridge over any link transport (docs/protocol.md): requests with ids, up to the
    /// bridge's window in flight, each retransmitted with the same id when its answer is late
    /// (the bridge replays rather than repeats), read data reassembled from data frames, device
    /// events as an async stream, and every failure as a typed exception.
    /// </summary>
    public sealed class BridgeClient : IAsyncDisposable, IDisposable
    {
        private readonly ILinkTransport _link;
        private readonly BridgeClientOptions _options;
        private readonly object _lock = new object();
        private readonly Dictionary<int, Pending> _pending = new Dictionary<int, Pending>();
        private readonly Channel<DeviceEvent> _events = Channel.CreateUnbounded<DeviceEvent>();
        private readonly FrameWriter _writer = new FrameWriter();
        private readonly byte[] _tx = new byte[LinkConstants.MaxEncoded];
        private readonly SemaphoreSlim _window = new SemaphoreSlim(1, 64);
        private readonly Thread _reader;
        private volatile bool _closed;
        private Exception? _linkFailure;
        private int _nextId;

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

        // ---- the protocol core ----

        private sealed class Pending
        {
            public readonly TaskCompletionSource<byte[]> Done = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
            public required byte Opcode;
            public Action<int, byte[], int, int>? OnData;
        }

        /// <summary>Sends a request and returns its response payload (errno first), retransmitting
        /// when the answer is late. Data frames for it go to onData(offset, buffer, start, count).</summary>
        public async Task<byte[]> RequestAsync(byte opcode, byte[] payload, Action<int, byte[], int, int>? onData = null,
                                               CancellationToken cancellationToken = default)
        {
            string operation = Opcodes.Name(opcode);
            await _window.WaitAsync(cancellationToken).ConfigureAwait(false);
            int id = 0;
            try
            {
                var pending = new Pending { Opcode = opcode, OnData = onData };
                lock (_lock)
                {
                    ThrowIfBroken(operation);
                    do
                    {
                        _nextId = _nextId % 65535 + 1;
                    }
                    while (_pending.ContainsKey(_nextId));
                    id = _nextId;
                    _pending.Add(id, pending);
                }
                byte flags = 0;
                for (int attempt = 1; attempt <= _options.Attempts; attempt++)
                {
                    Send(FrameType.Request, flags, opcode, id, payload);
                    Task finished = await Task.WhenAny(pending.Done.Task, Task.Delay(_options.ResponseTimeout, cancellationToken)).ConfigureAwait(false);
                    if (finished == pending.Done.Task) return await pending.Done.Task.ConfigureAwait(false);
                    cancellationToken.ThrowIfCancellationRequested();
                    flags = FrameFlags.Retransmission;
                    lock (_lock) Retransmissions++;
                }
                throw new BridgeTimeoutException(operation, _options.Attempts);
            }
            finally
            {
                if (id != 0)
                {
                    lock (_lock) _pending.Remove(id);
                }
                _window.Release();
            }
        }

        private void Send(byte type, byte flags, byte opcode, int id, byte[] payload)
        {
            lock (_tx)
            {
                int n = _writer.Encode(type, flags, opcode, id, payload, 0, payload.Length, _tx, 0);
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
            try
            {
                while (!_closed)
                {
                    int n = _link.Read(buffer, 0, buffer.Length, 100);
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
            }
            catch (Exception) when (_closed)
            {
                // Closing the transport ends the read: nothing left to tell anyone.
            }
        }

        private void Dispatch(Frame f)
        {
            if (f.Error != LinkErrors.None) return;  // damaged on the wire: the request will be retransmitted
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
                    if (p != null)
                    {
                        var r = new PayloadReader().Reset(f.Buffer, f.PayloadOffset, f.PayloadLength);
                        int code = r.U16();
                        string text = r.Str();
                        p.Done.TrySetException(new BridgeLinkException(Opcodes.Name(p.Opcode), code, text));
                    }
                    break;
                case FrameType.Data:
                    if (p?.OnData != null && f.PayloadLength >= 4)
                    {
                        int offset = BitConverter.ToInt32(f.Buffer, f.PayloadOffset);
                        p.OnData(offset, f.Buffer, f.PayloadOffset + 4, f.PayloadLength - 4);
                    }
                    break;
                case FrameType.Event:
                    if (f.Opcode == Opcodes.DeviceEvent && f.PayloadLength >= 10)
                    {
                        byte[] b = f.Buffer;
                        int o = f.PayloadOffset;
                        _events.Writer.TryWrite(new DeviceEvent(b[o], b[o + 1], b[o + 2], BitConverter.ToUInt32(b, o + 3), b[o + 7], b[o + 8], b[o + 9]));
                    }
                    break;
            }
        }

        // ---- operations ----

        private static byte[] Payload(Action<PayloadWriter> fill)
        {
            byte[] buffer = new byte[LinkConstants.MaxPayload];
            var w = new PayloadWriter().Reset(buffer, 0, buffer.Length);
            fill(w);
            return buffer.AsSpan(0, w.Length).ToArray();
        }

        /// <summary>Runs a request and checks its errno; returns a reader positioned after it.</summary>
        private async Task<PayloadReader> CallAsync(byte opcode, byte[] payload, CancellationToken ct)
        {
            byte[] response = await RequestAsync(opcode, payload, null, ct).ConfigureAwait(false);
            var r = new PayloadReader().Reset(response, 0, response.Length);
            int errno = (int)r.U32();
            if (errno != 0) throw new BridgeErrnoException(Opcodes.Name(opcode), errno);
            return r;
        }

        public async Task<BridgeInfo> HelloAsync(CancellationToken ct = default)
        {
            PayloadReader r = await CallAsync(Opcodes.Hello, Payload(w => w.U8(LinkConstants.Version).U8(0)), ct).ConfigureAwait(false);
            var info = new BridgeInfo
            {
                Version = r.U8(),
                AdapterId = r.U8(),
                MaxPayload = r.U16(),
                MaxTransfer = r.U32(),
                RingBuffers = r.U16(),
                RingBufferSize = r.U16(),
                Window = r.U8(),
                Capabilities = r.U32(),
                FirmwareVersion = r.Str(),
                BoardName = r.Str(),
            };
            if (!r.Ok) throw new BridgeException("HELLO: the bridge's answer is too short; update the tool or the firmware");
            Info = info;
            int extra = Math.Clamp(info.Window, 1, 64) - 1;
            if (extra > 0) _window.Release(extra);
            return info;
        }

        public async Task ElevateAsync(string pin = "", CancellationToken ct = default)
        {
            await CallAsync(Opcodes.Elevate, Payload(w => w.Str(pin)), ct).ConfigureAwait(false);
        }

        public async Task StartDeviceAsync(int id, int lun, bool enableWrites = false, CancellationToken ct = default)
        {
            await CallAsync(Opcodes.StartDevice, Payload(w => w.U8(id).U8(lun).U8(enableWrites ? 1 : 0)), ct).ConfigureAwait(false);
        }

        public async Task StopDeviceAsync(int id, int lun, CancellationToken ct = default)
        {
            await CallAsync(Opcodes.StopDevice, Payload(w => w.U8(id).U8(lun)), ct).ConfigureAwait(false);
        }

        public async Task HaltAsync(int id, int lun, CancellationToken ct = default)
        {
            await CallAsync(Opcodes.Halt, Payload(w => w.U8(id).U8(lun)), ct).ConfigureAwait(false);
        }

        public async Task RegisterEventsAsync(int id, int lun, uint correlator, CancellationToken ct = default)
        {
            await CallAsync(Opcodes.RegisterEvents, Payload(w => w.U8(id).U8(lun).U32(correlator)), ct).ConfigureAwait(false);
        }

        /// <summary>TMIOCMD: a raw CDB, reading up to dataIn bytes (0: no data). Returns the
        /// completion whatever the SCSI status; with autoSense, a CHECK CONDITION is followed by
        /// REQUEST SENSE and its decoded data is in the result.</summary>
        public async Task<ScsiResult> ExecuteAsync(int id, int lun, byte[] cdb, int dataIn = 0, TimeSpan? timeout = null,
                                                   bool autoSense = false, CancellationToken ct = default)
        {
            if (cdb.Length != 6 && cdb.Length != 10 && cdb.Length != 12 && cdb.Length != 16)
            {
                throw new ArgumentException("a CDB has 6, 10, 12 or 16 bytes, not " + cdb.Length, nameof(cdb));
            }
            if (dataIn < 0) throw new ArgumentOutOfRangeException(nameof(dataIn), "the data length cannot be negative");
            uint timeoutMs = (uint)(timeout ?? TimeSpan.FromSeconds(30)).TotalMilliseconds;
            byte[] cdb16 = new byte[16];
            cdb.CopyTo(cdb16, 0);
            byte[] payload = Payload(w => w.U8(id).U8(lun).U8(dataIn > 0 ? 1 : 0).U8(cdb.Length).Bytes(cdb16, 0, 16)
                                              .U32((uint)dataIn).U32(timeoutMs));
            byte[] data = new byte[dataIn];
            byte[] response = await RequestAsync(Opcodes.Execute, payload, (offset, buffer, start, count) =>
            {
                if (offset >= 0 && offset < data.Length) Array.Copy(buffer, start, data, offset, Math.Min(count, data.Length - offset));
            }, ct).ConfigureAwait(false);
            var r = new PayloadReader().Reset(response, 0, response.Length);
            int errno = (int)r.U32();
            int validity = r.U8(), status = r.U8(), adapter = r.U8();
            int residual = (int)r.U32();
            if (!r.Ok && errno == 0) throw new BridgeException("EXECUTE: the bridge's answer is too short");
            if (!r.Ok) throw new BridgeErrnoException("EXECUTE", errno);  // refused before it ran: no fields
            int got = Math.Clamp(dataIn - residual, 0, dataIn);
            SenseData? sense = null;
            if (autoSense && status == 0x02)
            {
                ScsiResult s = await ExecuteAsync(id, lun, new byte[] { 0x03, 0, 0, 0, 18, 0 }, 18, timeout, false, ct).ConfigureAwait(false);
                sense = SenseData.Decode(s.Data, s.Data.Length);
            }
            return new ScsiResult
            {
                Errno = errno,
                Validity = validity,
                Status = status,
                AdapterStatus = adapter,
                Residual = residual,
                Data = got == dataIn ? data : data.AsSpan(0, got).ToArray(),
                Sense = sense,
            };
        }

        /// <summary>Runs a command that must succeed; throws ScsiCommandException (with sense) if not.</summary>
        public async Task<byte[]> CommandAsync(int id, int lun, byte[] cdb, int dataIn, CancellationToken ct = default)
        {
            ScsiResult result = await ExecuteAsync(id, lun, cdb, dataIn, null, true, ct).ConfigureAwait(false);
            if (!result.IsGood) throw new ScsiCommandException(result);
            return result.Data;
        }

        public async Task<InquiryData> InquiryAsync(int id, int lun = 0, CancellationToken ct = default)
        {
            byte[] data = await CommandAsync(id, lun, new byte[] { 0x12, 0, 0, 0, 36, 0 }, 36, ct).ConfigureAwait(false);
            return InquiryData.Decode(data);
        }

        /// <summary>READ CAPACITY(10): the number of blocks and their length.</summary>
        public async Task<(long Blocks, int BlockLength)> ReadCapacityAsync(int id, int lun = 0, CancellationToken ct = default)
        {
            byte[] d = await CommandAsync(id, lun, new byte[10] { 0x25, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, 8, ct).ConfigureAwait(false);
            long last = ((long)d[0] << 24) | ((long)d[1] << 16) | ((long)d[2] << 8) | d[3];
            int length = (d[4] << 24) | (d[5] << 16) | (d[6] << 8) | d[7];
            return (last + 1, length);
        }

        public async Task<SenseData?> RequestSenseAsync(int id, int lun = 0, CancellationToken ct = default)
        {
            byte[] d = await CommandAsync(id, lun, new byte[] { 0x03, 0, 0, 0, 18, 0 }, 18, ct).ConfigureAwait(false);
            return SenseData.Decode(d, d.Length);
        }

        /// <summary>READ(10) of count blocks at lba.</summary>
        public Task<byte[]> ReadBlocksAsync(int id, int lun, long lba, int count, int blockLength, CancellationToken ct = default)
        {
            byte[] cdb = { 0x28, 0, (byte)(lba >> 24), (byte)(lba >> 16), (byte)(lba >> 8), (byte)lba, 0, (byte)(count >> 8), (byte)count, 0 };
            return CommandAsync(id, lun, cdb, count * blockLength, ct);
        }

        public async Task<ProbeReport> ProbeAsync(int id, int lun = 0, CancellationToken ct = default)
        {
            PayloadReader r = await CallAsync(Opcodes.Probe, Payload(w => w.U8(id).U8(lun)), ct).ConfigureAwait(false);
            return ProbeReport.Read(id, lun, r);
        }

        public async Task<IReadOnlyList<ProbeReport>> ScanAsync(bool luns = false, CancellationToken ct = default)
        {
            PayloadReader r = await CallAsync(Opcodes.Scan, Payload(w => w.U8(luns ? 1 : 0)), ct).ConfigureAwait(false);
            int count = r.U8();
            var list = new List<ProbeReport>(count);
            for (int i = 0; i < count; i++)
            {
                int id = r.U8(), lun = r.U8();
                list.Add(ProbeReport.Read(id, lun, r));
            }
            if (!r.Ok) throw new BridgeException("SCAN: the bridge's answer is too short");
            return list;
        }

        /// <summary>The bridge's asynchronous device events, as they come.</summary>
        public async IAsyncEnumerable<DeviceEvent> EventsAsync([EnumeratorCancellation] CancellationToken ct = default)
        {
            while (await _events.Reader.WaitToReadAsync(ct).ConfigureAwait(false))
            {
                while (_events.Reader.TryRead(out DeviceEvent? e)) yield return e;
            }
        }

        public void Dispose()
        {
            if (_closed) return;
            _closed = true;
            _link.Dispose();
            _reader.Join(TimeSpan.FromSeconds(5));
            _events.Writer.TryComplete();
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
