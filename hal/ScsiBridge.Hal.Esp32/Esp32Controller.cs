using System;
using System.Threading;
using ScsiBridge.Hal.Buffers;

namespace ScsiBridge.Hal.Esp32
{
    /// <summary>
    /// A controller on the board: commands go through the interop component into the bus loop on
    /// core 1, and each completion comes back as a custom event that wakes the waiting thread
    /// (never managed polling). The command and completion cross as int arrays allocated once, so
    /// a command allocates nothing. A data phase names a slot of the native ring; a managed array
    /// is copied into the controller's native staging area first (the bus loop never holds a
    /// pointer into managed memory, which the garbage collector moves), and received bytes are
    /// copied back when the completion is taken.
    /// A command the controller refuses on core 1 completes with ControllerResult.Invalid rather
    /// than being refused by Submit (the queue is checked there, not here).
    /// </summary>
    public sealed class Esp32Controller : IScsiController
    {
        private readonly IControllerInterop _native;
        private readonly int _index;
        private readonly int _scsiId;
        private readonly int[] _command = new int[InteropLayout.CommandFields];
        private readonly int[] _done = new int[InteropLayout.CompletionFields];
        private readonly byte[] _inline = new byte[ControllerCommand.InlineBytes];
        private readonly int[] _state = new int[InteropLayout.StateFields];
        private readonly AutoResetEvent _completed = new AutoResetEvent(false);
        private readonly object _lock = new object();
        private bool _outstanding;
        private byte[]? _staged;
        private int _stagedOffset;
        private bool _copyBack;

        internal Esp32Controller(IControllerInterop native, int index, int scsiId)
        {
            _native = native;
            _index = index;
            _scsiId = scsiId;
        }

        public int ScsiId
        {
            get { return _scsiId; }
        }

        /// <summary>The controller's index in the interop component (the events' Data2).</summary>
        public int Index
        {
            get { return _index; }
        }

        public int Submit(ControllerCommand command)
        {
            if (command == null)
            {
                throw new ArgumentNullException("command");
            }

            lock (_lock)
            {
                if (_outstanding)
                {
                    return ControllerResult.Busy;
                }

                int[] f = _command;
                f[InteropLayout.CmdOp] = command.Op;
                f[InteropLayout.CmdFlags] = command.Flags;
                f[InteropLayout.CmdPeerId] = command.PeerId;
                f[InteropLayout.CmdIdMask] = command.IdMask;
                f[InteropLayout.CmdStatusByte] = command.StatusByte;
                f[InteropLayout.CmdByteCount] = command.ByteCount;
                f[InteropLayout.CmdSyncOffset] = command.SyncOffset;
                f[InteropLayout.CmdSyncPeriodNs] = command.SyncPeriodNs;
                f[InteropLayout.CmdLength] = command.Length;
                f[InteropLayout.CmdTimeoutLow] = (int)(command.TimeoutNs & 0xFFFFFFFFL);
                f[InteropLayout.CmdTimeoutHigh] = (int)(command.TimeoutNs >> 32);
                f[InteropLayout.CmdSlotHandle] = 0;
                f[InteropLayout.CmdSlotOffset] = 0;
                f[InteropLayout.CmdBufferCount] = 0;
                f[InteropLayout.CmdDataSource] = InteropLayout.SourceNone;
                _staged = null;
                _copyBack = false;

                if (command.Slots != null)
                {
                    if (!(command.Slots is Esp32SlotRing))
                    {
                        // Only the board's own ring has slots the bus loop can reach.
                        return ControllerResult.Invalid;
                    }

                    f[InteropLayout.CmdDataSource] = InteropLayout.SourceSlot;
                    f[InteropLayout.CmdSlotHandle] = command.SlotHandle;
                    f[InteropLayout.CmdSlotOffset] = command.SlotOffset;
                    f[InteropLayout.CmdBufferCount] = command.BufferCount;
                }
                else if (command.Buffer != null)
                {
                    byte[] buffer = command.Buffer;
                    int count = command.BufferCount;
                    if (count < 0 || count > InteropLayout.StagingBytes || command.BufferOffset < 0
                        || command.BufferOffset > buffer.Length - count)
                    {
                        return ControllerResult.Invalid;
                    }

                    InteropStatus.Check(_native.StageIn(_index, buffer, command.BufferOffset, count), "staging a data phase");
                    f[InteropLayout.CmdDataSource] = InteropLayout.SourceStaging;
                    f[InteropLayout.CmdBufferCount] = count;
                    _staged = buffer;
                    _stagedOffset = command.BufferOffset;
                    _copyBack = ReceivesData(command.Op);
                }

                Array.Copy(command.Bytes, _inline, ControllerCommand.InlineBytes);
                int rc = _native.Submit(_index, f, _inline);
                if (rc == InteropStatus.QueueFull)
                {
                    return ControllerResult.Busy;
                }

                InteropStatus.Check(rc, "submitting " + ControllerOp.Name(command.Op));
                _outstanding = true;
                return ControllerResult.Ok;
            }
        }

