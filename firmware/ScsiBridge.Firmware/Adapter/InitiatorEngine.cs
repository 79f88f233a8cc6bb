using ScsiBridge.Hal;
using ScsiBridge.Hal.Buffers;

namespace ScsiBridge.Firmware.Adapter
{
    /// <summary>
    /// The adapter's bus thread: the only code that drives the controller. It starts queued
    /// requests (one at a time per ID and LUN), runs each connection phase by phase, lets targets
    /// disconnect and serves their reselections, negotiates synchronous transfers, retries after
    /// parity errors, enforces timeouts, and carries out halts and device resets. Other threads
    /// only queue work and wait for it.
    /// </summary>
    internal sealed class InitiatorEngine
    {
        private const int Slots = 64;

        private readonly IScsiController _ctl;
        private readonly IHalClock _clock;
        private readonly AdapterConfig _config;
        private readonly BufferRing _ring;
        private readonly DeviceSession[] _sessions;
        private readonly EngineControl[] _controls;
        private readonly object _lock;
        private readonly IHalSignal _work;
        private readonly IHalSignal _bufferFreed;
        private readonly ControllerCommand _cmd = new ControllerCommand();
        private readonly Completion _c = new Completion();
        private readonly RequestQueue _queue = new RequestQueue();
        private readonly IoRequest?[] _active = new IoRequest?[Slots];
        private readonly bool[] _halting = new bool[Slots];
        private readonly bool[] _sdtrSent = new bool[8];
        private readonly bool[] _sdtrDone = new bool[8];
        private readonly byte[] _msgOut = new byte[ControllerCommand.InlineBytes];
        private readonly byte[] _scratch;
        private int _msgOutLength;
        private int _disconnected;
        private bool _waitingReselect;
        private bool _stop;

        public InitiatorEngine(IScsiController controller, IHalPlatform platform, AdapterConfig config, BufferRing ring,
                               DeviceSession[] sessions, EngineControl[] controls, object sync, IHalSignal bufferFreed)
        {
            _ctl = controller;
            _clock = platform.Clock;
            _config = config;
            _ring = ring;
            _sessions = sessions;
            _controls = controls;
            _lock = sync;
            _work = platform.CreateSignal();
            _bufferFreed = bufferFreed;
            _scratch = new byte[config.RingBufferSize];
        }

        // ---- called by other threads (under no lock of theirs) ----

        public void Enqueue(IoRequest r)
        {
            lock (_lock)
            {
                _queue.Enqueue(r);
                WakeLocked();
            }
        }

        /// <summary>Fails every queued request of the slot with ECANCELED and, if one is under way,
        /// asks the bus thread to abort it. Returns the requests to complete outside the lock one
        /// by one through TakeCancelled.</summary>
        public IoRequest? TakeQueued(int slot)
        {
            lock (_lock)
            {
                return _queue.TakeFirstFor(slot);
            }
        }

        public void Post(EngineControl control)
        {
            lock (_lock)
            {
                control.Pending = true;
                if (control.Kind == EngineControl.Halt) _halting[control.Slot] = true;
                WakeLocked();
            }
        }

        public void Stop()
        {
            lock (_lock)
            {
                _stop = true;
                WakeLocked();
            }
        }

        public bool IsActive(int slot)
        {
            lock (_lock)
            {
                return _active[slot] != null;
            }
        }

        private void WakeLocked()
        {
            if (_waitingReselect) _ctl.Cancel();
            _work.Set();
        }

        // ---- the bus thread ----

        /// <summary>The bus thread's body: returns after <see cref="Stop"/>.</summary>
        public void Run()
        {
            for (;;)
            {
                EngineControl? control = null;
                IoRequest? r = null;
                lock (_lock)
                {
                    if (_stop) break;
                    control = TakeControlLocked();
                    if (control == null)
                    {
                        r = _queue.TakeFirstStartable(_active);
                        if (r != null)
                        {
                            _active[r.Slot] = r;
                            r.Started = true;
                        }
                    }
                }
                if (control != null)
                {
                    RunControl(control);
                }
                else if (r != null)
                {
                    Start(r);
                }
                else
                {
                    IdleOnTheBus();
                }
            }
        }

        private EngineControl? TakeControlLocked()
        {
            for (int i = 0; i < _controls.Length; i++)
            {
                if (_controls[i].Pending) return _controls[i];
            }
            return null;
        }

