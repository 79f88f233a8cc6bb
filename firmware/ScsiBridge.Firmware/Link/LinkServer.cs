using ScsiBridge.Firmware.Adapter;
using ScsiBridge.Firmware.Diagnostics;
using ScsiBridge.Firmware.Emulation;
using ScsiBridge.Firmware.Target;
using ScsiBridge.Hal;
using ScsiBridge.Hal.Buffers;
using ScsiBridge.Protocol;

namespace ScsiBridge.Firmware.Link
{
    /// <summary>
    /// The bridge's end of the link (docs/protocol.md). Three threads share it:
    /// <list type="bullet">
    /// <item>the receive side (<see cref="OnBytes"/>, whoever reads the UART) decodes frames,
    /// answers every bad one with an error frame, answers retransmissions from the replay record,
    /// holds write data, and admits requests into the window;</item>
    /// <item>the worker (<see cref="RunWorker"/>) runs admitted requests one after another on the
    /// adapter, the target and the image manager, and queues their responses;</item>
    /// <item>the transmitter (<see cref="RunTransmitter"/>) is the only writer of the link.</item>
    /// </list>
    /// Read data goes from the ring to the wire and target data likewise; nothing on those paths
    /// allocates.
    /// </summary>
    public sealed class LinkServer : IAdapterEventSink, IDataSink, ITargetReceiver
    {
        /// <summary>Requests a PC may have in flight.</summary>
        public const int Window = 4;

        private readonly ScsiAdapter _adapter;
        private readonly ScsiTarget? _target;
        private readonly ImageManager? _images;
        private readonly LinkConfig _config;
        private readonly IHalClock _clock;
        private readonly IHalSignal _work;
        private readonly object _lock = new object();
        private readonly LinkReceiver _receiver;
        private readonly Transmitter _tx;
        private readonly RequestWindow _window = new RequestWindow(Window);
        private readonly WriteData _writes;
        private readonly Replay _replay;

        // Receive side.
        private readonly byte[] _errorPayload = new byte[300];
        private readonly PayloadWriter _errorOut = new PayloadWriter();
        private readonly byte[] _replayed = new byte[LinkConstants.MaxPayload];
        private bool _helloSeen;

        // Worker side.
        private readonly byte[] _response = new byte[LinkConstants.MaxPayload];
        private readonly byte[] _eventPayload = new byte[32];
        private readonly PayloadReader _in = new PayloadReader();
        private readonly PayloadWriter _out = new PayloadWriter();
        private readonly PayloadWriter _eventOut = new PayloadWriter();
        private readonly IoRequest _request;

        /// <summary>EXECUTE flag bit 2: answer a CHECK CONDITION with the sense (automatic sense).</summary>
        private const int AutoSenseFlag = 4;
        private readonly byte[] _autoSense = new byte[18];
        private readonly ProbeOutcome _probe = new ProbeOutcome();
        private readonly ScanResult _scan = new ScanResult();
        private readonly AdapterInfo _info = new AdapterInfo();
        private readonly ResetOutcome _reset = new ResetOutcome();
        private readonly SelfTestResult _selfTest = new SelfTestResult();
        private readonly bool[] _started = new bool[64];
        private readonly bool[] _paths = new bool[8];
        private int _currentId;
        private bool _elevated;
        private bool _sessionOpen;
        private bool _sessionEnded;
        private bool _stop;
        private int _threadsEnded;
        private int _failedElevations;
        private long _elevateBlockedUntil;

        /// <summary>
        /// target and images may be null when the bridge does not serve them (the operations
        /// then answer ENODEV).
        /// </summary>
        public LinkServer(ScsiAdapter adapter, IHalPlatform platform, ILinkOutput output, LinkConfig config,
                          ScsiTarget? target, ImageManager? images)
        {
            _adapter = adapter;
            _target = target;
            _images = images;
            _clock = platform.Clock;
            _config = config;
            _work = platform.CreateSignal();
            _request = adapter.CreateRequest();
            _replay = new Replay(config.ReplayDepth < Window ? Window : config.ReplayDepth);
            _receiver = new LinkReceiver(platform);
            _tx = new Transmitter(output, platform, 8, 64);
            int credits = adapter.Ring.Count / 2;
            _writes = new WriteData(adapter.Ring, platform, _tx, Window, credits < 1 ? 1 : credits);
        }

