using ScsiBridge.Hal;
using ScsiBridge.Hal.Buffers;

namespace ScsiBridge.Firmware.Target
{
    /// <summary>
    /// The bridge as a target: the bus thread that answers selection on the configured IDs,
    /// takes messages (IDENTIFY, SDTR, ABORT, BUS DEVICE RESET...) and the CDB, keeps unit
    /// attention and contingent allegiance per unit and initiator, answers for LUNs that do not
    /// exist, and hands every other command to the unit's <see cref="ILogicalUnit"/>. SCSI-1
    /// hosts (no ATN, no IDENTIFY, maybe no initiator ID) are served too.
    /// </summary>
    public sealed class TargetEngine : IRingListener
    {
        private const int Slots = 64;
        private const int UnknownInitiator = 8;

        private readonly IScsiController _ctl;
        private readonly IHalClock _clock;
        private readonly TargetConfig _config;
        private readonly object _lock = new object();
        private readonly UnitState[] _units = new UnitState[Slots];
        private readonly ControllerCommand _cmd = new ControllerCommand();
        private readonly Completion _c = new Completion();
        private readonly TargetCommand _tc = new TargetCommand();
        private readonly TargetIo _io;
        private readonly byte[] _response = new byte[64];
        private readonly byte[] _msgs = new byte[ControllerCommand.InlineBytes];
        private readonly IHalSignal _released;
        private readonly int[] _syncOffset = new int[8];
        private readonly int[] _syncPeriod = new int[8];
        private readonly int[] _served = new int[256];
        private bool _stop;
        private bool _running;

        public TargetEngine(IScsiController controller, IHalPlatform platform, TargetConfig config)
        {
            _ctl = controller;
            _clock = platform.Clock;
            _config = config;
            Ring = new BufferRing(config.RingBuffers, config.RingBufferSize, platform.BufferAllocator);
            for (int i = 0; i < Slots; i++) _units[i] = new UnitState();
            _released = platform.CreateSignal();
            _io = new TargetIo(this, controller, platform.Clock, config, Ring, _released);
            Ring.SetListener(this);
        }

        /// <summary>The fixed ring every target data path uses.</summary>
        public BufferRing Ring { get; private set; }

        /// <summary>Times the engine disconnected to wait for a buffer (statistics).</summary>
        public int Disconnects
        {
            get { return _io.Disconnects; }
        }

        /// <summary>Commands with this operation code a unit has executed (statistics; past unit
        /// attentions and contingent allegiance, so each is one the medium saw).</summary>
        public int CommandsServed(int opcode)
        {
            lock (_lock) return _served[opcode & 0xFF];
        }

        public bool IsRunning
        {
            get { lock (_lock) { return _running && !_stop; } }
        }

        /// <summary>
        /// Puts a unit at an ID (one of the configured ones) and LUN, or removes it (null). A new
        /// unit starts with a power-on unit attention. unitAttentionOnReset switches the unit
        /// attention after bus and device resets (some hosts reset the bus when they see one).
        /// </summary>
        public bool SetUnit(int targetId, int lun, ILogicalUnit? unit, bool unitAttentionOnReset)
        {
            if (targetId < 0 || targetId > 7 || lun < 0 || lun > 7 || (_config.IdMask & (1 << targetId)) == 0) return false;
            lock (_lock)
            {
                UnitState s = _units[targetId * 8 + lun];
                s.Unit = unit;
                s.UnitAttentionOnReset = unitAttentionOnReset;
                for (int i = 0; i < UnitState.Initiators; i++) s.ClearSense(i);
                if (unit != null) s.RaiseUnitAttention(SenseData.PowerOnResetOrBusDeviceReset);
            }
            return true;
        }

        public void Stop()
        {
            lock (_lock)
            {
                _stop = true;
            }
            _ctl.Cancel();
            _released.Set();
        }

        /// <summary>The bus thread's body; returns after <see cref="Stop"/>.</summary>
        public void RunBusThread()
        {
            lock (_lock)
            {
                _running = true;
            }
            for (;;)
            {
                lock (_lock)
                {
                    if (_stop) break;
                }
                _cmd.Reset(ControllerOp.EnableSelection);
                _cmd.IdMask = _config.IdMask;
                int result = Exec();
                if (result == ControllerResult.Ok || result == ControllerResult.Messages || result == ControllerResult.ParityError)
                {
                    Serve(result);
                }
                else if (result == ControllerResult.BusReset)
                {
                    OnBusReset();
                }
            }
            lock (_lock)
            {
                _running = false;
            }
        }

        public void OnBufferReleased(BufferRing ring)
        {
            _released.Set();
        }

        // ---- one connection ----

