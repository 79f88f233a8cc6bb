using System;
using System.Runtime.InteropServices;
using ScsiBridge.Hal;

namespace ScsiBridge.Hal.Sim
{
    /// <summary>
    /// One controller on the simulated bus: the native controller core, driven through the C ABI.
    /// A submitted command's data buffer stays pinned until its completion is taken, because
    /// the native side reads and writes it by address while the bus runs.
    /// </summary>
    public sealed class SimController : IScsiController, IDisposable
    {
        private readonly SimBus _bus;
        private readonly Completion _taken = new Completion();
        private GCHandle _pin;
        private bool _running;     // submitted; the native side has not handed back its completion
        private bool _hasTaken;    // the native completion sits in _taken, not yet given to the caller
        private int _runningOp;
        private bool _disposed;

        internal SimController(SimBus bus, int deviceIndex, int scsiId)
        {
            _bus = bus;
            DeviceIndex = deviceIndex;
            ScsiId = scsiId;
        }

        public SimBus Bus
        {
            get { return _bus; }
        }

        /// <summary>The simulator's index of this device (what faults and masks name).</summary>
        public int DeviceIndex { get; }

        public int ScsiId { get; }

        /// <summary>True while a command runs or its completion has not been taken.</summary>
        public bool IsBusy
        {
            get { return _running || _hasTaken; }
        }

        /// <summary>The op of the command that runs now, ControllerOp.None when none does.</summary>
        public int RunningOp
        {
            get { return _running ? _runningOp : ControllerOp.None; }
        }

        /// <summary>True while the native side holds the address of a command's buffer.</summary>
        internal bool IsBufferPinned
        {
            get { return _pin.IsAllocated; }
        }

        internal uint DeviceBit
        {
            get { return 1u << DeviceIndex; }
        }

        public int Submit(ControllerCommand command)
        {
            if (_disposed || command == null || _bus.IsDisposed)
            {
                return ControllerResult.Invalid;
            }

            // The completion of the previous command must be taken first, as on the board; the
            // native side cannot know about one this binding already holds.
            if (_running || _hasTaken)
            {
                return ControllerResult.Busy;
            }

            NativeCommand native;
            if (!TryEncode(command, out native))
            {
                return ControllerResult.Invalid;
            }

            GCHandle pin = default;
            if (command.Slots != null)
            {
                // A native ring slot: its address is stable, nothing to pin. The ring checks the
                // handle and that the range lies inside the slot.
                if (command.Slots is not NativeSlotRing ring
                    || ring.AddressOf(command.SlotHandle, command.SlotOffset, command.BufferCount, out ulong address) != 0)
                {
                    return ControllerResult.Invalid;
                }

                native.Buffer = address;
                native.BufferSize = (uint)command.BufferCount;
            }
            else if (command.Buffer != null)
            {
                pin = GCHandle.Alloc(command.Buffer, GCHandleType.Pinned);
                native.Buffer = (ulong)(long)(pin.AddrOfPinnedObject() + command.BufferOffset);
                native.BufferSize = (uint)command.BufferCount;
            }

            int result = _bus.NativeSubmit(DeviceIndex, ref native);
            if (result != ControllerResult.Ok)
            {
                if (pin.IsAllocated)
                {
                    pin.Free();
                }

                return result;
            }

            _pin = pin;
            _running = true;
            _runningOp = command.Op;
            return result;
        }

        public void Cancel()
        {
            if (!_disposed && _running)
            {
                _bus.NativeCancel(DeviceIndex);
            }
        }

        public void WaitForCompletion(Completion into)
        {
            if (into == null)
            {
                throw new ArgumentNullException(nameof(into));
            }

            if (!_running && !_hasTaken)
            {
                throw new HalException("Device " + DeviceIndex + " (ID " + ScsiId + ") has no command to wait for: submit one first.");
            }

            _bus.WaitFor(this);
            if (!TryTakeCompletion(into))
            {
                throw new HalException("Device " + DeviceIndex + " woke without a completion.");
            }

            // The firmware now reads the completion and decides its next step: on the board that
            // is interpreted code, and it takes time while the bus runs on.
            long managed = _bus.Interpreter.ControllerCommandNs;
            if (managed > 0)
            {
                _bus.SleepNs(managed);
            }
        }

        public bool TryTakeCompletion(Completion into)
        {
            if (into == null)
            {
                throw new ArgumentNullException(nameof(into));
            }

            if (!_hasTaken && !PollNative())
            {
                return false;
            }

            into.CopyFrom(_taken);
            _hasTaken = false;
            return true;
        }

