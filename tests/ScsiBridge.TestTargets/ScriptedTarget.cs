using System;
using System.Collections.Generic;
using System.Text;
using ScsiBridge.Hal;
using ScsiBridge.Hal.Sim;

namespace ScsiBridge.Firmware.Tests.Targets
{
    /// <summary>The synchronous agreement in force with one initiator (offset 0 = asynchronous).</summary>
    public readonly record struct SyncAgreement(int PeriodNs, int Offset)
    {
        public bool IsSynchronous
        {
            get { return Offset > 0; }
        }
    }

    /// <summary>
    /// A configurable SCSI-2 target (a disk by default) that runs as a simulator instance on the
    /// target role of a controller: test equipment standing in for a real drive.
    /// </summary>
    /// <remarks>
    /// Usage: <c>bus.Spawn("disk0", disk.Run)</c>, then <c>bus.RunAll()</c>; the initiator's
    /// instance calls <see cref="Stop"/> when it is done (or set StopAfterCommands), otherwise
    /// RunAll reports a deadlock because the target waits for a selection forever.
    /// Every step waits on the controller or the bus clock, so the target never spins.
    /// Counters are meant to be read by the test after RunAll, or by another instance while it
    /// holds the bus's baton.
    /// </remarks>
    public sealed class ScriptedTarget
    {
        /// <summary>State slot for a SCSI-1 host that did not put its ID on the bus.</summary>
        private const int UnknownInitiator = 8;
        private const int Slots = 9;
        private const int StandardInquiryLength = 36;

        private readonly SimBus _bus;
        private readonly IScsiController _controller;
        private readonly ScriptedTargetOptions _options;
        private readonly int _id;
        private readonly int _luns;
        private readonly int _blockSize;
        private readonly int _blocks;

        // One command and one completion, reused for every controller operation.
        private readonly ControllerCommand _cmd = new ControllerCommand();
        private readonly Completion _done = new Completion();

        private readonly byte[][] _images;
        private readonly byte[] _writeBuffer;
        private readonly byte[] _reply = new byte[256];
        private readonly byte[] _cdb = new byte[Completion.InlineBytes];
        private readonly byte[] _single = new byte[1];
        private readonly byte[] _lastSent = new byte[ControllerCommand.InlineBytes];
        private int _lastSentLength;

        // Per-initiator state (index 8: unknown initiator).
        private readonly byte[][] _sense = new byte[Slots][];
        private readonly bool[] _hasSense = new bool[Slots];
        private readonly bool[] _unitAttention = new bool[Slots];
        private readonly SyncAgreement[] _sync = new SyncAgreement[8];
        private readonly int[] _reservedBy;

        private readonly int[] _opcodeCounts = new int[256];
        private readonly List<byte[]> _messages = new List<byte[]>();
        private readonly List<string> _events = new List<string>();

        private volatile bool _stopRequested;
        private bool _running;

        // The connection being served.
        private int _initiator;
        private bool _identified;
        private int _lun;
        private bool _mayDisconnect;
        private int _cdbLength;

        // The plan of the command being served, and its data pointers.
        private int _status;
        private bool _dataIn;
        private byte[]? _dataBuffer;
        private int _dataOffset;
        private int _dataLength;
        private byte[]? _commitImage;
        private int _commitOffset;
        private bool _mediumCommand;
        private int _current;
        private int _saved;
        private int _midPoint;
        private bool _midDone;
        private int _parityAt;
        private int _retries;
        private bool _skipData;

        public ScriptedTarget(SimBus bus, IScsiController controller, ScriptedTargetOptions? options = null)
        {
            _bus = bus ?? throw new ArgumentNullException(nameof(bus));
            _controller = controller ?? throw new ArgumentNullException(nameof(controller));
            _options = options ?? new ScriptedTargetOptions();
            _id = _options.Id < 0 ? controller.ScsiId : _options.Id;
            if (_id > 7)
            {
                throw new ArgumentOutOfRangeException(nameof(options), _options.Id, "A SCSI ID is from 0 to 7.");
            }

            if (_options.Luns < 1 || _options.Luns > 8 || _options.BlockSize < 1 || _options.Blocks < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(options), "Luns 1-8, BlockSize and Blocks at least 1.");
            }

            _luns = _options.Luns;
            _blockSize = _options.BlockSize;
            _blocks = _options.Blocks;
            _images = new byte[_luns][];
            for (int lun = 0; lun < _luns; lun++)
            {
                _images[lun] = new byte[checked(_blocks * _blockSize)];
                Fill(_images[lun], _options.ImageSeed + lun);
            }

            _writeBuffer = new byte[_blocks * _blockSize];
            _reservedBy = new int[_luns];
            for (int lun = 0; lun < _luns; lun++)
            {
                _reservedBy[lun] = -1;
            }

            for (int i = 0; i < Slots; i++)
            {
                _sense[i] = new byte[ScsiSense.FixedLength];
                _unitAttention[i] = _options.PowerOnUnitAttention;
            }

