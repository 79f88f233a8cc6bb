using ScsiBridge.Firmware.Adapter;
using ScsiBridge.Hal;
using ScsiBridge.Hal.Buffers;
using ScsiBridge.Protocol;

namespace ScsiBridge.Firmware.Link
{
    /// <summary>
    /// The bridge's end of the link (docs/protocol.md): decodes the frames the PC sends,
    /// answers every bad one with an error frame, checks privilege, runs requests on the adapter
    /// and sends their responses, streams read data as data frames straight from the ring,
    /// replays recorded responses to retransmitted requests, and forwards device events.
    /// Requests run one at a time on the thread that feeds the bytes (HELLO advertises a window
    /// of 1); events come from the adapter's bus thread, so output is serialised.
    /// </summary>
    public sealed class LinkServer : IAdapterEventSink, IDataSink
    {
        public const int Window = 1;

        private readonly ScsiAdapter _adapter;
        private readonly ILinkOutput _output;
        private readonly LinkConfig _config;
        private readonly IHalClock _clock;
        private readonly object _outLock = new object();
        private readonly FrameDecoder _decoder = new FrameDecoder();
        private readonly FrameWriter _writer = new FrameWriter();
        private readonly byte[] _tx = new byte[LinkConstants.MaxEncoded];
        private readonly byte[] _response = new byte[LinkConstants.MaxPayload];
        private readonly byte[] _eventPayload = new byte[32];
        private readonly byte[] _dataHeader = new byte[4];
        private readonly PayloadReader _in = new PayloadReader();
        private readonly PayloadWriter _out = new PayloadWriter();
        private readonly PayloadWriter _eventOut = new PayloadWriter();
        private readonly IoRequest _request;
        private readonly ProbeOutcome _probe = new ProbeOutcome();
        private readonly ScanResult _scan = new ScanResult();
        private readonly AdapterInfo _info = new AdapterInfo();
        private readonly ResetOutcome _reset = new ResetOutcome();
        private readonly Replay _replay;
        private readonly bool[] _started = new bool[64];
        private int _currentId;
        private bool _elevated;
        private bool _helloDone;
        private int _failedElevations;
        private long _elevateBlockedUntil;

        public LinkServer(ScsiAdapter adapter, IHalClock clock, ILinkOutput output, LinkConfig config)
        {
            _adapter = adapter;
            _clock = clock;
            _output = output;
            _config = config;
            _request = adapter.CreateRequest();
            _replay = new Replay(config.ReplayDepth);
        }

        // Statistics (STATISTICS reports them).
        public int FramesIn { get; private set; }
        public int FramesOut { get; private set; }
        public int UnknownOpcodes { get; private set; }
        public int BadLengths { get; private set; }
        public int BadArguments { get; private set; }
        public int Replays { get; private set; }

        public bool Elevated
        {
            get { return _elevated; }
        }

        /// <summary>Bytes the port received; frames are handled as they complete.</summary>
        public void OnBytes(byte[] data, int offset, int count)
        {
            while (count > 0)
            {
                int used = _decoder.Feed(data, offset, count, out bool complete);
                offset += used;
                count -= used;
                if (complete) Handle(_decoder.Current);
            }
        }

        /// <summary>
        /// The PC went away (port closed, USB unplugged): everything the session started is
        /// halted and stopped, every buffer comes back, privilege is dropped, and the bridge waits
        /// for the next HELLO.
        /// </summary>
        public void OnPeerLost()
        {
            for (int slot = 0; slot < 64; slot++)
            {
                if (!_started[slot]) continue;
                _adapter.StopDevice(slot >> 3, slot & 7);
                _started[slot] = false;
            }
            _elevated = false;
            _helloDone = false;
            _replay.Clear();
        }

        // ---- frames ----