        /// <summary>
        /// With nothing to start, the controller waits for a reselection: a disconnected target
        /// coming back, or a bus reset, ends it; new work cancels it. Disconnected commands whose
        /// time is up are aborted at their targets.
        /// </summary>
        private void IdleOnTheBus()
        {
            long deadline = EarliestDisconnectedDeadline();
            long now = _clock.NowNs;
            if (deadline <= now)
            {
                ExpireDisconnected(now);
                return;
            }
            lock (_lock)
            {
                if (_stop || _queue.HasStartable(_active) || TakeControlPeek()) return;
                _cmd.Reset(ControllerOp.WaitReselect);
                _cmd.TimeoutNs = deadline == long.MaxValue ? 0 : deadline - now;
                if (_ctl.Submit(_cmd) != ControllerResult.Ok)
                {
                    DrainStrayCompletion();
                    return;
                }
                _waitingReselect = true;
            }
            _ctl.WaitForCompletion(_c);
            lock (_lock)
            {
                _waitingReselect = false;
            }
            switch (_c.Result)
            {
                case ControllerResult.Ok:
                    ServeReselection();
                    break;
                case ControllerResult.Timeout:
                    ExpireDisconnected(_clock.NowNs);
                    break;
                case ControllerResult.BusReset:
                    OnBusReset();
                    break;
            }
        }

        private bool TakeControlPeek()
        {
            for (int i = 0; i < _controls.Length; i++)
            {
                if (_controls[i].Pending) return true;
            }
            return false;
        }

        private long EarliestDisconnectedDeadline()
        {
            long earliest = long.MaxValue;
            if (_disconnected == 0) return earliest;
            for (int i = 0; i < Slots; i++)
            {
                IoRequest? r = _active[i];
                if (r != null && r.Disconnected && r.DeadlineNs < earliest) earliest = r.DeadlineNs;
            }
            return earliest;
        }

        private void ExpireDisconnected(long now)
        {
            for (int i = 0; i < Slots; i++)
            {
                IoRequest? r = _active[i];
                if (r == null || !r.Disconnected || r.DeadlineNs > now) continue;
                // The target still holds the command: take it back before the slot is reused.
                AbortAtTarget(i >> 3, i & 7, ScsiMessages.Abort);
                if (_active[i] == r)
                {
                    Event(i, AdapterEventKind.CommandTimeout, 0, 0, 0);
                    Finish(r, Errno.ETIMEDOUT, AdapterStatus.CommandTimeout);
                }
            }
        }

        // ---- starting a request ----

        private void Start(IoRequest r)
        {
            int target = r.Slot >> 3;
            ClearMessages();
            AddMessage((byte)(ScsiMessages.Identify | (AllowsDisconnect(r) ? ScsiMessages.IdentifyDisconnectPrivilege : 0) | r.Lun));
            if (_config.SyncOffset > 0 && !_sdtrDone[target])
            {
                AddSdtr(_config.SyncPeriodNs, _config.SyncOffset);
                _sdtrSent[target] = true;
            }
            _cmd.Reset(ControllerOp.Select);
            _cmd.PeerId = target;
            _cmd.Flags = CommandFlags.Atn;
            _cmd.TimeoutNs = Remaining(r.DeadlineNs);
            switch (Exec())
            {
                case ControllerResult.Ok:
                    RunNexus(r, target, r.Lun);
                    break;
                case ControllerResult.Reselected:
                    // A disconnected target came first: serve it, start this one afterwards.
                    lock (_lock)
                    {
                        _active[r.Slot] = null;
                        r.Started = false;
                        _queue.PushFront(r);
                    }
                    if (_sdtrSent[target] && !_sdtrDone[target]) _sdtrSent[target] = false;
                    ServeReselectionAfterSelect();
                    break;
                case ControllerResult.SelectionTimeout:
                    if (_sdtrSent[target] && !_sdtrDone[target]) _sdtrSent[target] = false;
                    Event(r.Slot, AdapterEventKind.DeviceGone, 0, 0, 0);
                    Finish(r, Errno.ENODEV, AdapterStatus.NoDeviceResponse);
                    break;
                case ControllerResult.Timeout:
                    Event(r.Slot, AdapterEventKind.CommandTimeout, 0, 0, 0);
                    Finish(r, Errno.ETIMEDOUT, AdapterStatus.CommandTimeout);
                    break;
                case ControllerResult.BusReset:
                    OnBusReset();
                    break;
                default:
                    Finish(r, Errno.EIO, AdapterStatus.BusFault);
                    break;
            }
        }