            BusyRemaining = _options.BusyCount;
        }

        public ScriptedTargetOptions Options
        {
            get { return _options; }
        }

        /// <summary>The SCSI ID the target answers.</summary>
        public int Id
        {
            get { return _id; }
        }

        /// <summary>The image of LUN 0 (Blocks x BlockSize bytes); tests may read and write it.</summary>
        public byte[] Image
        {
            get { return _images[0]; }
        }

        /// <summary>Commands still to be answered with BUSY; starts at Options.BusyCount.</summary>
        public int BusyRemaining { get; set; }

        // ---- counters ----

        /// <summary>CDBs received (whatever their outcome).</summary>
        public int CommandsServed { get; private set; }

        /// <summary>Every message the initiators sent, whole, in order (IDENTIFY included).</summary>
        public IReadOnlyList<byte[]> MessagesReceived
        {
            get { return _messages; }
        }

        /// <summary>Bus resets the target saw (as the end of one of its operations).</summary>
        public int BusResetsSeen { get; private set; }

        public int DeviceResetsReceived { get; private set; }

        public int AbortsReceived { get; private set; }

        /// <summary>MESSAGE REJECTs received; LastRejectedMessage is what they rejected.</summary>
        public int RejectsReceived { get; private set; }

        public byte[]? LastRejectedMessage { get; private set; }

        /// <summary>The last CDB received (a copy), null before the first.</summary>
        public byte[]? LastCdb { get; private set; }

        /// <summary>The initiator of the last command, -1 when it did not give its ID (SCSI-1).</summary>
        public int LastInitiatorId { get; private set; } = -1;

        public int LastLun { get; private set; } = -1;

        /// <summary>The status byte of the last command, -1 before the first.</summary>
        public int LastStatus { get; private set; } = -1;

        public int Disconnects { get; private set; }

        public int Reselections { get; private set; }

        public int RestorePointersSent { get; private set; }

        /// <summary>Parity errors the target's controller reported (COMMAND, DATA OUT, MESSAGE OUT).</summary>
        public int ParityErrorsDetected { get; private set; }

        /// <summary>What happened, one line per event with its bus time, for failing tests' messages.</summary>
        public IReadOnlyList<string> Events
        {
            get { return _events; }
        }

        /// <summary>True once Run() has returned.</summary>
        public bool HasStopped { get; private set; }

        public byte[] ImageOf(int lun)
        {
            return _images[lun];
        }

        /// <summary>Commands received with this operation code.</summary>
        public int CountOf(int opcode)
        {
            return _opcodeCounts[opcode & 0xFF];
        }

        /// <summary>The synchronous agreement with an initiator, as the controller recorded it.</summary>
        public SyncAgreement SyncWith(int initiatorId)
        {
            return _sync[initiatorId];
        }

        /// <summary>True while a UNIT ATTENTION waits for that initiator (-1: a SCSI-1 host).</summary>
        public bool UnitAttentionPending(int initiatorId)
        {
            return _unitAttention[Slot(initiatorId)];
        }

        /// <summary>The initiator holding the reservation of a LUN, -1 when none does.</summary>
        public int ReservedBy(int lun)
        {
            int holder = _reservedBy[lun];
            return holder == UnknownInitiator ? -1 : holder;
        }

        /// <summary>Events joined by new lines, for assertion messages.</summary>
        public string Describe()
        {
            return string.Join("\n", _events);
        }

        /// <summary>
        /// Ends Run(): at once when it waits for a selection, otherwise after the connection it
        /// is serving. Call it from another instance of the same bus (or after RunAll).
        /// </summary>
        public void Stop()
        {
            _stopRequested = true;
            _controller.Cancel();
        }

        /// <summary>The instance body: wait for a selection, serve it, again, until stopped.</summary>
        public void Run()
        {
            if (_running)
            {
                throw new InvalidOperationException("This target is already running.");
            }

            _running = true;
            HasStopped = false;
            try
            {
                while (!_stopRequested && !(_options.StopAfterCommands > 0 && CommandsServed >= _options.StopAfterCommands))
                {
                    _cmd.PrepareEnableSelection(1 << _id);
                    Execute();
                    switch (_done.Result)
                    {
                        case ControllerResult.Cancelled:
                            // Stop(), or someone else's cancel: the loop condition decides.
                            break;
                        case ControllerResult.BusReset:
                            OnBusReset();
                            break;
                        case ControllerResult.Ok:
                        case ControllerResult.Messages:
                        case ControllerResult.ParityError:
                            ServeConnection();
                            break;
                        default:
                            throw Unexpected("waiting for a selection");
                    }
                }
            }
            finally
            {
                _running = false;
                HasStopped = true;
                Log("stopped");
            }
        }

        // ---------------------------------------------------------------- connection

        private enum Flow
        {
            /// <summary>Go on with the next step.</summary>
            Continue,

            /// <summary>INITIATOR DETECTED ERROR: restore pointers and resend from the saved one.</summary>
            Restart,