        private void Serve(int selection)
        {
            int initiator = (_c.Flags & CompletionFlags.InitiatorKnown) != 0 ? _c.PeerId : -1;
            bool identified = (_c.Flags & CompletionFlags.Identify) != 0;
            int identify = _c.Identify;
            _io.BeginConnection(initiator, _c.OwnId, identified ? identify & 7 : -1,
                                identified && (identify & 0x40) != 0 && initiator >= 0);

            if (selection == ControllerResult.Messages)
            {
                int action = TakeMessages(true);
                if (action != TargetIo.Continue) return;
                _cmd.Reset(ControllerOp.ReceiveCommand);
                selection = Exec();
                if (selection == ControllerResult.BusReset)
                {
                    OnBusReset();
                    return;
                }
            }
            else if (selection == ControllerResult.ParityError && _c.CdbLength == 0)
            {
                // IDENTIFY arrived damaged: ask again by staying in MESSAGE OUT.
                _cmd.Reset(ControllerOp.ReceiveMessage);
                if (Exec() != ControllerResult.Ok || TakeMessages(true) != TargetIo.Continue)
                {
                    Disconnect();
                    return;
                }
                _cmd.Reset(ControllerOp.ReceiveCommand);
                selection = Exec();
            }

            TargetCommand tc = _tc;
            tc.Begin();
            int n = _c.CdbLength;
            for (int i = 0; i < TargetCommand.MaxCdbLength; i++) tc.Cdb[i] = i < n ? _c.Cdb[i] : (byte)0;
            tc.CdbLength = n;
            if (_io.Lun < 0) _io.Lun = tc.Cdb[1] >> 5;  // SCSI-1: the LUN travels in the CDB
            tc.Lun = _io.Lun;
            tc.InitiatorId = initiator;
            tc.TargetId = _io.TargetId;
            tc.MayDisconnect = _io.MayDisconnect;

            if ((_c.Flags & CompletionFlags.AtnPending) != 0)
            {
                _cmd.Reset(ControllerOp.ReceiveMessage);
                if (Exec() != ControllerResult.Ok || TakeMessages(false) != TargetIo.Continue) return;
            }

            if (selection == ControllerResult.ParityError)
            {
                tc.Fail(SenseData.AbortedCommand, SenseData.ScsiParityError);
                Remember(tc);
            }
            else
            {
                Dispatch(tc);
            }
            if (_io.IsEnded) return;  // aborted, reset or lost: the connection is already gone
            Finish(tc.Status);
        }

        private void Dispatch(TargetCommand tc)
        {
            int who = tc.InitiatorId >= 0 ? tc.InitiatorId : UnknownInitiator;
            UnitState s = _units[_io.TargetId * 8 + tc.Lun];
            ILogicalUnit? unit;
            lock (_lock)
            {
                unit = s.Unit;
            }
            byte opcode = tc.Cdb[0];
            if (unit == null)
            {
                NoSuchUnit(tc, opcode);
                return;
            }
            if (opcode == 0x03)
            {
                RequestSense(tc, s, who);
                return;
            }
            if (s.UnitAttention[who] && opcode != 0x12)
            {
                s.UnitAttention[who] = false;
                tc.Fail(SenseData.UnitAttention, s.UaCode[who]);
                Remember(tc);
                return;
            }
            s.ClearSense(who);  // a new command ends the contingent allegiance
            lock (_lock) _served[opcode]++;
            unit.Execute(tc, _io);
            if (_io.ParityFailed) tc.Fail(SenseData.AbortedCommand, SenseData.ScsiParityError);
            if (tc.Status == 0x02) Remember(tc);
        }

        /// <summary>Keeps the sense of a CHECK CONDITION for the next REQUEST SENSE of that initiator.</summary>
        private void Remember(TargetCommand tc)
        {
            int who = tc.InitiatorId >= 0 ? tc.InitiatorId : UnknownInitiator;
            UnitState s = _units[_io.TargetId * 8 + tc.Lun];
            s.SenseKey[who] = tc.SenseKey;
            s.SenseCode[who] = tc.SenseCode;
            s.SenseInfo[who] = tc.SenseInformation;
            s.SenseInfoValid[who] = tc.SenseInformationValid;
            s.SenseField[who] = tc.FieldPointer;
        }

        private void RequestSense(TargetCommand tc, UnitState s, int who)
        {
            int key = s.SenseKey[who];
            int code = s.SenseCode[who];
            if (key == 0 && s.UnitAttention[who])
            {
                // A unit attention is reported, and so cleared, by REQUEST SENSE too.
                key = SenseData.UnitAttention;
                code = s.UaCode[who];
                s.UnitAttention[who] = false;
            }
            int length = FormatSense(key, code, s.SenseInfo[who], s.SenseInfoValid[who] && s.SenseKey[who] != 0,
                                     s.SenseKey[who] != 0 ? s.SenseField[who] : -1);
            s.ClearSense(who);
            SendResponse(tc, length, tc.Cdb[4]);
        }