        private void Handle(Frame f)
        {
            if (f.Error != LinkErrors.None)
            {
                SendError(f.HeaderReadable ? f.Opcode : 0, f.HeaderReadable ? f.RequestId : 0, f.Error);
                return;
            }
            FramesIn++;
            if (f.Type != FrameType.Request)
            {
                BadArguments++;
                SendError(f.Opcode, f.RequestId, LinkErrors.BadArgument);
                return;
            }
            if (!Opcodes.IsRequest(f.Opcode))
            {
                UnknownOpcodes++;
                SendError(f.Opcode, f.RequestId, LinkErrors.UnknownOpcode);
                return;
            }
            if (f.IsRetransmission && _replay.Find(f.RequestId, f.Opcode, _response, out int length))
            {
                Replays++;
                Send(FrameType.Response, f.Opcode, f.RequestId, _response, 0, length);
                return;
            }
            _in.Reset(f.Buffer, f.PayloadOffset, f.PayloadLength);
            _out.Reset(_response, 0, _response.Length);
            _out.U32(0);  // errno, filled in below
            _currentId = f.RequestId;
            int errno = Dispatch(f.Opcode);
            if (errno < 0)
            {
                // A link-level refusal (bad field, short payload, privilege): an error frame.
                int code = -errno;
                if (code == LinkErrors.BadLength) BadLengths++;
                if (code == LinkErrors.BadArgument) BadArguments++;
                SendError(f.Opcode, f.RequestId, code);
                return;
            }
            _response[0] = (byte)errno;
            _response[1] = (byte)(errno >> 8);
            _response[2] = (byte)(errno >> 16);
            _response[3] = (byte)(errno >> 24);
            if (Records(f.Opcode)) _replay.Record(f.RequestId, f.Opcode, _response, _out.Length);
            Send(FrameType.Response, f.Opcode, f.RequestId, _response, 0, _out.Length);
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
            if (!_helloDone && opcode != Opcodes.Hello) return -LinkErrors.BadArgument;
            switch (opcode)
            {
                case Opcodes.Hello: return Hello();
                case Opcodes.IocInfo: return IocInfo();
                case Opcodes.Elevate: return Elevate();
                case Opcodes.StartDevice: return StartDevice();
                case Opcodes.StopDevice: return DeviceOp(opcode);
                case Opcodes.Halt: return DeviceOp(opcode);
                case Opcodes.ResetDevice: return DeviceOp(opcode);
                case Opcodes.RegisterEvents: return RegisterEvents();
                case Opcodes.Execute: return Execute();
                case Opcodes.Probe: return Probe();
                case Opcodes.Scan: return Scan();
                case Opcodes.Statistics: return Statistics();
                default:
                    // Target paths and images run over the link in a later step; until then the
                    // bridge says plainly that it does not do them.
                    return -LinkErrors.UnknownOpcode;
            }
        }

        private int Hello()
        {
            int wanted = _in.U8();
            _in.U8();  // flags, none defined
            if (!_in.Ok) return -LinkErrors.BadLength;
            if (wanted < LinkConstants.Version) return -LinkErrors.UnsupportedVersion;
            // A HELLO starts a new session: whatever an earlier PC left behind ends here, even
            // when its hang-up went unnoticed (a port closed and opened again at once).
            if (_helloDone) OnPeerLost();
            _helloDone = true;
            _adapter.GetInfo(_info);
            _out.U8(LinkConstants.Version).U8(_info.ScsiId).U16(LinkConstants.MaxPayload).U32((uint)_info.MaxTransferBytes)
                .U16(_info.RingBuffers).U16(_info.RingBufferSize).U8(Window).U32((uint)_info.Capabilities)
                .Str(_info.FirmwareVersion).Str(_config.BoardName);
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
            _elevated = true;
            return Errno.Ok;
        }

        private int StartDevice()
        {
            int id = _in.U8(), lun = _in.U8(), writes = _in.U8();
            if (!_in.Ok) return -LinkErrors.BadLength;
            if (id > 7 || lun > 7) return -LinkErrors.BadArgument;
            int rc = _adapter.StartDevice(id, lun, writes != 0, _elevated);
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
            if (opcode == Opcodes.Halt) return _adapter.Halt(id, lun);
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
            if (!_elevated) return -LinkErrors.NotElevated;
            bool read = (flags & 1) != 0;
            if (!read && length > 0)
            {
                // Data for writes arrives in data frames under credits, a later step of the link.
                return Errno.EINVAL;
            }
            r.TargetId = id;
            r.Lun = lun;
            r.CdbLength = cdbLength;
            r.DataLength = (int)length;
            r.Flags = (read ? IoFlags.Read : 0) | ((flags & 2) != 0 ? IoFlags.NoDisconnect : 0);
            r.TimeoutNs = (long)timeoutMs * 1000000L;
            r.Sink = read ? this : null;
            r.Source = null;
            int rc = _adapter.Execute(r, true);
            _out.U8(r.Validity).U8(r.ScsiStatus).U8(r.AdapterStatus).U32((uint)r.Residual);
            return rc;
        }