        private bool AllowsDisconnect(IoRequest r)
        {
            return _config.AllowDisconnect && (r.Flags & IoFlags.NoDisconnect) == 0;
        }

        // ---- one connection ----

        /// <summary>
        /// Runs a connection phase by phase until the bus is free. r is null for a connection that
        /// only delivers messages (an ABORT or BUS DEVICE RESET for a command no request owns).
        /// The phase the target requests is in _c.Phase when this is called.
        /// </summary>
        private void RunNexus(IoRequest? r, int target, int lun)
        {
            int slot = target * 8 + lun;
            bool aborting = r == null;          // a message-only connection is ending on purpose
            int abortErrno = Errno.ECANCELED;
            int abortStatus = AdapterStatus.Aborted;
            int escalation = 0;
            long abortDeadline = r == null ? _clock.NowNs + 2 * _config.AbortGraceNs : 0;
            for (;;)
            {
                long now = _clock.NowNs;
                if (r != null && !aborting)
                {
                    bool halt;
                    lock (_lock)
                    {
                        halt = _halting[slot];
                    }
                    if (halt || now >= r.DeadlineNs)
                    {
                        aborting = true;
                        if (!halt)
                        {
                            abortErrno = Errno.ETIMEDOUT;
                            abortStatus = AdapterStatus.CommandTimeout;
                            Event(slot, AdapterEventKind.CommandTimeout, 0, 0, 0);
                        }
                        ClearMessages();
                        AddMessage(ScsiMessages.Abort);
                        abortDeadline = now + _config.AbortGraceNs;
                        if (Simple(ControllerOp.SetAtn) == ControllerResult.BusReset)
                        {
                            OnBusReset();
                            return;
                        }
                    }
                }
                if (aborting && now >= abortDeadline)
                {
                    if (escalation == 0)
                    {
                        // ABORT was not obeyed in time: BUS DEVICE RESET.
                        escalation = 1;
                        ClearMessages();
                        AddMessage(ScsiMessages.BusDeviceReset);
                        abortDeadline = now + _config.AbortGraceNs;
                        abortStatus = r != null && abortStatus == AdapterStatus.Aborted ? AdapterStatus.DeviceReset : abortStatus;
                        if (Simple(ControllerOp.SetAtn) == ControllerResult.BusReset)
                        {
                            OnBusReset();
                            return;
                        }
                    }
                    else
                    {
                        // Neither was obeyed: only a bus reset frees the bus now. The command
                        // ends as the halt or timeout asked, the reset being how.
                        Simple(ControllerOp.ResetBus);
                        if (r != null) Finish(r, abortErrno, AdapterStatus.BusReset);
                        OnBusReset();
                        return;
                    }
                }

                int phase = _c.Phase;
                int result;
                if (phase == BusPhase.BusFree)
                {
                    if (r != null) EndOfConnection(r, aborting, abortErrno, abortStatus, escalation);
                    return;
                }
                long limit = aborting ? abortDeadline : (r != null ? r.DeadlineNs : now + _config.AbortGraceNs);
                if (phase == BusPhase.MessageOut)
                {
                    if (_msgOutLength == 0) AddMessage(ScsiMessages.NoOperation);
                    _cmd.Reset(ControllerOp.MessageOut);
                    for (int i = 0; i < _msgOutLength; i++) _cmd.Bytes[i] = _msgOut[i];
                    _cmd.ByteCount = _msgOutLength;
                    _cmd.TimeoutNs = Remaining(limit);
                    ClearMessages();
                    result = Exec();
                }
                else if (phase == BusPhase.Command && r != null && !aborting && r.CdbSent)
                {
                    // The target wants more command bytes than the CDB has (it reads the group
                    // code differently): nothing sensible can follow, so end the command.
                    aborting = true;
                    abortErrno = Errno.EIO;
                    abortStatus = AdapterStatus.BusFault;
                    ClearMessages();
                    AddMessage(ScsiMessages.Abort);
                    abortDeadline = now + _config.AbortGraceNs;
                    Simple(ControllerOp.SetAtn);
                    result = Drain(phase, abortDeadline);
                }
                else if (phase == BusPhase.Command && r != null && !aborting)
                {
                    r.CdbSent = true;
                    _cmd.Reset(ControllerOp.CommandOut);
                    for (int i = 0; i < r.CdbLength; i++) _cmd.Bytes[i] = r.Cdb[i];
                    if (r.OrLun) _cmd.Bytes[1] = (byte)((_cmd.Bytes[1] & 0x1F) | (lun << 5));
                    _cmd.ByteCount = r.CdbLength;
                    _cmd.TimeoutNs = Remaining(limit);
                    result = Exec();
                }
                else if ((phase == BusPhase.DataIn || phase == BusPhase.DataOut) && r != null && !aborting)
                {
                    result = TransferData(r, phase, limit);
                }
                else if (phase == BusPhase.Status)
                {
                    _cmd.Reset(ControllerOp.StatusIn);
                    _cmd.TimeoutNs = Remaining(limit);
                    result = Exec();
                    if (r != null && result != ControllerResult.BusReset && result != ControllerResult.Timeout)
                    {
                        r.ScsiStatus = _c.StatusByte;
                        r.Validity |= StatusValidity.ScsiStatusValid;
                        if (result == ControllerResult.ParityError) AskForRetry(r);
                    }
                }
                else if (phase == BusPhase.MessageIn)
                {
                    result = TakeMessage(r, target, limit);
                }
                else if (phase == BusPhase.Command || phase == BusPhase.DataIn || phase == BusPhase.DataOut)
                {
                    // Ending the connection, or no request to serve: let the target have what it
                    // asks for until it sees ATN (raised with the ABORT queued above).
                    if (!aborting)
                    {
                        aborting = true;
                        ClearMessages();
                        AddMessage(ScsiMessages.Abort);
                        abortDeadline = now + _config.AbortGraceNs;
                        Simple(ControllerOp.SetAtn);
                    }
                    result = Drain(phase, limit);
                }
                else
                {
                    // Phases 4 and 5 are reserved: a target that requests one is broken.
                    Simple(ControllerOp.ResetBus);
                    OnBusReset();
                    return;
                }

                if (result == ControllerResult.BusReset)
                {
                    OnBusReset();
                    return;
                }
                if (result == ControllerResult.UnexpectedDisconnect)
                {
                    if (r != null)
                    {
                        if (aborting) EndOfConnection(r, true, abortErrno, abortStatus, escalation);
                        else Finish(r, Errno.EIO, AdapterStatus.BusFault);
                    }
                    return;
                }
                if (result == ControllerResult.Invalid || result == ControllerResult.Busy)
                {
                    // The controller refused what the engine asked: the connection state is not what
                    // the engine believes. A bus reset puts everyone back on known ground.
                    Simple(ControllerOp.ResetBus);
                    OnBusReset();
                    return;
                }
                // Ok, PhaseMismatch, ParityError (already handled), Timeout (checked above): go on.
            }
        }