        /// <summary>The board's self-tests that SELFTEST runs; null answers ENODEV.</summary>
        public ISelfTestRunner? SelfTests { get; set; }

        // Statistics (STATISTICS reports them).
        public int FramesIn { get; private set; }

        public int FramesOut
        {
            get { return _tx.FramesOut; }
        }

        public int UnknownOpcodes { get; private set; }
        public int BadLengths { get; private set; }
        public int BadArguments { get; private set; }
        public int Replays { get; private set; }
        public int BusyRefusals { get; private set; }

        /// <summary>Data frames of writes dropped (duplicates, gaps, unknown requests, no credit).</summary>
        public int DataDropped
        {
            get { return _writes.Dropped; }
        }

        /// <summary>Write data frames the bridge holds now.</summary>
        public int DataHeld
        {
            get { return _writes.Held; }
        }

        /// <summary>Read and target data frames encoded natively from ring slots.</summary>
        public int NativeDataFramesOut
        {
            get { return _tx.NativeDataFrames; }
        }

        /// <summary>Write data frames whose bytes the native receiver put straight into ring slots.</summary>
        public int NativeDataFramesIn
        {
            get { return _receiver.SlotDeliveries; }
        }

        /// <summary>Data frames the PC may have outstanding, as HELLO advertises.</summary>
        public int Credits
        {
            get { return _writes.Credits; }
        }

        public bool Elevated
        {
            get { lock (_lock) { return _elevated; } }
        }

        /// <summary>True from a lost peer until the worker has ended its session (halted and
        /// stopped its devices, closed its paths, given its buffers back).</summary>
        public bool SessionEnding
        {
            get { lock (_lock) { return _sessionEnded; } }
        }

        /// <summary>True when no request waits or runs and nothing waits to be sent.</summary>
        public bool IsIdle
        {
            get { return _window.IsEmpty && _tx.IsIdle; }
        }

        // ---- threads ----

        /// <summary>The worker thread's body: runs requests in arrival order until Shutdown.</summary>
        public void RunWorker()
        {
            while (true)
            {
                bool stop, ended;
                lock (_lock)
                {
                    stop = _stop;
                    ended = _sessionEnded;
                    _sessionEnded = false;
                }
                if (ended) EndSession();
                if (stop) break;
                int slot = _window.Next();
                if (slot < 0)
                {
                    _work.Wait(1000000L);
                    continue;
                }
                Run(slot);
                _window.Done(slot);
            }
            EndSession();
            _tx.Stop();
            lock (_lock) _threadsEnded++;
        }

        /// <summary>The transmitter thread's body: writes frames until Shutdown.</summary>
        public void RunTransmitter()
        {
            _tx.Run();
            lock (_lock) _threadsEnded++;
        }

        /// <summary>True once both threads have returned after Shutdown.</summary>
        public bool Stopped
        {
            get { lock (_lock) return _threadsEnded == 2; }
        }

        /// <summary>Ends both threads (after the request running now); the session's devices,
        /// paths and buffers are given back.</summary>
        public void Shutdown()
        {
            lock (_lock)
            {
                _stop = true;
            }
            _writes.Abort();
            _work.Set();
        }

        // ---- receive side ----

        /// <summary>Bytes the port received; frames are handled as they complete.</summary>
        public void OnBytes(byte[] data, int offset, int count)
        {
            while (count > 0)
            {
                int used = _receiver.Feed(data, offset, count, out bool complete);
                offset += used;
                count -= used;
                if (complete) Handle(_receiver);
            }
        }

        /// <summary>
        /// The PC went away (port closed, USB unplugged): requests not yet run are dropped, a write
        /// waiting for data gives up, and the worker then halts and stops everything the session
        /// started, closes its target paths, gives every buffer back and drops privilege. The
        /// bridge waits for the next HELLO.
        /// </summary>
        public void OnPeerLost()
        {
            _helloSeen = false;
            _window.DropWaiting();
            _writes.Abort();
            lock (_lock)
            {
                _elevated = false;
                _sessionEnded = true;
            }
            _work.Set();
        }

