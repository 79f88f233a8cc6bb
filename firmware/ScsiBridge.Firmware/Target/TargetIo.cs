using ScsiBridge.Hal;
using ScsiBridge.Hal.Buffers;

namespace ScsiBridge.Firmware.Target
{
    /// <summary>
    /// The data phases of one connection, as the units see them (<see cref="ITargetIo"/>), plus
    /// waiting for buffers: disconnecting (SAVE DATA POINTER, DISCONNECT) when the host allows it,
    /// and reselecting it once a buffer is back.
    /// </summary>
    internal sealed class TargetIo : ITargetIo
    {
        public const int Continue = 0;
        public const int Resend = 1;
        public const int Ended = 2;

        private readonly TargetEngine _engine;
        private readonly IHalClock _clock;
        private readonly TargetConfig _config;
        private readonly BufferRing _ring;
        private readonly IHalSignal _released;
        private readonly ControllerCommand _cmd = new ControllerCommand();
        private bool _firstPiece;

        public TargetIo(TargetEngine engine, IScsiController controller, IHalClock clock, TargetConfig config,
                        BufferRing ring, IHalSignal released)
        {
            _engine = engine;
            _clock = clock;
            _config = config;
            _ring = ring;
            _released = released;
        }

        public int Initiator { get; private set; }

        public int TargetId { get; private set; }

        public int Lun { get; set; }

        public bool MayDisconnect { get; private set; }

        /// <summary>The connection is over (ABORT, BUS DEVICE RESET, bus reset, lost host).</summary>
        public bool IsEnded { get; private set; }

        /// <summary>Times the target left the bus to wait for a buffer.</summary>
        public int Disconnects { get; private set; }

        /// <summary>Data the host sent had bad parity (or retries ran out).</summary>
        public bool ParityFailed { get; private set; }

        public void BeginConnection(int initiator, int targetId, int lun, bool mayDisconnect)
        {
            Initiator = initiator;
            TargetId = targetId;
            Lun = lun;
            MayDisconnect = mayDisconnect;
            IsEnded = false;
            ParityFailed = false;
            _firstPiece = true;
        }

        public void Identified(int lun, bool mayDisconnect)
        {
            Lun = lun;
            MayDisconnect = mayDisconnect && Initiator >= 0;
        }

        public void End()
        {
            IsEnded = true;
        }

        public int Send(byte[] buffer, int offset, int count)
        {
            return Move(ControllerOp.SendData, buffer, offset, count);
        }

        public int Receive(byte[] buffer, int offset, int count)
        {
            return Move(ControllerOp.ReceiveData, buffer, offset, count);
        }

        /// <summary>
        /// One piece of data. Before every piece but the first the target saves its data pointer,
        /// so that INITIATOR DETECTED ERROR (or MESSAGE PARITY ERROR) can be answered with RESTORE
        /// POINTERS and this piece sent again.
        /// </summary>
        private int Move(int op, byte[] buffer, int offset, int count)
        {
            if (IsEnded) return Errno.ECANCELED;
            if (count <= 0) return Errno.Ok;
            if (!_firstPiece) _engine.SendMessage(0x02);  // SAVE DATA POINTER
            _firstPiece = false;
            int start = offset, total = count;
            int retries = 0;
            for (;;)
            {
                _cmd.Reset(op);
                _cmd.Buffer = buffer;
                _cmd.BufferOffset = offset;
                _cmd.BufferCount = count;
                _cmd.Length = count;
                int result = _engine.Exec(_cmd);
                Completion c = _engine.LastCompletion;
                if (result == ControllerResult.Ok) return Errno.Ok;
                if (result == ControllerResult.BusReset)
                {
                    _engine.OnBusReset();
                    return Errno.EIO;
                }
                if (result == ControllerResult.ParityError)
                {
                    ParityFailed = true;
                    return Errno.EIO;
                }
                if (result != ControllerResult.Attention)
                {
                    IsEnded = true;  // the host vanished or the bus broke: nothing more to say
                    _engine.Disconnect();
                    return Errno.EIO;
                }
                int moved = c.BytesMoved;
                int action = _engine.TakeMessages(false);
                if (action == Ended) return Errno.ECANCELED;
                if (action == Resend)
                {
                    if (++retries > _config.MaxRetries)
                    {
                        ParityFailed = true;
                        return Errno.EIO;
                    }
                    _engine.SendMessage(0x03);  // RESTORE POINTERS: the host goes back to the saved pointer
                    offset = start;
                    count = total;
                    continue;
                }
                // Some other message (NOP, a reject): go on where the transfer stopped.
                offset += moved;
                count -= moved;
                if (count <= 0) return Errno.Ok;
            }
        }

        public RingBuffer? AcquireBuffer()
        {
            return _ring.TryAcquire();
        }

        public RingBuffer? WaitForBuffer()
        {
            for (;;)
            {
                RingBuffer? b = _ring.TryAcquire();
                if (b != null) return b;
                if (!WaitForRelease()) return null;
            }
        }

        public void ReleaseBuffer(RingBuffer buffer)
        {
            _ring.Release(buffer);
        }

        public bool WaitForRelease()
        {
            if (IsEnded) return false;
            bool away = false;
            if (MayDisconnect)
            {
                _cmd.Reset(ControllerOp.SendMessage);
                _cmd.Bytes[0] = 0x02;  // SAVE DATA POINTER
                _cmd.Bytes[1] = 0x04;  // DISCONNECT
                _cmd.ByteCount = 2;
                int result = _engine.Exec(_cmd);
                if (result == ControllerResult.Ok)
                {
                    _engine.Disconnect();
                    Disconnects++;
                    away = true;
                    _firstPiece = true;  // the pointer was just saved
                }
                else if (result == ControllerResult.BusReset)
                {
                    _engine.OnBusReset();
                    return false;
                }
            }
            long limit = _clock.NowNs + _config.WaitLimitNs;
            bool released = false;
            while (!released && !_engine.StopRequested)
            {
                long left = limit - _clock.NowNs;
                if (left <= 0) break;
                released = _released.Wait(left);
            }
            if (!away) return released;
            // Back on the bus: reselect the host and tell it who we are.
            _cmd.Reset(ControllerOp.Reselect);
            _cmd.PeerId = Initiator;
            _cmd.IdMask = 1 << TargetId;
            if (_engine.Exec(_cmd) != ControllerResult.Ok)
            {
                IsEnded = true;
                return false;
            }
            _cmd.Reset(ControllerOp.SendMessage);
            _cmd.Bytes[0] = (byte)(0x80 | Lun);
            _cmd.ByteCount = 1;
            if (_engine.Exec(_cmd) != ControllerResult.Ok)
            {
                IsEnded = true;
                return false;
            }
            return released;
        }
    }
}