        private void EndOfConnection(IoRequest r, bool aborting, int abortErrno, int abortStatus, int escalation)
        {
            if (aborting)
            {
                if (escalation > 0) OnDeviceReset(r.Slot >> 3, r);
                Finish(r, abortErrno, abortStatus);
                return;
            }
            if (r.SawComplete)
            {
                if (r.ParityRetries > _config.ParityRetries)
                {
                    Finish(r, Errno.EIO, AdapterStatus.ParityError);
                    return;
                }
                bool good = r.ScsiStatus == ScsiStatus.Good || r.ScsiStatus == ScsiStatus.ConditionMet
                            || r.ScsiStatus == ScsiStatus.Intermediate || r.ScsiStatus == ScsiStatus.IntermediateConditionMet;
                Finish(r, good ? Errno.Ok : Errno.EIO, r.Pointer > r.DataLength ? AdapterStatus.DataOverrun : AdapterStatus.None);
                return;
            }
            if (r.SawDisconnect)
            {
                r.Disconnected = true;
                r.SawDisconnect = false;
                _disconnected++;
                return;
            }
            Finish(r, Errno.EIO, AdapterStatus.BusFault);
        }

        // ---- data ----

        private int TransferData(IoRequest r, int phase, long limit)
        {
            bool wantIn = phase == BusPhase.DataIn;
            if (wantIn != r.IsRead || r.Pointer >= r.DataLength)
            {
                // More data than asked for, or the wrong direction: take or give filler so the
                // target can finish; the completion reports the overrun.
                r.Pointer = r.DataLength + 1;
                return Drain(phase, limit);
            }
            RingBuffer? b = AcquireBuffer(limit);
            if (b == null) return ControllerResult.Timeout;
            int want = r.DataLength - r.Pointer;
            if (want > b.Size) want = b.Size;
            _cmd.Reset(ControllerOp.Transfer);
            _cmd.SetRingBuffer(b, 0, want);  // a native ring's slot: the bus fills native memory
            _cmd.TimeoutNs = Remaining(limit);
            if (!wantIn && !Guarded(r, b, false, want)) return ControllerResult.Timeout;
            int result = Exec();
            int moved = _c.BytesMoved;
            if (wantIn && moved > 0)
            {
                if (!Guarded(r, b, true, moved)) return result;  // the sink gives the buffer back
            }
            else
            {
                _ring.Release(b);
            }
            r.Pointer += moved;
            if (r.Pointer > r.HighestPointer) r.HighestPointer = r.Pointer;
            if (result == ControllerResult.ParityError) AskForRetry(r);
            return result;
        }

