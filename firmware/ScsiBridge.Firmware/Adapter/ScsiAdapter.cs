using System;
using ScsiBridge.Hal;
using ScsiBridge.Hal.Buffers;

namespace ScsiBridge.Firmware.Adapter
{
    /// <summary>
    /// The SCSI adapter as its callers see it, after the AIX adapter ioctls and the Solaris
    /// probe: IOCINFO, SCIOLSTART/SCIOLSTOP, SCIOLHALT, SCIOLRESET, SCIOLEVENT, TMIOCMD, probe
    /// and scan. Every operation checks its arguments and the session state and answers with an
    /// errno; the bus work itself happens on the bus thread (<see cref="RunBusThread"/>), which
    /// the host starts once.
    /// </summary>
    /// <remarks>
    /// Privilege: TMIOCMD is privileged (the link decides who is elevated and passes it in), and
    /// write-class commands also need a session whose writes were enabled, which again needs
    /// privilege. Sessions are read-only by default: a vintage drive is often the last copy of
    /// its data.
    /// </remarks>
    public sealed class ScsiAdapter : IRingListener
    {
        public const string FirmwareVersion = "0.2.0";
        private const int Slots = 64;
        private const int MaxProbeCallbacks = 8;

        private readonly IScsiController _controller;
        private readonly IHalPlatform _platform;
        private readonly AdapterConfig _config;
        private readonly object _lock = new object();
        private readonly object _probeLock = new object();
        private readonly DeviceSession[] _sessions = new DeviceSession[Slots];
        private readonly EngineControl[] _controls = new EngineControl[Slots];
        private readonly InitiatorEngine _engine;
        private readonly IHalSignal _engineBufferFreed;
        private readonly IHalSignal _probeBufferFreed;
        private readonly IProbeCallback?[] _probeCallbacks = new IProbeCallback?[MaxProbeCallbacks];
        private readonly IoRequest _probeRequest;
        private readonly ArrayData _probeData = new ArrayData(new byte[0], 0);
        private readonly byte[] _inquiry = new byte[ProbeOutcome.InquiryBytes];
        private readonly byte[] _sense = new byte[18];

        public ScsiAdapter(IScsiController controller, IHalPlatform platform, AdapterConfig config)
        {
            if (controller == null) throw new ArgumentNullException("controller");
            if (platform == null) throw new ArgumentNullException("platform");
            if (config == null) throw new ArgumentNullException("config");
            if (config.ScsiId != controller.ScsiId) throw new ArgumentException("the adapter's SCSI ID must be the controller's", "config");
            if (config.RingBufferSize < 512) throw new ArgumentOutOfRangeException("config", "ring buffers of at least 512 bytes are needed");
            if (config.SyncOffset < 0 || config.SyncOffset > 15) throw new ArgumentOutOfRangeException("config", "the REQ/ACK offset is 0 to 15");
            _controller = controller;
            _platform = platform;
            _config = config;
            // The native ring when the platform has one (the board, the simulator): bus data then
            // stays in native memory from the bus to the link.
            Ring = platform.DataPlane != null
                ? new BufferRing(platform.DataPlane.CreateRing(config.RingBuffers, config.RingBufferSize))
                : new BufferRing(config.RingBuffers, config.RingBufferSize, platform.BufferAllocator);
            for (int i = 0; i < Slots; i++)
            {
                _sessions[i] = new DeviceSession();
                _controls[i] = new EngineControl(i, platform.CreateSignal());
            }
            _engineBufferFreed = platform.CreateSignal();
            _probeBufferFreed = platform.CreateSignal();
            _engine = new InitiatorEngine(controller, platform, config, Ring, _sessions, _controls, _lock, _engineBufferFreed);
            _probeRequest = CreateRequest();
            Ring.SetListener(this);
        }

        /// <summary>The fixed buffer ring every data path uses.</summary>
        public BufferRing Ring { get; private set; }

        public int ScsiId
        {
            get { return _config.ScsiId; }
        }

        /// <summary>The bus thread's body; returns after <see cref="Shutdown"/>.</summary>
        public void RunBusThread()
        {
            _engine.Run();
        }