        private void Handle(LinkReceiver f)
        {
            if (f.Error != LinkErrors.None)
            {
                bool readable = f.HeaderReadable;
                if (readable && f.Type == FrameType.Data)
                {
                    // A damaged data frame still took a credit on the PC's side: give it back, and
                    // say where the write stands so the PC resends from there.
                    _writes.ReturnDamaged();
                    SendDataError(f.Opcode, f.RequestId, f.Error);
                    return;
                }
                SendError(readable ? f.Opcode : 0, readable ? f.RequestId : 0, f.Error, WriteData.UnknownOffset);
                return;
            }
            FramesIn++;
            if (f.Type == FrameType.Data && f.Opcode == Opcodes.Execute)
            {
                int code = _writes.Accept(f.RequestId, f);
                if (code != 0) SendDataError(f.Opcode, f.RequestId, code);
                return;
            }
            if (f.Type != FrameType.Request)
            {
                Refuse(f, LinkErrors.BadArgument);
                return;
            }
            if (!Opcodes.IsRequest(f.Opcode))
            {
                Refuse(f, LinkErrors.UnknownOpcode);
                return;
            }
            if (f.Opcode == Opcodes.Hello)
            {
                // A HELLO starts a new session: whatever an earlier PC left behind ends here,
                // even when its hang-up went unnoticed (a port closed and opened again at once).
                if (_helloSeen)
                {
                    _window.DropWaiting();
                    _writes.Abort();
                }
                _helloSeen = true;
            }
            else if (!_helloSeen)
            {
                Refuse(f, LinkErrors.BadArgument);
                return;
            }
            if (f.IsRetransmission)
            {
                int inFlight = _window.Find(f.RequestId);
                if (inFlight >= 0 && _window.Opcode(inFlight) == f.Opcode) return;  // its answer is on the way
                int length;
                if (_replay.Find(f.RequestId, f.Opcode, _replayed, out length))
                {
                    Replays++;
                    _tx.SendFrame(FrameType.Response, 0, f.Opcode, f.RequestId, _replayed, 0, length);
                    return;
                }
            }
            if (f.Opcode == Opcodes.Halt)
            {
                // HALT cannot wait behind the command it is meant to stop: it runs here, at once,
                // beside the worker (the adapter's halt is made to be called while commands run).
                HaltNow(f);
                return;
            }
            if (!_window.Admit(f.Opcode, f.RequestId, f.Flags, f.Payload, f.PayloadOffset, f.PayloadLength))
            {
                BusyRefusals++;
                SendError(f.Opcode, f.RequestId, LinkErrors.Busy, WriteData.UnknownOffset);
                return;
            }
            if (f.Opcode == Opcodes.Execute) AnnounceWrite(f);
            _work.Set();
        }

        private readonly PayloadReader _haltIn = new PayloadReader();
        private readonly byte[] _haltResponse = new byte[4];

        private void HaltNow(LinkReceiver f)
        {
            _haltIn.Reset(f.Payload, f.PayloadOffset, f.PayloadLength);
            int id = _haltIn.U8(), lun = _haltIn.U8();
            if (!_haltIn.Ok)
            {
                BadLengths++;
                SendError(f.Opcode, f.RequestId, LinkErrors.BadLength, WriteData.UnknownOffset);
                return;
            }
            if (id > 7 || lun > 7)
            {
                Refuse(f, LinkErrors.BadArgument);
                return;
            }
            int rc = _adapter.Halt(id, lun);
            _haltResponse[0] = (byte)rc;
            _haltResponse[1] = 0;
            _haltResponse[2] = 0;
            _haltResponse[3] = 0;
            _replay.Record(f.RequestId, f.Opcode, _haltResponse, 4);
            _tx.SendFrame(FrameType.Response, 0, f.Opcode, f.RequestId, _haltResponse, 0, 4);
        }

        /// <summary>An EXECUTE that writes: its data frames may follow it at once.</summary>
        private void AnnounceWrite(LinkReceiver f)
        {
            if (f.PayloadLength < 28) return;  // the worker refuses it
            byte[] p = f.Payload;
            int at = f.PayloadOffset;
            if ((p[at + 2] & 1) != 0) return;
            int length = p[at + 20] | (p[at + 21] << 8) | (p[at + 22] << 16) | (p[at + 23] << 24);
            if (length > 0) _writes.Announce(f.RequestId, length);
        }

        private void Refuse(LinkReceiver f, int code)
        {
            if (code == LinkErrors.UnknownOpcode) UnknownOpcodes++;
            if (code == LinkErrors.BadArgument) BadArguments++;
            SendError(f.Opcode, f.RequestId, code, WriteData.UnknownOffset);
        }

        /// <summary>An error frame: code and text. Called from the receive side and the worker.</summary>
        private void SendError(int opcode, int id, int code, uint expected)
        {
            SendError(opcode, id, code, expected, false);
        }