        /// <summary>
        /// Calls the request's sink or source. Their code is the caller's: if it throws, the bus
        /// thread must live on, the buffer must come back, and the command ends at its deadline
        /// (the data it was to carry is lost, which the caller learns as ETIMEDOUT).
        /// </summary>
        private bool Guarded(IoRequest r, RingBuffer b, bool deliver, int count)
        {
            try
            {
                if (deliver) r.Sink!.Deliver(r, r.Pointer, b, count);
                else r.Source!.Fill(r, r.Pointer, b, count);
                return true;
            }
            catch (System.Exception)
            {
                if (b.InUse) _ring.Release(b);
                r.DeadlineNs = _clock.NowNs;  // ends the command at the next phase
                return false;
            }
        }

        /// <summary>
        /// Parity error on data or status the initiator received: INITIATOR DETECTED ERROR, and the
        /// target retries from its saved pointer. After too many, the command is ended.
        /// </summary>
        private void AskForRetry(IoRequest r)
        {
            r.ParityRetries++;
            ClearMessages();
            AddMessage(r.ParityRetries > _config.ParityRetries ? ScsiMessages.Abort : ScsiMessages.InitiatorDetectedError);
            Simple(ControllerOp.SetAtn);
            if (r.ParityRetries > _config.ParityRetries) r.SawComplete = true;  // ends as ParityError
        }

        private int Drain(int phase, long limit)
        {
            if (phase == BusPhase.DataOut || phase == BusPhase.Command)
            {
                for (int i = 0; i < _scratch.Length; i++) _scratch[i] = 0;
            }
            if (phase == BusPhase.Command)
            {
                _cmd.Reset(ControllerOp.CommandOut);
                _cmd.ByteCount = 6;  // a TEST UNIT READY's worth of zeros
                _cmd.TimeoutNs = Remaining(limit);
                return Exec();
            }
            _cmd.Reset(ControllerOp.Transfer);
            _cmd.Buffer = _scratch;
            _cmd.BufferCount = _scratch.Length;
            _cmd.Length = _scratch.Length;
            _cmd.TimeoutNs = Remaining(limit);
            int result = Exec();
            return result == ControllerResult.PhaseMismatch || result == ControllerResult.ParityError ? ControllerResult.Ok : result;
        }

        private RingBuffer? AcquireBuffer(long limit)
        {
            RingBuffer? b = _ring.TryAcquire();
            while (b == null)
            {
                long left = limit - _clock.NowNs;
                if (left <= 0 || !_bufferFreed.Wait(left)) return null;
                b = _ring.TryAcquire();
            }
            return b;
        }

        // ---- messages ----