        public void Shutdown()
        {
            _engine.Stop();
        }

        /// <summary>A reusable request; make them at start-up.</summary>
        public IoRequest CreateRequest()
        {
            return new IoRequest(_platform.CreateSignal());
        }

        // ---- IOCINFO ----

        public void GetInfo(AdapterInfo into)
        {
            into.ScsiId = _config.ScsiId;
            into.MaxTransferBytes = _config.MaxTransferBytes;
            into.RingBuffers = Ring.Count;
            into.RingBufferSize = Ring.BufferSize;
            into.FirmwareVersion = FirmwareVersion;
            into.Capabilities = AdapterCapabilities.Disconnect | AdapterCapabilities.Synchronous
                                | AdapterCapabilities.Parity | AdapterCapabilities.Scsi1Selection;
        }

        // ---- SCIOLSTART / SCIOLSTOP ----

        /// <summary>True while a session for that ID and LUN is open (what a link that lost its
        /// peer must leave false for every device).</summary>
        public bool IsStarted(int targetId, int lun)
        {
            if (targetId < 0 || targetId > 7 || lun < 0 || lun > 7) return false;
            lock (_lock)
            {
                return _sessions[targetId * 8 + lun].Started;
            }
        }

        /// <summary>Opens the device session for an ID and LUN. Enabling writes needs privilege.</summary>
        public int StartDevice(int targetId, int lun, bool enableWrites, bool elevated)
        {
            if (!ValidDevice(targetId, lun)) return Errno.EINVAL;
            if (enableWrites && !elevated) return Errno.EPERM;
            lock (_lock)
            {
                DeviceSession s = _sessions[targetId * 8 + lun];
                if (s.Started) return Errno.EINVAL;
                s.Clear();
                s.Started = true;
                s.Writable = enableWrites;
            }
            return Errno.Ok;
        }

        /// <summary>Closes the session: its event registration ends and its pending and running
        /// commands are cancelled.</summary>
        public int StopDevice(int targetId, int lun)
        {
            int slot = StartedSlot(targetId, lun);
            if (slot < 0) return Errno.EINVAL;
            lock (_lock)
            {
                _sessions[slot].EventsRegistered = false;
                _sessions[slot].Sink = null;
            }
            HaltSlot(slot);
            lock (_lock)
            {
                _sessions[slot].Clear();
            }
            return Errno.Ok;
        }

        // ---- SCIOLHALT ----

        /// <summary>Aborts the device's running command (ABORT, then BUS DEVICE RESET, then a bus
        /// reset if the target ignores them) and fails its queued ones with ECANCELED.</summary>
        public int Halt(int targetId, int lun)
        {
            int slot = StartedSlot(targetId, lun);
            return slot < 0 ? Errno.EINVAL : HaltSlot(slot);
        }

        private int HaltSlot(int slot)
        {
            IoRequest? queued;
            while ((queued = _engine.TakeQueued(slot)) != null)
            {
                queued.Errno = Errno.ECANCELED;
                queued.AdapterStatus = AdapterStatus.Aborted;
                queued.Validity = StatusValidity.AdapterStatusValid;
                queued.Complete();
            }
            if (!_engine.IsActive(slot)) return Errno.Ok;
            EngineControl control = _controls[slot];
            lock (_lock)
            {
                if (control.Pending) return Errno.EBUSY;
                control.Kind = EngineControl.Halt;
            }
            _engine.Post(control);
            control.Done.Wait();
            return Errno.Ok;
        }

        // ---- SCIOLRESET ----