        /// <summary>An error answering a data frame: also the offset the bridge expects next for
        /// that write (0xFFFFFFFF when it knows no such write), so the PC resends from there.</summary>
        private void SendDataError(int opcode, int id, int code)
        {
            SendError(opcode, id, code, _writes.Expected(id), true);
        }

        private void SendError(int opcode, int id, int code, uint expected, bool dataFrame)
        {
            lock (_errorPayload)
            {
                _errorOut.Reset(_errorPayload, 0, _errorPayload.Length);
                _errorOut.U16(code).Str(LinkErrors.Describe(code));
                if (dataFrame) _errorOut.U32(expected);
                _tx.SendFrame(FrameType.Error, 0, opcode, id, _errorPayload, 0, _errorOut.Length);
            }
        }

        // ---- worker ----

        private void Run(int slot)
        {
            int opcode = _window.Opcode(slot);
            int id = _window.Id(slot);
            _in.Reset(_window.Payload(slot), 0, _window.Length(slot));
            _out.Reset(_response, 0, _response.Length);
            _out.U32(0);  // errno, filled in below
            _currentId = id;
            int errno = Dispatch(opcode);
            if (opcode == Opcodes.Execute) _writes.Finish(id);
            if (errno < 0)
            {
                // A link-level refusal (bad field, short payload, privilege): an error frame.
                int code = -errno;
                if (code == LinkErrors.BadLength) BadLengths++;
                if (code == LinkErrors.BadArgument) BadArguments++;
                SendError(opcode, id, code, WriteData.UnknownOffset);
                return;
            }
            _response[0] = (byte)errno;
            _response[1] = (byte)(errno >> 8);
            _response[2] = (byte)(errno >> 16);
            _response[3] = (byte)(errno >> 24);
            if (Records(opcode)) _replay.Record(id, opcode, _response, _out.Length);
            _tx.SendFrame(FrameType.Response, 0, opcode, id, _response, 0, _out.Length);
        }

        /// <summary>Reads of data are run again on retransmission (their data frames are not kept);
        /// everything else is replayed, so nothing that changes state happens twice.</summary>
        private bool Records(int opcode)
        {
            if (opcode != Opcodes.Execute) return true;
            return !_request.IsRead || _request.DataLength == 0;
        }

        /// <summary>Runs one request; returns its errno (response sent) or -LinkErrors code.</summary>
        private int Dispatch(int opcode)
        {
            switch (opcode)
            {
                case Opcodes.Hello: return Hello();
                case Opcodes.IocInfo: return IocInfo();
                case Opcodes.Elevate: return Elevate();
                case Opcodes.StartDevice: return StartDevice();
                case Opcodes.StopDevice: return DeviceOp(opcode);
                case Opcodes.ResetDevice: return DeviceOp(opcode);
                case Opcodes.RegisterEvents: return RegisterEvents();
                case Opcodes.Execute: return Execute();
                case Opcodes.Probe: return Probe();
                case Opcodes.Scan: return Scan();
                case Opcodes.TargetOpen: return TargetOpen();
                case Opcodes.TargetClose: return TargetClose();
                case Opcodes.TargetQueue: return TargetQueue();
                case Opcodes.ImageAttach: return ImageAttach();
                case Opcodes.ImageDetach: return ImageOp(opcode);
                case Opcodes.ImageEject: return ImageOp(opcode);
                case Opcodes.ImageList: return ImageList();
                case Opcodes.Statistics: return Statistics();
                case Opcodes.SelfTest: return SelfTest();
                default: return -LinkErrors.UnknownOpcode;
            }
        }

        /// <summary>Everything the last session started is halted, stopped or closed.</summary>
        private void EndSession()
        {
            for (int slot = 0; slot < 64; slot++)
            {
                if (!_started[slot]) continue;
                _adapter.Halt(slot >> 3, slot & 7);
                _adapter.StopDevice(slot >> 3, slot & 7);
                _started[slot] = false;
            }
            for (int i = 0; i < 8; i++)
            {
                if (!_paths[i]) continue;
                if (_target != null) _target.StopTarget(i, true);
                _paths[i] = false;
            }
            _replay.Clear();
            _writes.Abort();
            lock (_lock)
            {
                _elevated = false;
                _sessionOpen = false;
            }
        }