        /// <summary>MESSAGE IN: take one message, act on it, accept it (rejecting what is not
        /// understood). Leaves the next phase in _c.</summary>
        private int TakeMessage(IoRequest? r, int target, long limit)
        {
            _cmd.Reset(ControllerOp.MessageIn);
            _cmd.TimeoutNs = Remaining(limit);
            int result = Exec();
            if (result == ControllerResult.ParityError && (_c.Flags & CompletionFlags.AckHeld) != 0)
            {
                ClearMessages();
                AddMessage(ScsiMessages.MessageParityError);
                Simple(ControllerOp.SetAtn);
                return Accept(limit);
            }
            if (result != ControllerResult.Ok) return result;
            byte m = _c.Msg[0];
            bool reject = false;
            if (m == ScsiMessages.CommandComplete)
            {
                if (r != null) r.SawComplete = true;
            }
            else if (m == ScsiMessages.SaveDataPointer)
            {
                if (r != null) r.SavedPointer = r.Pointer;
            }
            else if (m == ScsiMessages.RestorePointers)
            {
                if (r != null) r.Pointer = r.SavedPointer;
            }
            else if (m == ScsiMessages.Disconnect)
            {
                if (r != null) r.SawDisconnect = true;
            }
            else if (m == ScsiMessages.MessageReject)
            {
                if (_sdtrSent[target] && !_sdtrDone[target])
                {
                    // The target does not do synchronous transfers: stay asynchronous.
                    _sdtrDone[target] = true;
                    SetSync(target, 0, 0);
                }
            }
            else if (m == ScsiMessages.LinkedCommandComplete || m == ScsiMessages.LinkedCommandCompleteWithFlag)
            {
                // This command is done; the target now wants the next of a linked chain, which a
                // single request does not have: end the connection.
                if (r != null) r.SawComplete = true;
                ClearMessages();
                AddMessage(ScsiMessages.Abort);
                Simple(ControllerOp.SetAtn);
            }
            else if (m == ScsiMessages.Extended)
            {
                if (_c.MsgLength >= 5 && _c.Msg[1] == ScsiMessages.SdtrLength && _c.Msg[2] == ScsiMessages.ExtendedSdtr)
                {
                    TakeSdtr(target, _c.Msg[3], _c.Msg[4]);
                }
                else
                {
                    reject = true;  // WDTR and the rest: a narrow adapter does none of them
                }
            }
            else if (m == ScsiMessages.NoOperation || (m & ScsiMessages.Identify) != 0)
            {
                // nothing to do
            }
            else
            {
                reject = true;
            }
            if (reject)
            {
                ClearMessages();
                AddMessage(ScsiMessages.MessageReject);
                Simple(ControllerOp.SetAtn);
            }
            return Accept(limit);
        }

        /// <summary>The target's SDTR: an answer to ours (take it, within our limits), or its own
        /// offer (answer with what we can do).</summary>
        private void TakeSdtr(int target, int periodFactor, int offset)
        {
            int period = periodFactor * ScsiMessages.SdtrPeriodUnitNs;
            if (_sdtrSent[target] && !_sdtrDone[target])
            {
                _sdtrDone[target] = true;
                if (offset > _config.SyncOffset) offset = _config.SyncOffset;
                if (period < _config.SyncPeriodNs) period = _config.SyncPeriodNs;
                SetSync(target, offset == 0 ? 0 : period, offset);
                return;
            }
            int ours = _config.SyncOffset < offset ? _config.SyncOffset : offset;
            if (period < _config.SyncPeriodNs) period = _config.SyncPeriodNs;
            _sdtrSent[target] = true;
            _sdtrDone[target] = true;
            ClearMessages();
            AddSdtr(period, ours);
            Simple(ControllerOp.SetAtn);
            SetSync(target, ours == 0 ? 0 : period, ours);
        }

        private int Accept(long limit)
        {
            _cmd.Reset(ControllerOp.AcceptMessage);
            _cmd.TimeoutNs = Remaining(limit);
            return Exec();
        }

        private void SetSync(int target, int periodNs, int offset)
        {
            _cmd.Reset(ControllerOp.SetSync);
            _cmd.PeerId = target;
            _cmd.SyncPeriodNs = periodNs;
            _cmd.SyncOffset = offset;
            Exec();
        }

        private void ClearMessages()
        {
            _msgOutLength = 0;
        }

        private void AddMessage(byte m)
        {
            if (_msgOutLength < _msgOut.Length) _msgOut[_msgOutLength++] = m;
        }