        /// <summary>
        /// Clears the device's hard errors and any other initiator's reservation: BUS DEVICE RESET,
        /// then TEST UNIT READY and REQUEST SENSE until the unit attention that follows is
        /// consumed (it is reported in <paramref name="outcome"/> and as an event).
        /// </summary>
        public int Reset(int targetId, int lun, ResetOutcome? outcome)
        {
            int slot = StartedSlot(targetId, lun);
            if (slot < 0) return Errno.EINVAL;
            if (outcome != null) outcome.Clear();
            EngineControl control = _controls[slot];
            lock (_lock)
            {
                if (control.Pending) return Errno.EBUSY;
                control.Kind = EngineControl.DeviceReset;
            }
            _engine.Post(control);
            control.Done.Wait();
            if (control.Result != Errno.Ok) return control.Result;
            lock (_probeLock)
            {
                for (int attempt = 0; attempt < 4; attempt++)
                {
                    RunInternal(targetId, lun, ScsiOpcodes.TestUnitReady, 0);
                    if (_probeRequest.Errno == Errno.Ok) return Errno.Ok;
                    if (_probeRequest.ScsiStatus != ScsiStatus.CheckCondition) break;
                    if (!RequestSense(targetId, lun)) break;
                    if ((_sense[2] & 0x0F) == 6)
                    {
                        if (outcome != null)
                        {
                            outcome.HadUnitAttention = true;
                            outcome.Asc = _sense[12];
                            outcome.Ascq = _sense[13];
                        }
                        _engine.ReportUnitAttention(slot, 6, _sense[12], _sense[13]);
                    }
                }
            }
            return _probeRequest.Errno == Errno.ENODEV ? Errno.ENODEV : Errno.EIO;
        }

        // ---- SCIOLEVENT ----

        /// <summary>Registers for the session's asynchronous events, once per session: EINVAL
        /// without SCIOLSTART, for a second registration, or without a sink.</summary>
        public int RegisterEvents(int targetId, int lun, int correlator, IAdapterEventSink? sink)
        {
            if (!ValidDevice(targetId, lun) || sink == null) return Errno.EINVAL;
            lock (_lock)
            {
                DeviceSession s = _sessions[targetId * 8 + lun];
                if (!s.Started || s.EventsRegistered) return Errno.EINVAL;
                s.EventsRegistered = true;
                s.Sink = sink;
                s.Correlator = correlator;
            }
            return Errno.Ok;
        }

        // ---- TMIOCMD ----

        /// <summary>Queues a raw command; the request completes on the bus thread. Errno.Ok when it
        /// was queued; otherwise the reason, and the request is untouched.</summary>
        public int Submit(IoRequest request, bool elevated)
        {
            if (request == null) return Errno.EINVAL;
            if (!elevated) return Errno.EPERM;
            if (!ValidDevice(request.TargetId, request.Lun)) return Errno.EINVAL;
            int cdb = request.CdbLength;
            if (cdb != 6 && cdb != 10 && cdb != 12 && cdb != 16) return Errno.EINVAL;
            if (request.DataLength < 0 || request.DataLength > _config.MaxTransferBytes) return Errno.EINVAL;
            if (request.DataLength > 0 && (request.IsRead ? request.Sink == null : request.Source == null)) return Errno.EINVAL;
            if (request.TimeoutNs < 0) return Errno.EINVAL;
            int slot = request.TargetId * 8 + request.Lun;
            lock (_lock)
            {
                DeviceSession s = _sessions[slot];
                if (!s.Started) return Errno.EINVAL;
                if (ScsiOpcodes.IsWriteClass(request.Cdb[0]) && !s.Writable) return Errno.EPERM;
            }
            return Enqueue(request);
        }

        /// <summary>TMIOCMD: runs the command and waits for it. Returns the request's errno.</summary>
        public int Execute(IoRequest request, bool elevated)
        {
            int rc = Submit(request, elevated);
            if (rc != Errno.Ok) return rc;
            request.Wait();
            return request.Errno;
        }

        private int Enqueue(IoRequest r)
        {
            int slot = r.TargetId * 8 + r.Lun;
            lock (_lock)
            {
                if (r.InUse) return Errno.EBUSY;  // queued or under way: one use at a time
                r.InUse = true;
                r.OrLun = _sessions[slot].ScsiLevel <= 2;
            }
            r.ResetResult();
            r.Slot = slot;
            long timeout = r.TimeoutNs > 0 ? r.TimeoutNs : _config.DefaultTimeoutNs;
            r.DeadlineNs = _platform.Clock.NowNs + timeout;
            _engine.Enqueue(r);
            return Errno.Ok;
        }

        // ---- probe and scan ----