        private int Hello()
        {
            int wanted = _in.U8();
            _in.U8();  // flags, none defined
            if (!_in.Ok) return -LinkErrors.BadLength;
            if (wanted < LinkConstants.Version) return -LinkErrors.UnsupportedVersion;
            if (_sessionOpen) EndSession();
            _sessionOpen = true;
            _adapter.GetInfo(_info);
            _out.U8(LinkConstants.Version).U8(_info.ScsiId).U16(LinkConstants.MaxPayload).U32((uint)_info.MaxTransferBytes)
                .U16(_info.RingBuffers).U16(_info.RingBufferSize).U8(Window).U32((uint)_info.Capabilities)
                .Str(_info.FirmwareVersion).Str(_config.BoardName).U16(_writes.Credits);
            return Errno.Ok;
        }

        private int IocInfo()
        {
            _adapter.GetInfo(_info);
            _out.U8(_info.ScsiId).U32((uint)_info.MaxTransferBytes).U16(_info.RingBuffers).U16(_info.RingBufferSize)
                .U32((uint)_info.Capabilities).Str(_info.FirmwareVersion);
            return Errno.Ok;
        }

        /// <summary>ELEVATE with the admin PIN when one is configured. Failures back off, doubling,
        /// so a PIN cannot be guessed quickly.</summary>
        private int Elevate()
        {
            string pin = _in.Str();
            if (!_in.Ok) return -LinkErrors.BadLength;
            long now = _clock.NowNs;
            if (now < _elevateBlockedUntil) return Errno.EBUSY;
            if (_config.AdminPin.Length > 0 && pin != _config.AdminPin)
            {
                _failedElevations++;
                long backoff = _config.ElevateBackoffNs;
                for (int i = 1; i < _failedElevations && backoff < 60000000000L; i++) backoff *= 2;
                _elevateBlockedUntil = now + backoff;
                return Errno.EPERM;
            }
            _failedElevations = 0;
            lock (_lock) _elevated = true;
            return Errno.Ok;
        }

        private bool IsElevated()
        {
            lock (_lock) return _elevated;
        }

        private int StartDevice()
        {
            int id = _in.U8(), lun = _in.U8(), writes = _in.U8();
            if (!_in.Ok) return -LinkErrors.BadLength;
            if (id > 7 || lun > 7) return -LinkErrors.BadArgument;
            int rc = _adapter.StartDevice(id, lun, writes != 0, IsElevated());
            if (rc == Errno.Ok) _started[id * 8 + lun] = true;
            return rc;
        }

        private int DeviceOp(int opcode)
        {
            int id = _in.U8(), lun = _in.U8();
            if (!_in.Ok) return -LinkErrors.BadLength;
            if (id > 7 || lun > 7) return -LinkErrors.BadArgument;
            if (opcode == Opcodes.StopDevice)
            {
                int rc = _adapter.StopDevice(id, lun);
                if (rc == Errno.Ok) _started[id * 8 + lun] = false;
                return rc;
            }
            int r = _adapter.Reset(id, lun, _reset);
            _out.U8(_reset.HadUnitAttention ? 1 : 0).U8(_reset.Asc).U8(_reset.Ascq);
            return r;
        }

        private int RegisterEvents()
        {
            int id = _in.U8(), lun = _in.U8();
            uint correlator = _in.U32();
            if (!_in.Ok) return -LinkErrors.BadLength;
            if (id > 7 || lun > 7) return -LinkErrors.BadArgument;
            return _adapter.RegisterEvents(id, lun, (int)correlator, this);
        }