        /// <summary>Largest data part of a data frame: the payload less its 4-byte offset.</summary>
        public const int MaxDataPerFrame = LinkConstants.MaxPayload - 4;

        /// <summary>Read data straight from the ring buffer into data frames (offset, then bytes);
        /// a full buffer takes two, since the offset needs room too. The buffer goes back to the
        /// ring whatever happens to the port.</summary>
        public void Deliver(IoRequest request, int offset, RingBuffer buffer, int count)
        {
            try
            {
                lock (_outLock)
                {
                    for (int done = 0; done < count;)
                    {
                        int part = count - done < MaxDataPerFrame ? count - done : MaxDataPerFrame;
                        int at = offset + done;
                        _dataHeader[0] = (byte)at;
                        _dataHeader[1] = (byte)(at >> 8);
                        _dataHeader[2] = (byte)(at >> 16);
                        _dataHeader[3] = (byte)(at >> 24);
                        int n = _writer.EncodeTwoPart(FrameType.Data, (byte)(done + part < count ? FrameFlags.More : 0), Opcodes.Execute,
                                                      _currentId, _dataHeader, 0, 4, buffer.Data, done, part, _tx, 0);
                        _output.Write(_tx, 0, n);
                        FramesOut++;
                        done += part;
                    }
                }
            }
            finally
            {
                buffer.Owner.Release(buffer);
            }
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

        private int Statistics()
        {
            _out.U32((uint)FramesIn).U32((uint)FramesOut).U32((uint)_decoder.BadCrc).U32((uint)_decoder.BadCobs)
                .U32((uint)_decoder.Short).U32((uint)UnknownOpcodes).U32((uint)(BadLengths + _decoder.BadLength))
                .U32((uint)_decoder.TooLarge).U32((uint)BadArguments).U32((uint)Replays)
                .U16(_adapter.Ring.FreeCount).U16(_adapter.Ring.HighWater);
            return Errno.Ok;
        }

        // ---- events ----

        public void OnEvent(AdapterEvent e)
        {
            lock (_outLock)
            {
                _eventOut.Reset(_eventPayload, 0, _eventPayload.Length);
                _eventOut.U8(e.Kind).U8(e.TargetId).U8(e.Lun).U32((uint)e.Correlator).U8(e.SenseKey).U8(e.Asc).U8(e.Ascq);
                int n = _writer.Encode(FrameType.Event, 0, Opcodes.DeviceEvent, 0, _eventPayload, 0, _eventOut.Length, _tx, 0);
                _output.Write(_tx, 0, n);
                FramesOut++;
            }
        }

        // ---- output ----

        private void Send(byte type, int opcode, int id, byte[] payload, int offset, int count)
        {
            lock (_outLock)
            {
                int n = _writer.Encode(type, 0, (byte)opcode, id, payload, offset, count, _tx, 0);
                _output.Write(_tx, 0, n);
                FramesOut++;
            }
        }

        private readonly byte[] _errorPayload = new byte[256];
        private readonly PayloadWriter _errorOut = new PayloadWriter();

        private void SendError(int opcode, int id, int code)
        {
            lock (_outLock)
            {
                _errorOut.Reset(_errorPayload, 0, _errorPayload.Length);
                _errorOut.U16(code).Str(LinkErrors.Describe(code));
                int n = _writer.Encode(FrameType.Error, 0, (byte)opcode, id, _errorPayload, 0, _errorOut.Length, _tx, 0);
                _output.Write(_tx, 0, n);
                FramesOut++;
            }
        }
    }
}