            /// <summary>The connection is over (bus free, reset or abandoned).</summary>
            Ended,
        }

        private void ServeConnection()
        {
            Completion sel = _done;
            _initiator = sel.HasFlag(CompletionFlags.InitiatorKnown) ? sel.PeerId : -1;
            _identified = false;
            _lun = 0;
            _mayDisconnect = false;
            _lastSentLength = 0;  // MESSAGE PARITY ERROR never resends another connection's message
            if (sel.HasFlag(CompletionFlags.Identify))
            {
                Identify(sel.Identify);
            }

            Log("selected by " + _initiator + (_identified ? " IDENTIFY " + Hex(sel.Identify) : " without IDENTIFY")
                + ", " + ControllerResult.Name(sel.Result));

            bool commandParity = false;
            if (sel.Result == ControllerResult.Ok || (sel.Result == ControllerResult.ParityError && sel.CdbLength > 0))
            {
                commandParity = sel.Result == ControllerResult.ParityError;
                TakeCdb(sel);
            }
            else
            {
                // Messages beyond IDENTIFY came at selection (or one arrived with bad parity).
                Flow flow = sel.Result == ControllerResult.Messages
                    ? HandleMessages(CopyMessages(sel), sel.MsgLength, true)
                    : RetryMessageOut(true);
                if (flow == Flow.Ended)
                {
                    return;
                }

                _cmd.PrepareReceiveCommand();
                Execute();
                if (_done.Result == ControllerResult.BusReset)
                {
                    OnBusReset();
                    return;
                }

                if (_done.Result != ControllerResult.Ok && _done.Result != ControllerResult.ParityError)
                {
                    throw Unexpected("taking the CDB");
                }

                commandParity = _done.Result == ControllerResult.ParityError;
                TakeCdb(_done);
            }

            if (!_identified)
            {
                // SCSI-1: the LUN travels in CDB byte 1, bits 5-7.
                _lun = _cdbLength > 1 ? (_cdb[1] >> 5) & 0x07 : 0;
            }

            CommandsServed++;
            int opcode = _cdb[0];
            _opcodeCounts[opcode]++;
            LastCdb = Slice(_cdb, 0, _cdbLength);
            LastInitiatorId = _initiator;
            LastLun = _lun;
            Log("CDB " + HexBytes(_cdb, 0, _cdbLength) + " LUN " + _lun);

            if (!commandParity && (_bus.Lines & ScsiLines.Atn) != 0)
            {
                // ATN raised during COMMAND: the controller finished the CDB; take the
                // messages before anything else, as SCSI-2 asks.
                if (ReceiveMessages() == Flow.Ended)
                {
                    return;
                }
            }

            ResetPlan();
            if (commandParity)
            {
                ParityErrorsDetected++;
                CheckCondition(ScsiSense.AbortedCommand, ScsiSense.AscScsiParityError);
            }
            else
            {
                Decide(opcode);
            }

            ExecutePlan();
        }

        private void Identify(int identify)
        {
            _identified = true;
            _lun = identify & 0x07;
            _mayDisconnect = (identify & ScsiMessage.IdentifyDisconnectPrivilege) != 0 && _initiator >= 0;
        }

        private void TakeCdb(Completion c)
        {
            _cdbLength = c.CdbLength;
            Array.Copy(c.Cdb, _cdb, Completion.InlineBytes);
        }

        /// <summary>Moves the data (with disconnections and retries), then status, COMMAND COMPLETE, bus free.</summary>
        private void ExecutePlan()
        {
            Flow flow;
            bool disconnectFirst = _mediumCommand && _dataLength > 0 && _mayDisconnect
                && (_dataIn ? _options.DisconnectOnRead : _options.DisconnectOnWrite);
            if (disconnectFirst)
            {
                flow = DisconnectAndReselect(_options.SaveDataPointerBeforeDisconnect);
                if (flow == Flow.Ended)
                {
                    return;
                }
            }

            _midPoint = _mediumCommand && _options.DisconnectMidData && _mayDisconnect && _dataLength >= 2 ? _dataLength / 2 : -1;
            for (;;)
            {
                flow = DataPhase();
                if (flow == Flow.Restart)
                {
                    if (Restore() == Flow.Ended)
                    {
                        return;
                    }

                    continue;
                }

                if (flow == Flow.Ended)
                {
                    return;
                }

                int status = _status;
                if (_commitImage != null && !_skipData)
                {
                    if (_parityAt >= 0)
                    {
                        status = CheckCondition(ScsiSense.AbortedCommand, ScsiSense.AscScsiParityError);
                    }
                    else
                    {
                        Array.Copy(_writeBuffer, 0, _commitImage, _commitOffset, _dataLength);
                    }
                }

                flow = SendStatus(status);
                if (flow == Flow.Continue)
                {
                    flow = SendMessage(ScsiMessage.CommandComplete);
                }

                if (flow == Flow.Restart)
                {
                    if (Restore() == Flow.Ended)
                    {
                        return;
                    }

                    continue;
                }

                if (flow == Flow.Ended)
                {
                    return;
                }

                EndConnection();
                return;
            }
        }

