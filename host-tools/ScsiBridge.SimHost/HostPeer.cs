using System;
using ScsiBridge.Firmware.Adapter;
using ScsiBridge.Hal;

namespace ScsiBridge.SimHost
{
    /// <summary>
    /// A vintage host on the simulated bus (the initiator firmware at its own ID): each time the PC
    /// opens a target path for it, it SENDs its file to the bridge's processor device in pieces
    /// of 16 KiB, then waits for that path to close (a SEND of no data fails then) before it sends
    /// again on the next one. Until a path is open the bridge answers CHECK CONDITION, and the
    /// host tries again a little later, as a real program would.
    /// </summary>
    internal sealed class HostPeer
    {
        private const int Piece = 16 * 1024;
        private const long RetryNs = 20_000_000;

        private readonly ScsiAdapter _adapter;
        private readonly IHalClock _clock;
        private readonly int _targetId;
        private readonly byte[] _data;
        private bool _stop;

        public HostPeer(ScsiAdapter adapter, IHalClock clock, int targetId, byte[] data)
        {
            _adapter = adapter;
            _clock = clock;
            _targetId = targetId;
            _data = data;
        }

        public int Id => _adapter.ScsiId;

        /// <summary>Bytes the bridge has taken so far.</summary>
        public int Sent { get; private set; }

        public void Stop()
        {
            _stop = true;
        }

        /// <summary>The host program's thread.</summary>
        public void Run()
        {
            try
            {
                while (!_stop && _adapter.StartDevice(_targetId, 0, true, true) != Errno.Ok) _clock.SleepNs(RetryNs);
                var piece = new byte[Piece];
                var data = new ArrayData(piece, 0);
                IoRequest r = _adapter.CreateRequest();
                while (!_stop)
                {
                    SendFile(r, piece, data);
                    while (!_stop && Send(r, data, 0)) _clock.SleepNs(RetryNs);  // the path is still open
                }
            }
            finally
            {
                _adapter.Shutdown();
            }
        }

        private void SendFile(IoRequest r, byte[] piece, ArrayData data)
        {
            int sent = 0;
            while (!_stop && sent < _data.Length)
            {
                int n = Math.Min(Piece, _data.Length - sent);
                Array.Copy(_data, sent, piece, 0, n);
                if (Send(r, data, n))
                {
                    sent += n;
                    Sent += n;
                }
                else
                {
                    _clock.SleepNs(RetryNs);  // no path yet (or a unit attention): later
                }
            }
        }

        /// <summary>One SEND of n bytes (0: only asks whether a path is open); true when GOOD.</summary>
        private bool Send(IoRequest r, ArrayData data, int n)
        {
            r.TargetId = _targetId;
            r.Lun = 0;
            r.SetCdb(new byte[] { 0x0A, 0, (byte)(n >> 16), (byte)(n >> 8), (byte)n, 0 }, 6);
            r.DataLength = n;
            r.Flags = 0;
            r.Sink = null;
            r.Source = n > 0 ? data : null;
            r.TimeoutNs = 10_000_000_000L;
            return _adapter.Execute(r, true) == Errno.Ok && r.ScsiStatus == 0;
        }
    }
}