        /// <summary>
        /// scsi_slave: TEST UNIT READY, then INQUIRY. <paramref name="wait"/> is a ProbeWait value
        /// and says what to do when no buffer is free; with ProbeWait.Callback the callback is
        /// registered and NoMemory returned. Needs no session and no privilege.
        /// </summary>
        public int Probe(int targetId, int lun, int wait, IProbeCallback? callback, ProbeOutcome into)
        {
            if (into == null) throw new ArgumentNullException("into");
            into.Clear(targetId, lun);
            if (!ValidDevice(targetId, lun) || wait < ProbeWait.DoNotWait || wait > ProbeWait.Callback
                || (wait == ProbeWait.Callback && callback == null))
            {
                into.Errno = Errno.EINVAL;
                return into.Result = ProbeResult.Failure;
            }
            RingBuffer? b = Ring.TryAcquire();
            if (b == null)
            {
                if (wait == ProbeWait.DoNotWait) return into.Result = ProbeResult.NoMemory;
                if (wait == ProbeWait.Callback)
                {
                    if (!AddProbeCallback(callback!)) into.Errno = Errno.ENOMEM;
                    return into.Result = ProbeResult.NoMemory;
                }
                while (b == null)
                {
                    _probeBufferFreed.Wait();
                    b = Ring.TryAcquire();
                }
            }
            try
            {
                lock (_probeLock)
                {
                    return into.Result = ProbeWithBuffer(targetId, lun, b, into);
                }
            }
            finally
            {
                Ring.Release(b);
            }
        }

        private int ProbeWithBuffer(int targetId, int lun, RingBuffer b, ProbeOutcome into)
        {
            // TEST UNIT READY: does anything answer? A unit attention is consumed and reported.
            RunInternal(targetId, lun, ScsiOpcodes.TestUnitReady, 0);
            if (_probeRequest.Errno == Errno.ENODEV) return ProbeResult.NoResponse;
            if ((_probeRequest.Validity & StatusValidity.AdapterStatusValid) != 0) return Fail(into);
            if (_probeRequest.ScsiStatus == ScsiStatus.CheckCondition && RequestSense(targetId, lun) && (_sense[2] & 0x0F) == 6)
            {
                into.HadUnitAttention = true;
                into.UnitAttentionAsc = _sense[12];
                into.UnitAttentionAscq = _sense[13];
                _engine.ReportUnitAttention(targetId * 8 + lun, 6, _sense[12], _sense[13]);
            }

            // INQUIRY into the probe's buffer.
            // The ring buffer b stands for the probe's resources (NOMEM without one); the few
            // INQUIRY bytes come into a managed array of their own.
            _probeData.Reset(_inquiry, 0);
            RunInternal(targetId, lun, ScsiOpcodes.Inquiry, ProbeOutcome.InquiryBytes);
            if (_probeRequest.Errno == Errno.ENODEV) return ProbeResult.NoResponse;
            if ((_probeRequest.Validity & StatusValidity.AdapterStatusValid) != 0
                && _probeRequest.AdapterStatus != AdapterStatus.DataOverrun)
            {
                return Fail(into);
            }
            int got = ProbeOutcome.InquiryBytes - _probeRequest.Residual;
            if (_probeRequest.ScsiStatus != ScsiStatus.Good || got < 5) return ProbeResult.NonCcs;
            if ((_inquiry[0] >> 5) == 3) return ProbeResult.NoResponse;  // no logical unit there
            Array.Copy(_inquiry, 0, into.Inquiry, 0, got);
            into.InquiryLength = got;
            lock (_lock)
            {
                _sessions[targetId * 8 + lun].ScsiLevel = _inquiry[2] & 7;
            }
            return ProbeResult.Exists;
        }

        private int Fail(ProbeOutcome into)
        {
            into.Errno = _probeRequest.Errno;
            return ProbeResult.Failure;
        }