        /// <summary>Moves the plan's data from the current pointer to its end.</summary>
        private Flow DataPhase()
        {
            while (!_skipData && _current < _dataLength)
            {
                int end = _midPoint > 0 && !_midDone && _current < _midPoint ? _midPoint : _dataLength;
                if (_dataIn)
                {
                    _cmd.PrepareSendData(_dataBuffer!, _dataOffset + _current, end - _current);
                }
                else
                {
                    _cmd.PrepareReceiveData(_dataBuffer!, _dataOffset + _current, end - _current);
                }

                Execute();
                int start = _current;
                _current += _done.BytesMoved;
                Flow flow = Flow.Continue;
                switch (_done.Result)
                {
                    case ControllerResult.Ok:
                        break;
                    case ControllerResult.Attention:
                        flow = HandleMessages(CopyMessages(_done), _done.MsgLength, false);
                        break;
                    case ControllerResult.ParityError:
                        if (_dataIn)
                        {
                            // The target only receives messages while sending data: one of them was bad.
                            ParityErrorsDetected++;
                            flow = RetryMessageOut(false);
                            break;
                        }

                        ParityErrorsDetected++;
                        if (_parityAt < 0)
                        {
                            _parityAt = start + _done.ParityIndex;
                        }

                        Log("parity error in DATA OUT at byte " + (start + _done.ParityIndex));
                        if (_done.MsgLength > 0)
                        {
                            flow = HandleMessages(CopyMessages(_done), _done.MsgLength, false);
                        }

                        break;
                    case ControllerResult.BusReset:
                        OnBusReset();
                        return Flow.Ended;
                    default:
                        throw Unexpected("moving data");
                }

                if (flow != Flow.Continue)
                {
                    return flow;
                }

                if (_midPoint > 0 && !_midDone && _current >= _midPoint)
                {
                    _midDone = true;
                    flow = DisconnectAndReselect(true);
                    if (flow != Flow.Continue)
                    {
                        return flow;
                    }
                }
            }

            return Flow.Continue;
        }

        /// <summary>After INITIATOR DETECTED ERROR: RESTORE POINTERS and resend from the saved
        /// pointer; after MaxRetries, give up with CHECK CONDITION.</summary>
        private Flow Restore()
        {
            _retries++;
            if (_retries > _options.MaxRetries)
            {
                Log("giving up after " + _options.MaxRetries + " retries");
                _skipData = true;
                _status = CheckCondition(ScsiSense.AbortedCommand, ScsiSense.AscInitiatorDetectedErrorMessageReceived);
                return Flow.Continue;
            }

            RestorePointersSent++;
            int rejects = RejectsReceived;
            Flow flow = SendMessage(ScsiMessage.RestorePointers);
            if (flow == Flow.Ended)
            {
                return flow;
            }

            if (RejectsReceived > rejects)
            {
                _skipData = true;
                _status = CheckCondition(ScsiSense.AbortedCommand, ScsiSense.AscInitiatorDetectedErrorMessageReceived);
                return Flow.Continue;
            }

            _current = _saved;
            if (_parityAt >= _saved)
            {
                _parityAt = -1;
            }

            Log("pointers restored to byte " + _saved);
            return Flow.Continue;
        }

        /// <summary>[SAVE DATA POINTER,] DISCONNECT, bus free, the seek, reselection, IDENTIFY.</summary>
        private Flow DisconnectAndReselect(bool savePointer)
        {
            Flow flow;
            int rejects = RejectsReceived;
            if (savePointer)
            {
                flow = SendMessage(ScsiMessage.SaveDataPointer);
                if (flow != Flow.Continue)
                {
                    return flow;
                }

                if (RejectsReceived > rejects)
                {
                    return Flow.Continue;  // no saved pointer: stay connected
                }

                _saved = _current;
            }

            flow = SendMessage(ScsiMessage.Disconnect);
            if (flow != Flow.Continue || RejectsReceived > rejects)
            {
                return flow;  // DISCONNECT rejected: carry on connected
            }

            EndConnection();
            Disconnects++;
            if (_options.NeverReselect)
            {
                // Back to listening at once, as a drive does while it seeks.
                Log("never reselecting");
                return Flow.Ended;
            }

            _bus.Clock.SleepNs(_options.SeekDelayNs);

            _cmd.PrepareReselect(_initiator, 1 << _id);
            Execute();
            if (_done.Result == ControllerResult.BusReset)
            {
                OnBusReset();
                return Flow.Ended;
            }

            if (_done.Result != ControllerResult.Ok)
            {
                Log("reselection failed: " + _done + "; command abandoned");
                return Flow.Ended;
            }

            Reselections++;
            Log("reselected " + _initiator);
            return SendMessage((byte)(ScsiMessage.Identify | _lun));
        }