        private void NoSuchUnit(TargetCommand tc, byte opcode)
        {
            if (opcode == 0x12)
            {
                // Peripheral qualifier 3, type 1Fh: no logical unit can be here.
                for (int i = 0; i < 36; i++) _response[i] = 0;
                _response[0] = 0x7F;
                _response[2] = 2;
                _response[3] = 2;
                _response[4] = 31;
                SendResponse(tc, 36, tc.Cdb[4]);
                return;
            }
            if (opcode == 0x03)
            {
                int length = FormatSense(SenseData.IllegalRequest, SenseData.LogicalUnitNotSupported, 0, false, -1);
                SendResponse(tc, length, tc.Cdb[4]);
                return;
            }
            tc.Fail(SenseData.IllegalRequest, SenseData.LogicalUnitNotSupported);
        }

        private void SendResponse(TargetCommand tc, int length, int allocation)
        {
            int n = length < allocation ? length : allocation;
            if (n > 0 && _io.Send(_response, 0, n) != Errno.Ok) return;
            tc.Status = 0;
        }

        /// <summary>Fixed-format sense data in _response; returns its length (18).</summary>
        private int FormatSense(int key, int code, long info, bool infoValid, int field)
        {
            for (int i = 0; i < 18; i++) _response[i] = 0;
            _response[0] = (byte)(0x70 | (infoValid ? 0x80 : 0));
            _response[2] = (byte)key;
            _response[3] = (byte)(info >> 24);
            _response[4] = (byte)(info >> 16);
            _response[5] = (byte)(info >> 8);
            _response[6] = (byte)info;
            _response[7] = 10;
            _response[12] = (byte)(code >> 8);
            _response[13] = (byte)code;
            if (field >= 0)
            {
                _response[15] = 0xC0;  // SKSV, and the pointer is into the CDB
                _response[16] = (byte)(field >> 8);
                _response[17] = (byte)field;
            }
            return 18;
        }

        /// <summary>STATUS, COMMAND COMPLETE, bus free; messages the host sends meanwhile are
        /// answered (a MESSAGE PARITY ERROR gets the message again).</summary>
        private void Finish(int status)
        {
            _cmd.Reset(ControllerOp.SendStatus);
            _cmd.StatusByte = status;
            int result = Exec();
            for (int attempt = 0; attempt <= _config.MaxRetries; attempt++)
            {
                if (result == ControllerResult.BusReset)
                {
                    OnBusReset();
                    return;
                }
                if (result == ControllerResult.Attention)
                {
                    int action = TakeMessages(false);
                    if (action != TargetIo.Continue && action != TargetIo.Resend) return;
                }
                else if (result != ControllerResult.Ok && result != ControllerResult.Attention)
                {
                    Disconnect();
                    return;
                }
                _cmd.Reset(ControllerOp.SendMessage);
                _cmd.Bytes[0] = 0x00;  // COMMAND COMPLETE
                _cmd.ByteCount = 1;
                result = Exec();
                if (result == ControllerResult.Ok) break;
                if (result == ControllerResult.Attention && _c.MsgLength > 0 && _c.Msg[0] == 0x09) continue;  // resend it
                if (result == ControllerResult.Attention) TakeMessages(false);
                break;
            }
            if (result == ControllerResult.BusReset)
            {
                OnBusReset();
                return;
            }
            Disconnect();
        }

        // ---- messages ----

        /// <summary>Acts on the messages of the last completion. Returns TargetIo.Continue, Resend
        /// (the host asked for a retry) or Ended (ABORT, BUS DEVICE RESET: the bus is free).</summary>
        internal int TakeMessages(bool atSelection)
        {
            int action = TargetIo.Continue;
            int count = _c.MsgLength;
            int i = 0;
            // Copy out: answering a message reuses the completion.
            if (count > _msgs.Length) count = _msgs.Length;
            for (int k = 0; k < count; k++) _msgs[k] = _c.Msg[k];
            while (i < count)
            {
                byte m = _msgs[i];
                int length = m == 0x01 && i + 1 < count ? 2 + _msgs[i + 1] : (m >= 0x20 && m <= 0x2F ? 2 : 1);
                if ((m & 0x80) != 0)
                {
                    _io.Identified(m & 7, (m & 0x40) != 0);
                }
                else if (m == 0x06)
                {
                    Disconnect();
                    _io.End();
                    return TargetIo.Ended;
                }
                else if (m == 0x0C)
                {
                    Disconnect();
                    _io.End();
                    OnDeviceReset(_io.TargetId);
                    return TargetIo.Ended;
                }
                else if (m == 0x01 && length == 5 && i + 4 < count && _msgs[i + 2] == 0x01)
                {
                    AnswerSdtr(_msgs[i + 3], _msgs[i + 4]);
                }
                else if (m == 0x05 || m == 0x09)
                {
                    action = TargetIo.Resend;  // the host saw a parity error: the caller retries
                }
                else if (m == 0x07 || m == 0x08)
                {
                    // MESSAGE REJECT of something we sent (SDTR is handled where it was sent), NO OPERATION
                }
                else
                {
                    SendMessage(0x07);  // MESSAGE REJECT: WDTR and anything else we do not do
                }
                i += length;
            }
            if (atSelection) return TargetIo.Continue;
            return action;
        }