        /// <summary>Probes every ID but the adapter's own, and LUNs 0-7 of each that answers when
        /// asked. Waits for buffers (a scan is not urgent).</summary>
        public void Scan(bool luns, ScanResult into)
        {
            into.Count = 0;
            for (int id = 0; id < 8; id++)
            {
                if (id == _config.ScsiId) continue;
                ProbeOutcome first = into.Next();
                Probe(id, 0, ProbeWait.Sleep, null, first);
                if (!luns || first.Result == ProbeResult.NoResponse) continue;
                for (int lun = 1; lun < 8; lun++)
                {
                    ProbeOutcome o = into.Next();
                    Probe(id, lun, ProbeWait.Sleep, null, o);
                    if (o.Result == ProbeResult.NoResponse) into.Count--;  // keep the table to what exists
                }
            }
        }

        /// <summary>A command of the adapter's own (no privilege, no session needed) into
        /// _probeRequest; the data, if any, goes to _probeData.</summary>
        private void RunInternal(int targetId, int lun, byte opcode, int allocation)
        {
            IoRequest r = _probeRequest;
            byte[] cdb = r.Cdb;
            for (int i = 0; i < IoRequest.MaxCdbLength; i++) cdb[i] = 0;
            cdb[0] = opcode;
            cdb[4] = (byte)allocation;
            r.CdbLength = 6;
            r.TargetId = targetId;
            r.Lun = lun;
            r.DataLength = allocation;
            r.Flags = IoFlags.Read;
            r.Sink = allocation > 0 ? _probeData : null;
            r.Source = null;
            r.TimeoutNs = 0;
            r.Listener = null;
            Enqueue(r);
            r.Wait();
        }

        /// <summary>
        /// Automatic sense: REQUEST SENSE for a command that just ended with CHECK CONDITION,
        /// run before the caller sends the device anything else, so that the sense the device
        /// holds for this initiator is still there. Copies up to into.Length bytes of it and
        /// returns how many; 0 when the REQUEST SENSE itself failed.
        /// </summary>
        public int FetchSense(int targetId, int lun, byte[] into)
        {
            lock (_probeLock)
            {
                if (!RequestSense(targetId, lun)) return 0;
                int n = _sense.Length < into.Length ? _sense.Length : into.Length;
                Array.Copy(_sense, 0, into, 0, n);
                return n;
            }
        }

        private bool RequestSense(int targetId, int lun)
        {
            _probeData.Reset(_sense, 0);
            for (int i = 0; i < _sense.Length; i++) _sense[i] = 0;
            RunInternal(targetId, lun, ScsiOpcodes.RequestSense, _sense.Length);
            return _probeRequest.Errno == Errno.Ok && (_sense[0] & 0x70) == 0x70;
        }

        private bool AddProbeCallback(IProbeCallback callback)
        {
            lock (_lock)
            {
                for (int i = 0; i < MaxProbeCallbacks; i++)
                {
                    if (_probeCallbacks[i] == null)
                    {
                        _probeCallbacks[i] = callback;
                        return true;
                    }
                }
            }
            return false;
        }

        /// <summary>A buffer came back: whoever waits for one may go on, and registered probe
        /// callbacks are called again (each until it returns non-zero).</summary>
        public void OnBufferReleased(BufferRing ring)
        {
            _engineBufferFreed.Set();
            _probeBufferFreed.Set();
            for (int i = 0; i < MaxProbeCallbacks; i++)
            {
                IProbeCallback? cb;
                lock (_lock)
                {
                    cb = _probeCallbacks[i];
                }
                if (cb == null) continue;
                if (cb.OnResourcesAvailable() != 0)
                {
                    lock (_lock)
                    {
                        if (_probeCallbacks[i] == cb) _probeCallbacks[i] = null;
                    }
                }
            }
        }

        /// <summary>The slot of a started session, or -1 for a bad ID or LUN or no session.</summary>
        private int StartedSlot(int targetId, int lun)
        {
            if (!ValidDevice(targetId, lun)) return -1;
            int slot = targetId * 8 + lun;
            lock (_lock)
            {
                return _sessions[slot].Started ? slot : -1;
            }
        }

        private bool ValidDevice(int targetId, int lun)
        {
            return targetId >= 0 && targetId <= 7 && targetId != _config.ScsiId && lun >= 0 && lun <= 7;
        }
    }
}