        // ---------------------------------------------------------------- messages

        /// <summary>Acts on the messages an initiator sent, in order.</summary>
        private Flow HandleMessages(byte[] msgs, int count, bool atSelection)
        {
            bool retry = false;
            bool resend = false;
            int i = 0;
            while (i < count)
            {
                int length = MessageLength(msgs, i, count);
                byte[] m = Slice(msgs, i, length);
                i += length;
                _messages.Add(m);
                Log("message in: " + HexBytes(m, 0, m.Length));
                byte code = m[0];
                if ((code & ScsiMessage.Identify) != 0)
                {
                    // The controller reports the first IDENTIFY with the selection; one that
                    // came only on a retried MESSAGE OUT is taken here. Later ones change nothing.
                    if (atSelection && !_identified)
                    {
                        Identify(code);
                    }

                    continue;
                }

                Flow flow = Flow.Continue;
                switch (code)
                {
                    case ScsiMessage.Abort:
                        AbortsReceived++;
                        if (!_options.IgnoreAbort)
                        {
                            _hasSense[Slot(_initiator)] = false;
                            EndConnection();
                            return Flow.Ended;
                        }

                        break;
                    case ScsiMessage.BusDeviceReset:
                        DeviceResetsReceived++;
                        if (!_options.IgnoreDeviceReset)
                        {
                            EndConnection();
                            ResetState();
                            return Flow.Ended;
                        }

                        break;
                    case ScsiMessage.InitiatorDetectedError:
                        retry = !atSelection;
                        break;
                    case ScsiMessage.MessageParityError:
                        resend = true;
                        break;
                    case ScsiMessage.MessageReject:
                        RejectsReceived++;
                        LastRejectedMessage = Slice(_lastSent, 0, _lastSentLength);
                        break;
                    case ScsiMessage.NoOperation:
                        break;
                    case ScsiMessage.Extended:
                        flow = m.Length >= 5 && m[2] == ScsiMessage.ExtendedSdtr
                            ? AnswerSdtr(m[3], m[4])
                            : SendMessage(ScsiMessage.MessageReject);  // WDTR and the rest: narrow and simple
                        break;
                    default:
                        flow = SendMessage(ScsiMessage.MessageReject);
                        break;
                }

                if (flow == Flow.Ended)
                {
                    return flow;
                }

                retry |= flow == Flow.Restart;
            }

            if (resend && _lastSentLength > 0)
            {
                byte[] again = Slice(_lastSent, 0, _lastSentLength);
                Log("resending " + HexBytes(again, 0, again.Length));
                Flow flow = SendMessage(again, again.Length);
                if (flow == Flow.Ended)
                {
                    return flow;
                }

                retry |= flow == Flow.Restart;
            }

            return retry ? Flow.Restart : Flow.Continue;
        }

        private Flow AnswerSdtr(int factor, int offset)
        {
            if (_options.Sdtr == SdtrMode.Reject || _initiator < 0)
            {
                Flow rejected = SendMessage(ScsiMessage.MessageReject);
                if (rejected != Flow.Ended && _initiator >= 0 && _sync[_initiator].IsSynchronous)
                {
                    SetSync(_initiator, 0, 0);
                }

                return rejected;
            }

            int minFactor = _options.Sdtr == SdtrMode.Counter ? _options.CounterPeriodFactor : _options.MinPeriodFactor;
            int maxOffset = _options.Sdtr == SdtrMode.Counter ? _options.CounterOffset : _options.MaxOffset;
            int answerFactor = Math.Max(factor, minFactor);
            int answerOffset = Math.Min(offset, maxOffset);
            byte[] answer = ScsiMessage.Sdtr(answerFactor, answerOffset);
            int rejects = RejectsReceived;
            Flow flow = SendMessage(answer, answer.Length);
            if (flow == Flow.Ended)
            {
                return flow;
            }

            if (RejectsReceived > rejects || answerOffset == 0)
            {
                SetSync(_initiator, 0, 0);
            }
            else
            {
                SetSync(_initiator, answerFactor * 4, answerOffset);
            }

            return flow;
        }

        private void SetSync(int initiator, int periodNs, int offset)
        {
            _cmd.PrepareSetSync(initiator, periodNs, offset);
            Execute();
            if (_done.Result != ControllerResult.Ok)
            {
                throw Unexpected("recording the synchronous agreement");
            }

            // The controller reports the agreement it keeps: period in BytesMoved, offset in Residual.
            _sync[initiator] = new SyncAgreement(_done.Residual > 0 ? _done.BytesMoved : 0, _done.Residual);
            Log("sync with " + initiator + ": " + _sync[initiator]);
        }

        private Flow SendMessage(byte message)
        {
            _single[0] = message;
            return SendMessage(_single, 1);
        }