        private void AnswerSdtr(int periodFactor, int offset)
        {
            int initiator = _io.Initiator;
            int period = periodFactor * 4;
            if (period < _config.MinSyncPeriodNs) period = _config.MinSyncPeriodNs;
            if (offset > _config.MaxSyncOffset) offset = _config.MaxSyncOffset;
            if (initiator < 0) offset = 0;  // nobody to keep an agreement with
            int factor = (period + 3) / 4;
            _cmd.Reset(ControllerOp.SendMessage);
            _cmd.Bytes[0] = 0x01;
            _cmd.Bytes[1] = 0x03;
            _cmd.Bytes[2] = 0x01;
            _cmd.Bytes[3] = (byte)(factor > 255 ? 255 : factor);
            _cmd.Bytes[4] = (byte)offset;
            _cmd.ByteCount = 5;
            int result = Exec();
            bool rejected = result == ControllerResult.Attention && _c.MsgLength > 0 && _c.Msg[0] == 0x07;
            if (initiator >= 0) SetSync(initiator, rejected || offset == 0 ? 0 : period, rejected ? 0 : offset);
        }

        internal void SendMessage(byte m)
        {
            _cmd.Reset(ControllerOp.SendMessage);
            _cmd.Bytes[0] = m;
            _cmd.ByteCount = 1;
            Exec();
        }

        /// <summary>The synchronous agreement in force with an initiator (offset 0: asynchronous).</summary>
        public int SyncOffsetWith(int initiator)
        {
            lock (_lock)
            {
                return initiator >= 0 && initiator < 8 ? _syncOffset[initiator] : 0;
            }
        }

        public int SyncPeriodWith(int initiator)
        {
            lock (_lock)
            {
                return initiator >= 0 && initiator < 8 ? _syncPeriod[initiator] : 0;
            }
        }

        private void SetSync(int initiator, int period, int offset)
        {
            lock (_lock)
            {
                _syncOffset[initiator] = offset;
                _syncPeriod[initiator] = offset == 0 ? 0 : period;
            }
            _cmd.Reset(ControllerOp.SetSync);
            _cmd.PeerId = initiator;
            _cmd.SyncPeriodNs = period;
            _cmd.SyncOffset = offset;
            Exec();
        }

        // ---- resets ----

        internal void OnBusReset()
        {
            _io.End();
            for (int i = 0; i < 8; i++)
            {
                if (i != _ctl.ScsiId) SetSync(i, 0, 0);
            }
            for (int slot = 0; slot < Slots; slot++) ResetUnit(slot);
        }

        private void OnDeviceReset(int targetId)
        {
            for (int i = 0; i < 8; i++)
            {
                if (i != _ctl.ScsiId) SetSync(i, 0, 0);
            }
            for (int lun = 0; lun < 8; lun++) ResetUnit(targetId * 8 + lun);
        }

        private void ResetUnit(int slot)
        {
            UnitState s = _units[slot];
            ILogicalUnit? unit;
            lock (_lock)
            {
                unit = s.Unit;
            }
            if (unit == null) return;
            unit.OnReset();
            for (int i = 0; i < UnitState.Initiators; i++) s.ClearSense(i);
            if (s.UnitAttentionOnReset) s.RaiseUnitAttention(SenseData.PowerOnResetOrBusDeviceReset);
        }

        // ---- helpers ----

        internal void Disconnect()
        {
            _cmd.Reset(ControllerOp.Disconnect);
            Exec();
        }

        internal int Exec()
        {
            return Exec(_cmd);
        }

        internal int Exec(ControllerCommand cmd)
        {
            int rc = _ctl.Submit(cmd);
            if (rc == ControllerResult.Busy && _ctl.TryTakeCompletion(_c))
            {
                if (_c.Result == ControllerResult.BusReset) return ControllerResult.BusReset;
                rc = _ctl.Submit(cmd);
            }
            if (rc != ControllerResult.Ok)
            {
                _c.Result = rc;
                return rc;
            }
            _ctl.WaitForCompletion(_c);
            return _c.Result;
        }

        internal Completion LastCompletion
        {
            get { return _c; }
        }

        internal bool StopRequested
        {
            get { lock (_lock) { return _stop; } }
        }
    }
}