        /// <summary>Fills <paramref name="into"/> with the controller's state in the component.</summary>
        public void GetState(Esp32ControllerState into)
        {
            if (into == null)
            {
                throw new ArgumentNullException("into");
            }

            lock (_lock)
            {
                InteropStatus.Check(_native.GetState(_index, _state), "reading the controller's state");
                into.Busy = _state[InteropLayout.StateBusy] != 0;
                into.QueuedCommands = _state[InteropLayout.StateQueuedCommands];
                into.WaitingCompletions = _state[InteropLayout.StateWaitingCompletions];
                into.HeldBack = _state[InteropLayout.StateHeldBack] != 0;
                into.ResetsSeen = _state[InteropLayout.StateResetsSeen];
            }
        }

        public void Cancel()
        {
            _native.Cancel(_index);
        }

        public void WaitForCompletion(Completion into)
        {
            lock (_lock)
            {
                if (!_outstanding)
                {
                    throw new HalException("WaitForCompletion with no command running on controller " + _index.ToString() + ": submit one first");
                }
            }

            // The event sets the signal; a completion taken before the wait leaves it set, so
            // the loop re-checks instead of trusting it.
            while (!TryTakeCompletion(into))
            {
                _completed.WaitOne();
            }
        }

        public bool TryTakeCompletion(Completion into)
        {
            if (into == null)
            {
                throw new ArgumentNullException("into");
            }

            lock (_lock)
            {
                int rc = InteropStatus.Check(_native.TakeCompletion(_index, _done, into.Msg, into.Cdb), "taking a completion");
                if (rc == 0)
                {
                    return false;
                }

                int[] d = _done;
                into.Op = d[InteropLayout.DoneOp];
                into.Result = d[InteropLayout.DoneResult];
                into.Phase = d[InteropLayout.DonePhase];
                into.Flags = d[InteropLayout.DoneFlags];
                into.PeerId = d[InteropLayout.DonePeerId];
                into.OwnId = d[InteropLayout.DoneOwnId];
                into.Identify = d[InteropLayout.DoneIdentify];
                into.MsgLength = d[InteropLayout.DoneMsgLength];
                into.CdbLength = d[InteropLayout.DoneCdbLength];
                into.StatusByte = d[InteropLayout.DoneStatusByte];
                into.ArbitrationRetries = d[InteropLayout.DoneArbitrationRetries];
                into.BytesMoved = d[InteropLayout.DoneBytesMoved];
                into.Residual = d[InteropLayout.DoneResidual];
                into.ParityIndex = d[InteropLayout.DoneParityIndex];
                into.TimeNs = ((long)d[InteropLayout.DoneTimeHigh] << 32) | (uint)d[InteropLayout.DoneTimeLow];

                byte[]? staged = _staged;
                if (staged != null && _copyBack && into.BytesMoved > 0)
                {
                    InteropStatus.Check(_native.StageOut(_index, staged, _stagedOffset, into.BytesMoved), "copying received data out of staging");
                }

                _staged = null;
                _copyBack = false;
                _outstanding = false;
                return true;
            }
        }

        /// <summary>Called by the event router when the component posts this controller's completion.</summary>
        internal void OnCompletionEvent()
        {
            _completed.Set();
        }

        // Ops whose data phase brings bytes in (an initiator's TRANSFER may go either way: its
        // bytes are copied back either way, unchanged when they went out).
        private static bool ReceivesData(int op)
        {
            return op == ControllerOp.ReceiveData || op == ControllerOp.Transfer;
        }
    }
}