        /// <summary>Refuses further commands. A running command's buffer stays pinned until its
        /// completion is taken or the bus is disposed, since the native side may still use it.</summary>
        public void Dispose()
        {
            _disposed = true;
        }

        /// <summary>Moves a native completion into this binding, if there is one; frees the pin.</summary>
        internal bool PollNative()
        {
            if (_hasTaken)
            {
                return true;
            }

            // Also with no command running: a controller still connected when a bus reset came
            // reports it unasked (op None), and the firmware must be able to take that.
            NativeCompletion native;
            if (!_bus.NativeTakeCompletion(DeviceIndex, out native))
            {
                return false;
            }

            Decode(ref native, _taken);
            _running = false;
            _hasTaken = true;
            ReleasePin();
            return true;
        }

        internal void ReleasePin()
        {
            if (_pin.IsAllocated)
            {
                _pin.Free();
            }
        }

        internal void MarkBusDisposed()
        {
            _disposed = true;
            _running = false;
            ReleasePin();
        }

        internal static bool TryEncode(ControllerCommand c, out NativeCommand native)
        {
            native = default;
            if (!IsByte(c.Op) || !IsByte(c.Flags) || !IsByte(c.PeerId) || !IsByte(c.IdMask)
                || !IsByte(c.StatusByte) || !IsByte(c.SyncOffset)
                || c.SyncPeriodNs < 0 || c.SyncPeriodNs > ushort.MaxValue
                || c.ByteCount < 0 || c.ByteCount > ControllerCommand.InlineBytes
                || c.Length < 0 || c.TimeoutNs < 0)
            {
                return false;
            }

            byte[]? buffer = c.Buffer;
            if (c.Slots != null)
            {
                // Checked against the slot when its address is taken.
                if (buffer != null || c.BufferCount < 0 || c.Length > c.BufferCount)
                {
                    return false;
                }
            }
            else if (buffer == null)
            {
                // Nothing to point the native side at; it must not be asked to move bytes.
                if (c.Length > 0)
                {
                    return false;
                }
            }
            else if (c.BufferOffset < 0 || c.BufferCount < 0 || c.BufferOffset > buffer.Length - c.BufferCount)
            {
                // The address handed to native code must stay inside the array.
                return false;
            }

            native.Op = (byte)c.Op;
            native.Flags = (byte)c.Flags;
            native.PeerId = (byte)c.PeerId;
            native.IdMask = (byte)c.IdMask;
            native.StatusByte = (byte)c.StatusByte;
            native.ByteCount = (byte)c.ByteCount;
            native.SyncOffset = (byte)c.SyncOffset;
            native.SyncPeriodNs = (ushort)c.SyncPeriodNs;
            native.Length = (uint)c.Length;
            native.TimeoutNs = (ulong)c.TimeoutNs;
            unsafe
            {
                byte[] bytes = c.Bytes;
                for (int i = 0; i < NativeConstants.InlineBytes; i++)
                {
                    native.Bytes[i] = bytes[i];
                }
            }

            return true;
        }

        internal static void Decode(ref NativeCompletion n, Completion into)
        {
            into.Op = n.Op;
            into.Result = n.Result;
            into.Phase = n.Phase;
            into.Flags = n.Flags;
            into.PeerId = n.PeerId;
            into.OwnId = n.OwnId;
            into.Identify = n.Identify;
            into.MsgLength = n.MsgLen;
            into.CdbLength = n.CdbLen;
            into.StatusByte = n.StatusByte;
            into.ArbitrationRetries = n.ArbitrationRetries;
            into.BytesMoved = (int)n.BytesMoved;
            into.Residual = (int)n.Residual;
            into.ParityIndex = (int)n.ParityIndex;
            into.TimeNs = (long)n.TimeNs;
            unsafe
            {
                byte[] msg = into.Msg;
                byte[] cdb = into.Cdb;
                for (int i = 0; i < NativeConstants.InlineBytes; i++)
                {
                    msg[i] = n.Msg[i];
                    cdb[i] = n.Cdb[i];
                }
            }
        }

        public override string ToString()
        {
            return "device " + DeviceIndex + " (ID " + ScsiId + ")";
        }

        private static bool IsByte(int value)
        {
            return value >= 0 && value <= byte.MaxValue;
        }
    }
}
