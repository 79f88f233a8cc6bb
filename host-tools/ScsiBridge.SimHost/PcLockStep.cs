using System;
using ScsiBridge.Client.Transports;

namespace ScsiBridge.SimHost
{
    /// <summary>
    /// Keeps the simulator in step with a tool that runs on its virtual clock
    /// (SimConfig.LockStepQuietMs): after each frame reaches the PC, and after each of the
    /// tool's timers fires, the whole simulation holds still until the PC has been quiet for the
    /// quiet time, and what the PC said meanwhile is kept for the link receiver, which takes it
    /// at the virtual moment of the hold. So the tool's own work takes no virtual time, and what
    /// it answers to a frame reaches the bridge at the same virtual time on every run.
    /// What it cannot see: a tool still busy after the quiet time (a host so loaded that the
    /// tool's reaction took longer) answers later in virtual time than it would have; the run
    /// stays correct, only not the same run.
    /// </summary>
    internal sealed class PcLockStep
    {
        private readonly ILinkTransport _master;
        private readonly int _answerMs;
        private readonly int _quietMs;
        private byte[] _kept = new byte[4096];
        private int _count;
        private readonly byte[] _chunk = new byte[4096];

        private readonly Func<long> _now;

        public PcLockStep(ILinkTransport master, int answerMs, int quietMs, Func<long> nowNs)
        {
            _now = nowNs;
            _answerMs = answerMs;
            _master = master;
            _quietMs = quietMs;
        }

        /// <summary>Holds still (in real time) until the PC has answered and then said nothing for
        /// the quiet time, or has said nothing at all for the answer time; true when it said
        /// something. A hang-up or a closed port ends the hold; the link receiver finds it on its
        /// next read.</summary>
        public bool Hold()
        {
            HeldAtNs = _now();
            int before = _count;
            while (true)
            {
                int n;
                try
                {
                    n = _master.Read(_chunk, 0, _chunk.Length, _count > before ? _quietMs : AnswerMs);
                }
                catch (LinkHangupException)
                {
                    return _count > before;
                }
                catch (ObjectDisposedException)
                {
                    return _count > before;
                }
                if (n == 0)
                {
                    if (_count == before)
                    {
                        Unanswered++;
                        _unansweredInARow++;
                    }
                    else
                    {
                        _unansweredInARow = 0;
                    }
                    return _count > before;
                }
                if (_count + n > _kept.Length) Array.Resize(ref _kept, Math.Max(_kept.Length * 2, _count + n));
                Array.Copy(_chunk, 0, _kept, _count, n);
                _count += n;
            }
        }

        // A storm of frames the tool does not answer (a drive that hangs while the bridge
        // refuses data and credits it back, thousands of times) would cost the answer time each:
        // after this many in a row, holds wait a millisecond until the tool answers again.
        private const int StormAfter = 8;
        private int _unansweredInARow;

        private int AnswerMs => _unansweredInARow >= StormAfter ? 1 : _answerMs;

        /// <summary>Holds the PC let pass without a word (each cost the answer time).</summary>
        public int Unanswered { get; private set; }

        /// <summary>The virtual time of the last hold: bytes read at that same time came while the
        /// simulation stood still, as if in the hold.</summary>
        public long HeldAtNs { get; private set; } = -1;

        /// <summary>What the PC said during holds, oldest first, into buffer; 0 when nothing is kept.</summary>
        public int Take(byte[] buffer)
        {
            int n = Math.Min(buffer.Length, _count);
            if (n == 0) return 0;
            Array.Copy(_kept, 0, buffer, 0, n);
            Array.Copy(_kept, n, _kept, 0, _count - n);
            _count -= n;
            return n;
        }
    }
}