        private int Execute()
        {
            int id = _in.U8(), lun = _in.U8(), flags = _in.U8(), cdbLength = _in.U8();
            IoRequest r = _request;
            if (!_in.Bytes(r.Cdb, 0, IoRequest.MaxCdbLength)) return -LinkErrors.BadLength;
            uint length = _in.U32();
            uint timeoutMs = _in.U32();
            if (!_in.Ok) return -LinkErrors.BadLength;
            if (id > 7 || lun > 7 || (cdbLength != 6 && cdbLength != 10 && cdbLength != 12 && cdbLength != 16)) return -LinkErrors.BadArgument;
            if (length > int.MaxValue) return -LinkErrors.BadArgument;
            if (!IsElevated()) return Errno.EPERM;
            // Longer than IOCINFO's largest transfer: refused before it runs, with errno only (no
            // completion fields), so nothing can read as data moved.
            _adapter.GetInfo(_info);
            if (length > (uint)_info.MaxTransferBytes) return Errno.EINVAL;
            bool read = (flags & 1) != 0;
            r.TargetId = id;
            r.Lun = lun;
            r.CdbLength = cdbLength;
            r.DataLength = (int)length;
            r.Flags = (read ? IoFlags.Read : 0) | ((flags & 2) != 0 ? IoFlags.NoDisconnect : 0);
            r.TimeoutNs = (long)timeoutMs * 1000000L;
            r.Sink = read ? this : null;
            r.Source = read || length == 0 ? null : _writes;
            _writes.Begin(read || length == 0 ? -1 : _currentId);
            int rc = _adapter.Execute(r, true);
            _writes.Begin(-1);
            _out.U8(r.Validity).U8(r.ScsiStatus).U8(r.AdapterStatus).U32((uint)r.Residual);
            // Automatic sense runs here, before the worker takes the next request of the window,
            // so no other command reaches the device in between and ends its contingent allegiance.
            int senseLength = 0;
            if ((flags & AutoSenseFlag) != 0 && (r.Validity & StatusValidity.ScsiStatusValid) != 0 && r.ScsiStatus == ScsiStatus.CheckCondition)
            {
                senseLength = _adapter.FetchSense(id, lun, _autoSense);
            }
            _out.U8(senseLength).Bytes(_autoSense, 0, senseLength);
            return rc;
        }

        /// <summary>Largest data part of a data frame: the payload less its 4-byte offset.</summary>
        public const int MaxDataPerFrame = Transmitter.MaxDataPerFrame;

        /// <summary>Read data stays in its ring buffer until the transmitter has it on the wire.</summary>
        public void Deliver(IoRequest request, int offset, RingBuffer buffer, int count)
        {
            _tx.SendReadData(_currentId, offset, buffer, count);
        }

        private int Probe()
        {
            int id = _in.U8(), lun = _in.U8();
            if (!_in.Ok) return -LinkErrors.BadLength;
            if (id > 7 || lun > 7) return -LinkErrors.BadArgument;
            int result = _adapter.Probe(id, lun, ProbeWait.Sleep, null, _probe);
            _out.U8(result).U8(_probe.InquiryLength).Bytes(_probe.Inquiry, 0, _probe.InquiryLength);
            return Errno.Ok;
        }

        private int Scan()
        {
            int luns = _in.U8();
            if (!_in.Ok) return -LinkErrors.BadLength;
            _adapter.Scan(luns != 0, _scan);
            _out.U8(_scan.Count);
            for (int i = 0; i < _scan.Count; i++)
            {
                ProbeOutcome o = _scan[i];
                _out.U8(o.TargetId).U8(o.Lun).U8(o.Result).U8(o.InquiryLength).Bytes(o.Inquiry, 0, o.InquiryLength);
            }
            return Errno.Ok;
        }

        // ---- target paths ----

        private int TargetOpen()
        {
            int initiator = _in.U8(), bufferSize = _in.U16(), buffers = _in.U16();
            uint correlator = _in.U32();
            if (!_in.Ok) return -LinkErrors.BadLength;
            if (initiator > 7) return -LinkErrors.BadArgument;
            if (!IsElevated()) return Errno.EPERM;
            if (_target == null) return Errno.ENODEV;
            TargetPath? path;
            int rc = _target.StartTarget(initiator, 0, bufferSize, buffers, this, (int)correlator, true, out path);
            if (rc == Errno.Ok) _paths[initiator] = true;
            return rc;
        }

        private int TargetClose()
        {
            int initiator = _in.U8();
            if (!_in.Ok) return -LinkErrors.BadLength;
            if (initiator > 7) return -LinkErrors.BadArgument;
            if (!IsElevated()) return Errno.EPERM;
            if (_target == null) return Errno.ENODEV;
            int rc = _target.StopTarget(initiator, true);
            if (rc == Errno.Ok) _paths[initiator] = false;
            return rc;
        }

        private int TargetQueue()
        {
            int initiator = _in.U8();
            if (!_in.Ok) return -LinkErrors.BadLength;
            if (initiator > 7 || _in.Remaining == 0) return -LinkErrors.BadArgument;
            if (!IsElevated()) return Errno.EPERM;
            if (_target == null) return Errno.ENODEV;
            return _target.QueueReceiveData(initiator, _in.Buffer, _in.Position, _in.Remaining, true);
        }

