using System;
using System.Collections.Generic;
using System.Threading;

namespace ScsiBridge.SimHost
{
    /// <summary>
    /// The simulator's virtual clock as a TimeProvider, for the tool when a test runs it against
    /// the simulator: its timeouts, back-offs and intervals then count the bridge's time, so a
    /// host that is slow (a loaded CI machine) cannot make a request late, and a host that is
    /// fast cannot make it early. Timers fire from the simulator's link receiver, on the thread
    /// pool, at its first look at or after their due time (SimulatedBridge.ServeLink).
    /// </summary>
    public sealed class SimulatorTimeProvider : TimeProvider
    {
        private readonly Func<long> _nowNs;
        private readonly object _lock = new object();
        private readonly List<VirtualTimer> _timers = new List<VirtualTimer>();
        private long _nextDueNs = long.MaxValue;  // the earliest of _timers' due times, kept under _lock
        private readonly DateTimeOffset _epoch = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

        internal SimulatorTimeProvider(Func<long> nowNs)
        {
            _nowNs = nowNs;
        }

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _nowNs() / 100;

        public override DateTimeOffset GetUtcNow() => _epoch.AddTicks(_nowNs() / 100);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new VirtualTimer(this, callback, state);
            timer.Change(dueTime, period);
            return timer;
        }

        /// <summary>Timers waiting to fire.</summary>
        public int Pending
        {
            get
            {
                lock (_lock) return _timers.Count;
            }
        }

        /// <summary>When the next timer is due (long.MaxValue: none). Read without a lock, so the
        /// link receiver's every look costs nothing while no timer is set.</summary>
        internal long NextDueNs => Volatile.Read(ref _nextDueNs);

        /// <summary>Starts the callbacks of the timers due at nowNs; returns how many.</summary>
        internal int FireDue(long nowNs)
        {
            if (nowNs < Volatile.Read(ref _nextDueNs)) return 0;
            List<VirtualTimer>? due = null;
            lock (_lock)
            {
                for (int i = _timers.Count - 1; i >= 0; i--)
                {
                    VirtualTimer t = _timers[i];
                    if (t.DueNs > nowNs) continue;
                    (due ??= new List<VirtualTimer>()).Add(t);
                    if (t.PeriodNs > 0) t.DueNs = nowNs + t.PeriodNs;
                    else _timers.RemoveAt(i);
                }
                UpdateNextDueLocked();
            }
            if (due == null) return 0;
            foreach (VirtualTimer t in due) ThreadPool.UnsafeQueueUserWorkItem(static s => s.Fire(), t, preferLocal: false);
            return due.Count;
        }

        private void Schedule(VirtualTimer t, long dueNs, long periodNs)
        {
            lock (_lock)
            {
                _timers.Remove(t);
                t.DueNs = dueNs;
                t.PeriodNs = periodNs;
                if (dueNs != long.MaxValue) _timers.Add(t);
                UpdateNextDueLocked();
            }
        }

        private void Unschedule(VirtualTimer t)
        {
            lock (_lock)
            {
                _timers.Remove(t);
                UpdateNextDueLocked();
            }
        }

        private void UpdateNextDueLocked()
        {
            long due = long.MaxValue;
            foreach (VirtualTimer t in _timers) due = Math.Min(due, t.DueNs);
            Volatile.Write(ref _nextDueNs, due);
        }

        private sealed class VirtualTimer : ITimer
        {
            private readonly SimulatorTimeProvider _owner;
            private readonly TimerCallback _callback;
            private readonly object? _state;
            private volatile bool _disposed;

            public VirtualTimer(SimulatorTimeProvider owner, TimerCallback callback, object? state)
            {
                _owner = owner;
                _callback = callback;
                _state = state;
            }

            public long DueNs;
            public long PeriodNs;

            public void Fire()
            {
                if (!_disposed) _callback(_state);
            }

            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                if (_disposed) return false;
                long due = dueTime == Timeout.InfiniteTimeSpan ? long.MaxValue : _owner._nowNs() + Math.Max(0, dueTime.Ticks) * 100;
                long every = period == Timeout.InfiniteTimeSpan || period <= TimeSpan.Zero ? 0 : period.Ticks * 100;
                _owner.Schedule(this, due, every);
                return true;
            }

            public void Dispose()
            {
                _disposed = true;
                _owner.Unschedule(this);
            }

            public System.Threading.Tasks.ValueTask DisposeAsync()
            {
                Dispose();
                return default;
            }
        }
    }
}