        private void AddSdtr(int periodNs, int offset)
        {
            int factor = (periodNs + ScsiMessages.SdtrPeriodUnitNs - 1) / ScsiMessages.SdtrPeriodUnitNs;
            AddMessage(ScsiMessages.Extended);
            AddMessage(ScsiMessages.SdtrLength);
            AddMessage(ScsiMessages.ExtendedSdtr);
            AddMessage((byte)(factor > 255 ? 255 : factor));
            AddMessage((byte)offset);
        }

        // ---- reselection ----

        private void ServeReselection()
        {
            int target = _c.PeerId;
            if (_c.Phase != BusPhase.MessageIn)
            {
                RunNexus(null, target, 0);  // no IDENTIFY first: nothing we can resume; ABORT it
                return;
            }
            _cmd.Reset(ControllerOp.MessageIn);
            _cmd.TimeoutNs = _config.AbortGraceNs;
            int result = Exec();
            if (result != ControllerResult.Ok || (_c.Msg[0] & ScsiMessages.Identify) == 0)
            {
                if (result == ControllerResult.BusReset)
                {
                    OnBusReset();
                    return;
                }
                ClearMessages();
                AddMessage(ScsiMessages.Abort);
                Simple(ControllerOp.SetAtn);
                if ((_c.Flags & CompletionFlags.AckHeld) != 0) Accept(_clock.NowNs + _config.AbortGraceNs);
                RunNexus(null, target, 0);
                return;
            }
            int lun = _c.Msg[0] & 7;
            int slot = target * 8 + lun;
            IoRequest? r;
            lock (_lock)
            {
                r = _active[slot];
            }
            if (r == null || !r.Disconnected)
            {
                // A command nobody waits for any more (it timed out): ABORT it.
                ClearMessages();
                AddMessage(ScsiMessages.Abort);
                Simple(ControllerOp.SetAtn);
                Accept(_clock.NowNs + _config.AbortGraceNs);
                RunNexus(null, target, lun);
                return;
            }
            r.Disconnected = false;
            _disconnected--;
            r.Pointer = r.SavedPointer;  // reselection implies RESTORE POINTERS
            if (Accept(r.DeadlineNs) == ControllerResult.BusReset)
            {
                OnBusReset();
                return;
            }
            RunNexus(r, target, lun);
        }

        private void ServeReselectionAfterSelect()
        {
            ServeReselection();
        }

        // ---- controls: halt and device reset ----

        private void RunControl(EngineControl control)
        {
            int slot = control.Slot;
            IoRequest? r;
            lock (_lock)
            {
                r = _active[slot];
            }
            int result = Errno.Ok;
            if (control.Kind == EngineControl.Halt)
            {
                if (r != null && r.Disconnected)
                {
                    AbortAtTarget(slot >> 3, slot & 7, ScsiMessages.Abort);
                    if (_active[slot] == r) Finish(r, Errno.ECANCELED, AdapterStatus.Aborted);
                }
            }
            else
            {
                result = AbortAtTarget(slot >> 3, slot & 7, ScsiMessages.BusDeviceReset);
                if (result == Errno.Ok) OnDeviceReset(slot >> 3, null);
            }
            lock (_lock)
            {
                control.Result = result;
                control.Pending = false;
                _halting[slot] = false;
            }
            control.Done.Set();
        }

        /// <summary>Selects the target and sends IDENTIFY with ABORT or BUS DEVICE RESET.
        /// Errno.Ok when delivered, ENODEV when nothing answers.</summary>
        private int AbortAtTarget(int target, int lun, byte message)
        {
            for (int attempt = 0; attempt < 2; attempt++)
            {
                ClearMessages();
                AddMessage((byte)(ScsiMessages.Identify | lun));
                AddMessage(message);
                _cmd.Reset(ControllerOp.Select);
                _cmd.PeerId = target;
                _cmd.Flags = CommandFlags.Atn;
                _cmd.TimeoutNs = ScsiTimingSelectBudget;
                int result = Exec();
                if (result == ControllerResult.Ok)
                {
                    RunNexus(null, target, lun);
                    return Errno.Ok;
                }
                if (result == ControllerResult.Reselected)
                {
                    ServeReselection();
                    continue;
                }
                if (result == ControllerResult.BusReset)
                {
                    OnBusReset();
                    return Errno.Ok;  // the reset ended the command as surely
                }
                return result == ControllerResult.SelectionTimeout ? Errno.ENODEV : Errno.EIO;
            }
            return Errno.EBUSY;
        }

