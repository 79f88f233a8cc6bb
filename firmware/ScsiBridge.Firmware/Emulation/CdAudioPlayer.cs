using ScsiBridge.Hal;

namespace ScsiBridge.Firmware.Emulation
{
    /// <summary>
    /// The audio play of an emulated CD-ROM drive: what is playing, from where to where, and the
    /// position now, which moves 75 frames a second on the firmware's clock (virtual bus time in
    /// simulation, so a host that polls READ SUB-CHANNEL sees a real player without the test
    /// waiting). No sound leaves the bridge; the state is what SCSI-2 13.2 lets a host see.
    /// Audio status codes are those of READ SUB-CHANNEL (SCSI-2 table 13-23).
    /// </summary>
    public sealed class CdAudioPlayer
    {
        public const int StatusNotValid = 0x00;
        public const int StatusPlaying = 0x11;
        public const int StatusPaused = 0x12;
        public const int StatusCompleted = 0x13;
        public const int StatusError = 0x14;
        public const int StatusNone = 0x15;

        private const long NsPerFrame = 1000000000L / CdDisc.FramesPerSecond;

        private IHalClock? _clock;
        private int _state = StatusNone;
        private long _from;        // the position when play (re)started
        private long _end;         // the frame after the last to play
        private long _startedNs;
        private long _position;    // when not playing

        /// <summary>The clock play advances on; without one the position does not move.</summary>
        public IHalClock? Clock
        {
            get { return _clock; }
            set { _clock = value; }
        }

        /// <summary>Starts play of frames from to end - 1.</summary>
        public void Play(long from, long end)
        {
            _from = from;
            _end = end;
            _position = from;
            _startedNs = Now();
            _state = from < end ? StatusPlaying : StatusCompleted;
        }

        /// <summary>False when nothing is playing (the host gets COMMAND SEQUENCE ERROR).</summary>
        public bool Pause()
        {
            Update();
            if (_state == StatusPaused) return true;
            if (_state != StatusPlaying) return false;
            _state = StatusPaused;
            return true;
        }

        /// <summary>False when nothing is paused.</summary>
        public bool Resume()
        {
            Update();
            if (_state == StatusPlaying) return true;
            if (_state != StatusPaused) return false;
            _from = _position;
            _startedNs = Now();
            _state = StatusPlaying;
            return true;
        }

        /// <summary>Stops play (STOP PLAY/SCAN, START STOP UNIT with Start 0, a new medium, a reset).</summary>
        public void Stop()
        {
            Update();
            _state = StatusNone;
        }

        public bool Playing
        {
            get
            {
                Update();
                return _state == StatusPlaying;
            }
        }

        /// <summary>The frame under the head now.</summary>
        public long Position
        {
            get
            {
                Update();
                return _position;
            }
        }

        /// <summary>The status for READ SUB-CHANNEL: completed (or error) is reported once, then
        /// no current status.</summary>
        public int TakeStatus()
        {
            Update();
            int s = _state;
            if (s == StatusCompleted || s == StatusError) _state = StatusNone;
            return s;
        }

        private void Update()
        {
            if (_state != StatusPlaying) return;
            long frames = (Now() - _startedNs) / NsPerFrame;
            long at = _from + frames;
            if (at >= _end)
            {
                _position = _end;
                _state = StatusCompleted;
                return;
            }
            _position = at;
        }

        private long Now()
        {
            IHalClock? c = _clock;
            return c == null ? 0 : c.NowNs;
        }
    }
}