        /// <summary>MESSAGE IN; the initiator's answer (ATN) is acted on before returning.</summary>
        private Flow SendMessage(byte[] message, int count)
        {
            Array.Copy(message, _lastSent, count);
            _lastSentLength = count;
            _cmd.PrepareSendMessage(message, 0, count);
            Execute();
            Log("message out: " + HexBytes(message, 0, count) + " -> " + ControllerResult.Name(_done.Result));
            return AfterTargetSend("sending a message");
        }

        private Flow SendStatus(int status)
        {
            LastStatus = status;
            _cmd.PrepareSendStatus(status);
            Execute();
            Log("status " + Hex(status) + " -> " + ControllerResult.Name(_done.Result));
            return AfterTargetSend("sending status");
        }

        private Flow AfterTargetSend(string what)
        {
            switch (_done.Result)
            {
                case ControllerResult.Ok:
                    return Flow.Continue;
                case ControllerResult.Attention:
                    return HandleMessages(CopyMessages(_done), _done.MsgLength, false);
                case ControllerResult.ParityError:
                    ParityErrorsDetected++;
                    return RetryMessageOut(false);
                case ControllerResult.BusReset:
                    OnBusReset();
                    return Flow.Ended;
                default:
                    throw Unexpected(what);
            }
        }

        /// <summary>MESSAGE OUT because the initiator holds ATN.</summary>
        private Flow ReceiveMessages()
        {
            _cmd.PrepareReceiveMessage();
            Execute();
            switch (_done.Result)
            {
                case ControllerResult.Ok:
                case ControllerResult.Attention:
                    return HandleMessages(CopyMessages(_done), _done.MsgLength, false);
                case ControllerResult.ParityError:
                    ParityErrorsDetected++;
                    return RetryMessageOut(false);
                case ControllerResult.BusReset:
                    OnBusReset();
                    return Flow.Ended;
                default:
                    throw Unexpected("taking messages");
            }
        }

        /// <summary>A MESSAGE OUT byte had bad parity: REQ again in MESSAGE OUT so the initiator
        /// resends the messages (SCSI-2's retry), at most MaxRetries times, then go bus free.</summary>
        private Flow RetryMessageOut(bool atSelection)
        {
            if (atSelection)
            {
                ParityErrorsDetected++;
            }

            for (int attempt = 0; attempt < _options.MaxRetries; attempt++)
            {
                Log("parity error in MESSAGE OUT: asking again");
                _cmd.PrepareReceiveMessage();
                Execute();
                switch (_done.Result)
                {
                    case ControllerResult.Ok:
                    case ControllerResult.Attention:
                        return HandleMessages(CopyMessages(_done), _done.MsgLength, atSelection);
                    case ControllerResult.ParityError:
                        ParityErrorsDetected++;
                        continue;
                    case ControllerResult.BusReset:
                        OnBusReset();
                        return Flow.Ended;
                    default:
                        throw Unexpected("taking messages again");
                }
            }

            EndConnection();
            return Flow.Ended;
        }

        // ---------------------------------------------------------------- commands

        private void ResetPlan()
        {
            _status = ScsiStatus.Good;
            _dataIn = true;
            _dataBuffer = null;
            _dataOffset = 0;
            _dataLength = 0;
            _commitImage = null;
            _commitOffset = 0;
            _mediumCommand = false;
            _current = 0;
            _saved = 0;
            _midPoint = -1;
            _midDone = false;
            _parityAt = -1;
            _retries = 0;
            _skipData = false;
        }