        /// <summary>Data a host sent to an open path goes out as TARGET_DATA events straight from
        /// the target's ring; the transmitter frees each buffer once it is on the wire.</summary>
        public void OnReceive(TargetDelivery delivery)
        {
            _tx.SendTargetData(delivery);
        }

        // ---- images ----

        private int ImageAttach()
        {
            int id = _in.U8(), lun = _in.U8(), kind = _in.U8(), readOnly = _in.U8();
            string name = _in.Str();
            if (!_in.Ok) return -LinkErrors.BadLength;
            if (id > 7 || lun > 7) return -LinkErrors.BadArgument;
            if (!IsElevated()) return Errno.EPERM;
            if (_images == null) return Errno.ENODEV;
            return _images.Attach(id, lun, kind, readOnly != 0, name);
        }

        /// <summary>The image names from a start index, as many as fit one response: u16 total,
        /// u8 count, then each name and its size (u32 low, u32 high).</summary>
        private int ImageList()
        {
            int start = _in.U16();
            if (!_in.Ok) return -LinkErrors.BadLength;
            if (!IsElevated()) return Errno.EPERM;
            if (_images == null) return Errno.ENODEV;
            long[] sizes;
            string[] names = _images.List(out sizes);
            _out.U16(names.Length);
            int countAt = _out.Length;
            _out.U8(0);
            int count = 0;
            for (int i = start; i < names.Length && count < 255; i++)
            {
                int n = names[i].Length > ImageManager.MaxNameLength ? ImageManager.MaxNameLength : names[i].Length;
                if (_out.Length + 1 + n + 8 > _response.Length) break;
                _out.Str(names[i]).U32((uint)(sizes[i] & 0xFFFFFFFF)).U32((uint)(sizes[i] >> 32));
                count++;
            }
            _response[countAt] = (byte)count;
            return Errno.Ok;
        }

        private int ImageOp(int opcode)
        {
            int id = _in.U8(), lun = _in.U8();
            if (!_in.Ok) return -LinkErrors.BadLength;
            if (id > 7 || lun > 7) return -LinkErrors.BadArgument;
            if (!IsElevated()) return Errno.EPERM;
            if (_images == null) return Errno.ENODEV;
            return opcode == Opcodes.ImageDetach ? _images.Detach(id, lun) : _images.Eject(id, lun);
        }

        private int Statistics()
        {
            _out.U32((uint)FramesIn).U32((uint)FramesOut).U32((uint)_receiver.BadCrc).U32((uint)_receiver.BadCobs)
                .U32((uint)_receiver.Short).U32((uint)UnknownOpcodes).U32((uint)(BadLengths + _receiver.BadLength))
                .U32((uint)_receiver.TooLarge).U32((uint)BadArguments).U32((uint)Replays)
                .U16(_adapter.Ring.FreeCount).U16(_adapter.Ring.HighWater)
                .U32((uint)BusyRefusals).U32((uint)_writes.Dropped).U16(_writes.Held);
            return Errno.Ok;
        }

        /// <summary>Runs one self-test by index. With the bus-unplugged flag the tests may drive
        /// every bus line, which would disturb a live bus: that needs an elevated session.</summary>
        private int SelfTest()
        {
            int index = _in.U16();
            int flags = _in.U8();
            if (!_in.Ok) return -LinkErrors.BadLength;
            ISelfTestRunner? tests = SelfTests;
            if (tests == null) return Errno.ENODEV;
            if (index >= tests.Count) return Errno.EINVAL;
            bool busUnplugged = (flags & 1) != 0;
            if (busUnplugged && !IsElevated()) return Errno.EPERM;
            tests.Run(index, busUnplugged, _selfTest);
            _out.U16(tests.Count).Str(_selfTest.Name).U8(_selfTest.Outcome).Str(_selfTest.Message);
            return Errno.Ok;
        }

        // ---- events ----

        public void OnEvent(AdapterEvent e)
        {
            lock (_eventPayload)
            {
                _eventOut.Reset(_eventPayload, 0, _eventPayload.Length);
                _eventOut.U8(e.Kind).U8(e.TargetId).U8(e.Lun).U32((uint)e.Correlator).U8(e.SenseKey).U8(e.Asc).U8(e.Ascq);
                _tx.SendFrame(FrameType.Event, 0, Opcodes.DeviceEvent, 0, _eventPayload, 0, _eventOut.Length);
            }
        }
    }
}