        /// <summary>Selection plus messages comfortably fit in half a second.</summary>
        private const long ScsiTimingSelectBudget = 500000000L;

        private void OnDeviceReset(int target, IoRequest? except)
        {
            _sdtrDone[target] = false;
            _sdtrSent[target] = false;
            SetSync(target, 0, 0);
            for (int lun = 0; lun < 8; lun++)
            {
                int slot = target * 8 + lun;
                IoRequest? r = _active[slot];
                if (r != null && r != except) Finish(r, Errno.EIO, AdapterStatus.DeviceReset);
                Event(slot, AdapterEventKind.DeviceReset, 0, 0, 0);
            }
        }

        // ---- bus reset ----

        /// <summary>A bus reset ends every command under way, connected or not, and every
        /// synchronous agreement; each registered session hears of it.</summary>
        private void OnBusReset()
        {
            for (int t = 0; t < 8; t++)
            {
                if (_sdtrDone[t] || _sdtrSent[t]) SetSync(t, 0, 0);
                _sdtrDone[t] = false;
                _sdtrSent[t] = false;
            }
            for (int slot = 0; slot < Slots; slot++)
            {
                IoRequest? r = _active[slot];
                if (r != null) Finish(r, Errno.EIO, AdapterStatus.BusReset);
                Event(slot, AdapterEventKind.BusReset, 0, 0, 0);
            }
            _disconnected = 0;
        }

        // ---- helpers ----

        /// <summary>Runs _cmd to its completion in _c; the result is _c.Result (or the refusal).</summary>
        private int Exec()
        {
            int rc = _ctl.Submit(_cmd);
            if (rc == ControllerResult.Busy)
            {
                // A completion nobody asked for: the controller reports a bus reset it saw while
                // idle in a connection. That is the answer to this command too.
                if (_ctl.TryTakeCompletion(_c) && _c.Result == ControllerResult.BusReset) return ControllerResult.BusReset;
                rc = _ctl.Submit(_cmd);
            }
            if (rc != ControllerResult.Ok)
            {
                _c.Result = rc;
                return rc;
            }
            _ctl.WaitForCompletion(_c);
            return _c.Result;
        }

        private int Simple(int op)
        {
            _cmd.Reset(op);
            return Exec();
        }

        private void DrainStrayCompletion()
        {
            if (_ctl.TryTakeCompletion(_c) && _c.Result == ControllerResult.BusReset) OnBusReset();
        }

        private long Remaining(long deadline)
        {
            long left = deadline - _clock.NowNs;
            return left < 1 ? 1 : left;
        }

        private void Finish(IoRequest r, int errno, int adapterStatus)
        {
            r.Errno = errno;
            if (adapterStatus != AdapterStatus.None)
            {
                r.AdapterStatus = adapterStatus;
                r.Validity |= StatusValidity.AdapterStatusValid;
            }
            int moved = r.Pointer > r.DataLength ? r.DataLength : r.Pointer;
            r.Residual = r.DataLength - (moved < 0 ? 0 : moved);
            lock (_lock)
            {
                if (_active[r.Slot] == r) _active[r.Slot] = null;
                if (r.Disconnected)
                {
                    r.Disconnected = false;
                    _disconnected--;
                }
            }
            r.Complete();
        }

        private void Event(int slot, int kind, int senseKey, int asc, int ascq)
        {
            DeviceSession s = _sessions[slot];
            IAdapterEventSink? sink;
            lock (_lock)
            {
                sink = s.EventsRegistered ? s.Sink : null;
                if (sink == null) return;
                AdapterEvent e = s.Event;
                e.Kind = kind;
                e.TargetId = slot >> 3;
                e.Lun = slot & 7;
                e.Correlator = s.Correlator;
                e.SenseKey = senseKey;
                e.Asc = asc;
                e.Ascq = ascq;
                e.TimeNs = _clock.NowNs;
            }
            sink.OnEvent(s.Event);
        }

        /// <summary>Reports a unit attention on behalf of a caller (the adapter consumed it).</summary>
        public void ReportUnitAttention(int slot, int senseKey, int asc, int ascq)
        {
            Event(slot, AdapterEventKind.UnitAttention, senseKey, asc, ascq);
        }
    }
}