        /// <summary>Decides status, sense and data of the CDB in _cdb, as a SCSI-2 disk would.</summary>
        private void Decide(int opcode)
        {
            int slot = Slot(_initiator);
            if (BusyRemaining > 0)
            {
                BusyRemaining--;
                _status = ScsiStatus.Busy;
                return;
            }

            // Sense data lives until the next command from the same initiator.
            if (opcode != ScsiOpcode.RequestSense)
            {
                _hasSense[slot] = false;
            }

            if (_lun >= _luns)
            {
                if (opcode == ScsiOpcode.Inquiry)
                {
                    Inquiry(false);
                }
                else if (opcode == ScsiOpcode.RequestSense)
                {
                    SetSense(slot, ScsiSense.IllegalRequest, ScsiSense.AscLogicalUnitNotSupported);
                    RequestSense(slot);
                }
                else
                {
                    CheckCondition(ScsiSense.IllegalRequest, ScsiSense.AscLogicalUnitNotSupported);
                }

                return;
            }

            int holder = _reservedBy[_lun];
            if (holder >= 0 && holder != slot && opcode != ScsiOpcode.Inquiry && opcode != ScsiOpcode.RequestSense
                && opcode != ScsiOpcode.Release6)
            {
                _status = ScsiStatus.ReservationConflict;
                return;
            }

            // INQUIRY and REQUEST SENSE leave a UNIT ATTENTION pending (SCSI-2 allows REQUEST
            // SENSE to either report it or keep it; this target keeps it).
            if (_unitAttention[slot] && opcode != ScsiOpcode.Inquiry && opcode != ScsiOpcode.RequestSense)
            {
                _unitAttention[slot] = false;
                CheckCondition(ScsiSense.UnitAttention, ScsiSense.AscPowerOnOrReset);
                return;
            }

            switch (opcode)
            {
                case ScsiOpcode.TestUnitReady:
                    break;
                case ScsiOpcode.Inquiry:
                    Inquiry(true);
                    break;
                case ScsiOpcode.RequestSense:
                    RequestSense(slot);
                    break;
                case ScsiOpcode.Read6:
                case ScsiOpcode.Write6:
                    Medium(opcode == ScsiOpcode.Read6,
                        ((_cdb[1] & 0x1F) << 16) | (_cdb[2] << 8) | _cdb[3],
                        _cdb[4] == 0 ? 256 : _cdb[4]);
                    break;
                case ScsiOpcode.Read10:
                case ScsiOpcode.Write10:
                    Medium(opcode == ScsiOpcode.Read10,
                        ((long)_cdb[2] << 24) | ((long)_cdb[3] << 16) | ((long)_cdb[4] << 8) | _cdb[5],
                        (_cdb[7] << 8) | _cdb[8]);
                    break;
                case ScsiOpcode.ReadCapacity10:
                    PutBigEndian(_reply, 0, _blocks - 1);
                    PutBigEndian(_reply, 4, _blockSize);
                    DataIn(_reply, 0, 8);
                    break;
                case ScsiOpcode.Reserve6:
                    _reservedBy[_lun] = slot;
                    break;
                case ScsiOpcode.Release6:
                    if (holder == slot)
                    {
                        _reservedBy[_lun] = -1;
                    }

                    break;
                default:
                    CheckCondition(ScsiSense.IllegalRequest, ScsiSense.AscInvalidCommandOperationCode);
                    break;
            }
        }

        private void Inquiry(bool lunExists)
        {
            if ((_cdb[1] & 0x01) != 0)
            {
                CheckCondition(ScsiSense.IllegalRequest, ScsiSense.AscInvalidFieldInCdb);  // no VPD pages
                return;
            }

            if (lunExists && _options.Inquiry == InquiryMode.CheckCondition)
            {
                CheckCondition(ScsiSense.IllegalRequest, ScsiSense.AscInvalidCommandOperationCode);
                return;
            }

            int length;
            if (lunExists && _options.InquiryData != null)
            {
                length = Math.Min(_options.InquiryData.Length, _reply.Length);
                Array.Copy(_options.InquiryData, _reply, length);
            }
            else
            {
                Array.Clear(_reply, 0, StandardInquiryLength);
                // Qualifier 3 / type 1Fh: no logical unit here.
                _reply[0] = lunExists ? (byte)(_options.DeviceType & 0x1F) : (byte)0x7F;
                _reply[1] = _options.Removable ? (byte)0x80 : (byte)0;
                _reply[2] = (byte)(_options.AnsiVersion & 0x07);
                _reply[3] = (byte)(_options.AnsiVersion >= 2 ? 2 : 0);
                _reply[4] = StandardInquiryLength - 5;
                _reply[7] = _options.Sdtr == SdtrMode.Reject ? (byte)0 : (byte)0x10;
                PutAscii(_reply, 8, 8, _options.Vendor);
                PutAscii(_reply, 16, 16, _options.Product);
                PutAscii(_reply, 32, 4, _options.Revision);
                length = StandardInquiryLength;
                if (lunExists && _options.Inquiry == InquiryMode.Short)
                {
                    length = Math.Clamp(_options.ShortInquiryLength, 1, StandardInquiryLength);
                    if (length >= 5)
                    {
                        _reply[4] = (byte)(length - 5);
                    }
                }
            }

            DataIn(_reply, 0, Math.Min(length, _cdb[4]));
        }

        private void RequestSense(int slot)
        {
            byte[] sense = _sense[slot];
            if (!_hasSense[slot])
            {
                Array.Clear(sense, 0, sense.Length);
                sense[0] = 0x70;
                sense[7] = ScsiSense.FixedLength - 8;
            }

            _hasSense[slot] = false;
            Array.Copy(sense, _reply, ScsiSense.FixedLength);
            // SCSI-2: an allocation length of 0 asks for four bytes.
            int allocation = _cdb[4] == 0 ? 4 : _cdb[4];
            DataIn(_reply, 0, Math.Min(allocation, ScsiSense.FixedLength));
        }

        private void Medium(bool read, long lba, int blocks)
        {
            if (lba + blocks > _blocks)
            {
                CheckCondition(ScsiSense.IllegalRequest, ScsiSense.AscLbaOutOfRange);
                return;
            }

            _mediumCommand = true;
            int offset = (int)lba * _blockSize;
            int length = blocks * _blockSize;
            if (read)
            {
                DataIn(_images[_lun], offset, length);
            }
            else
            {
                // Into a staging buffer: a write with a parity error must leave the image as it was.
                _dataIn = false;
                _dataBuffer = _writeBuffer;
                _dataOffset = 0;
                _dataLength = length;
                _commitImage = _images[_lun];
                _commitOffset = offset;
            }
        }

