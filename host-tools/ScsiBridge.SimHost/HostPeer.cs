using System;
using ScsiBridge.Firmware.Adapter;
using ScsiBridge.Hal;

namespace ScsiBridge.SimHost
{
    /// <summary>
    /// A vintage host on the simulated bus (the initiator firmware at its own ID): once the PC has
    /// opened a target path for it, it SENDs its file to the bridge's processor device in pieces
    /// of 16 KiB, then stops. Until the path is open the bridge answers CHECK CONDITION, and the
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
                while (!_stop && Sent < _data.Length)
                {
                    int n = Math.Min(Piece, _data.Length - Sent);
                    Array.Copy(_data, Sent, piece, 0, n);
                    r.TargetId = _targetId;
                    r.Lun = 0;
                    r.SetCdb(new byte[] { 0x0A, 0, (byte)(n >> 16), (byte)(n >> 8), (byte)n, 0 }, 6);
                    r.DataLength = n;
                    r.Flags = 0;
                    r.Sink = null;
                    r.Source = data;
                    r.TimeoutNs = 10_000_000_000L;
                    if (_adapter.Execute(r, true) == Errno.Ok && r.ScsiStatus == 0) Sent += n;
                    else _clock.SleepNs(RetryNs);  // no path yet (or a unit attention): later
                }
            }
            finally
            {
                _adapter.Shutdown();
            }
        }
    }
}