        private void DataIn(byte[] buffer, int offset, int length)
        {
            _dataIn = true;
            _dataBuffer = buffer;
            _dataOffset = offset;
            _dataLength = length;
        }

        private int CheckCondition(int key, int asc)
        {
            SetSense(Slot(_initiator), key, asc);
            _status = ScsiStatus.CheckCondition;
            return _status;
        }

        private void SetSense(int slot, int key, int asc)
        {
            byte[] sense = _sense[slot];
            Array.Clear(sense, 0, sense.Length);
            sense[0] = 0x70;  // current error, fixed format
            sense[2] = (byte)key;
            sense[7] = ScsiSense.FixedLength - 8;
            sense[12] = (byte)asc;
            _hasSense[slot] = true;
        }

        // ---------------------------------------------------------------- resets

        private void OnBusReset()
        {
            BusResetsSeen++;
            Log("bus reset");
            ResetState();
        }

        /// <summary>What a bus reset or BUS DEVICE RESET does to a SCSI-2 target: a UNIT
        /// ATTENTION for everyone, no reservation, no sense, asynchronous transfers again.</summary>
        private void ResetState()
        {
            for (int i = 0; i < Slots; i++)
            {
                _unitAttention[i] = true;
                _hasSense[i] = false;
            }

            for (int lun = 0; lun < _luns; lun++)
            {
                _reservedBy[lun] = -1;
            }

            for (int i = 0; i < 8; i++)
            {
                if (_sync[i].IsSynchronous)
                {
                    SetSync(i, 0, 0);
                }
            }
        }

        // ---------------------------------------------------------------- plumbing

        private void EndConnection()
        {
            _cmd.PrepareDisconnect();
            Execute();  // Invalid when a reset already ended the connection: nothing to release
            Log("bus free");
        }

        private void Execute()
        {
            ScsiControllers.Execute(_controller, _cmd, _done);
            if (_done.Result == ControllerResult.Busy
                || (_done.Result == ControllerResult.Invalid && _cmd.Op != ControllerOp.Disconnect))
            {
                // A refused command returns at once; going on would spin.
                throw Unexpected("submitting " + ControllerOp.Name(_cmd.Op));
            }
        }

        private InvalidOperationException Unexpected(string what)
        {
            return new InvalidOperationException("Scripted target " + _id + ": unexpected " + _done + " while " + what
                + ".\nEvents:\n" + Describe());
        }

        private void Log(string text)
        {
            _events.Add(_bus.NowNs + " ns: " + text);
        }

        private static int Slot(int initiator)
        {
            return initiator >= 0 && initiator < 8 ? initiator : UnknownInitiator;
        }

        private static byte[] CopyMessages(Completion c)
        {
            return Slice(c.Msg, 0, Math.Min(c.MsgLength, Completion.InlineBytes));
        }

        /// <summary>Length of the message at msgs[i] (1, 2 or extended), within count.</summary>
        private static int MessageLength(byte[] msgs, int i, int count)
        {
            byte first = msgs[i];
            int length = 1;
            if (first == ScsiMessage.Extended)
            {
                length = i + 1 < count ? 2 + (msgs[i + 1] == 0 ? 256 : msgs[i + 1]) : 2;
            }
            else if (first >= 0x20 && first <= 0x2F)
            {
                length = 2;
            }

            return Math.Min(length, count - i);
        }

        private static byte[] Slice(byte[] source, int offset, int count)
        {
            var slice = new byte[count];
            Array.Copy(source, offset, slice, 0, count);
            return slice;
        }

        private static void PutBigEndian(byte[] buffer, int offset, int value)
        {
            buffer[offset] = (byte)(value >> 24);
            buffer[offset + 1] = (byte)(value >> 16);
            buffer[offset + 2] = (byte)(value >> 8);
            buffer[offset + 3] = (byte)value;
        }

        private static void PutAscii(byte[] buffer, int offset, int width, string text)
        {
            for (int i = 0; i < width; i++)
            {
                buffer[offset + i] = i < text.Length ? (byte)text[i] : (byte)' ';
            }
        }

        /// <summary>Deterministic content (xorshift32), independent of the runtime's Random.</summary>
        private static void Fill(byte[] image, int seed)
        {
            uint x = (uint)seed | 1u;
            for (int i = 0; i < image.Length; i++)
            {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                image[i] = (byte)(x >> 24);
            }
        }

        private static string Hex(int value)
        {
            return value.ToString("X2");
        }

        private static string HexBytes(byte[] bytes, int offset, int count)
        {
            var text = new StringBuilder();
            for (int i = 0; i < count; i++)
            {
                if (i > 0)
                {
                    text.Append(' ');
                }

                text.Append(bytes[offset + i].ToString("X2"));
            }

            return text.ToString();
        }
    }
}
