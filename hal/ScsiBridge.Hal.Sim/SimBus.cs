using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.ExceptionServices;
using System.Threading;
using ScsiBridge.Hal;

namespace ScsiBridge.Hal.Sim
{
    /// <summary>
    /// A simulated SCSI bus (the native libscsibridge_sim) with the controllers attached to it and
    /// a deterministic cooperative scheduler for managed firmware instances.
    /// </summary>
    /// <remarks>
    /// Virtual time advances only inside the native run call; managed code takes none. Instances
    /// registered with <see cref="Spawn"/> run one at a time, handing over a baton: each runs until
    /// it blocks (WaitForCompletion or SleepNs); when all are blocked, the instance holding the
    /// baton runs the bus until an awaited device completes or the earliest sleeper is due, then
    /// passes the baton to that instance. Ties go to the instance registered first, so every run
    /// of a scenario is the same run. Without Spawn, WaitForCompletion and SleepNs simply run the
    /// bus on the calling thread.
    /// </remarks>
    public sealed class SimBus : IDisposable
    {
        /// <summary>How long RunAll waits for an instance to unwind after a failure before it
        /// reports the instance as stuck (an instance that never calls back into the bus).</summary>
        private static readonly TimeSpan UnwindTimeout = TimeSpan.FromSeconds(30);

        [ThreadStatic]
        private static SimInstance? t_current;

        private readonly object _native = new object();
        private readonly List<SimController> _controllers = new List<SimController>();
        private readonly List<SimInstance> _instances = new List<SimInstance>();
        private readonly SimClock _clock;
        private IntPtr _sim;
        private bool _traceEnabled;

        // Scheduler state; touched only by the baton holder (and by RunAll before and after).
        private bool _running;
        private SemaphoreSlim? _hostTurn;
        private Exception? _failure;
        private volatile bool _aborting;
        private SimInstance[] _active = Array.Empty<SimInstance>();

        public SimBus()
        {
            int abi = NativeMethods.AbiVersion();
            if (abi != NativeConstants.AbiVersion)
            {
                throw new HalException("libscsibridge_sim speaks ABI version " + abi + ", this binding version "
                    + NativeConstants.AbiVersion + ": rebuild the native simulator and the managed binding together.");
            }

            _sim = NativeMethods.Create();
            if (_sim == IntPtr.Zero)
            {
                throw new HalException("sb_sim_create failed: the native simulator could not allocate a bus.");
            }

            _clock = new SimClock(this);
        }

        ~SimBus()
        {
            DestroyNative();
        }

        /// <summary>What the firmware's managed code costs in virtual time (none unless set).</summary>
        public InterpreterCost Interpreter { get; set; } = InterpreterCost.None;

        /// <summary>The HAL clock of this bus (virtual time).</summary>
        public SimClock Clock
        {
            get { return _clock; }
        }

        /// <summary>Virtual time in nanoseconds.</summary>
        public long NowNs
        {
            get
            {
                lock (_native)
                {
                    return (long)NativeMethods.Now(Handle);
                }
            }
        }

        /// <summary>The 18 bus lines as they are now (ScsiLines bits).</summary>
        public uint Lines
        {
            get
            {
                lock (_native)
                {
                    return NativeMethods.Lines(Handle);
                }
            }
        }

        public IReadOnlyList<SimController> Controllers
        {
            get { return _controllers; }
        }

        /// <summary>Edge recording for the VCD export; off by default because a long transfer
        /// records many edges. Switch it on before the activity to be recorded.</summary>
        public bool TraceEnabled
        {
            get
            {
                return _traceEnabled;
            }

            set
            {
                lock (_native)
                {
                    Check(NativeMethods.SetTrace(Handle, value ? 1 : 0), "sb_sim_set_trace");
                }

                _traceEnabled = value;
            }
        }

        /// <summary>Everything the bus monitor objected to so far, in order.</summary>
        public IReadOnlyList<SimViolation> Violations
        {
            get
            {
                lock (_native)
                {
                    int count = NativeMethods.ViolationCount(Handle);
                    Check(count, "sb_sim_violation_count");
                    var list = new List<SimViolation>(count);
                    for (int i = 0; i < count; i++)
                    {
                        NativeViolation v;
                        unsafe
                        {
                            Check(NativeMethods.GetViolation(Handle, i, &v), "sb_sim_get_violation");
                            list.Add(new SimViolation((long)v.TimeNs, (SimRule)v.Rule, v.Lines, DecodeText(v.Text, NativeConstants.ViolationTextBytes)));
                        }
                    }

                    return list;
                }
            }
        }

        public SimStats Stats
        {
            get
            {
                NativeStats s;
                lock (_native)
                {
                    unsafe
                    {
                        Check(NativeMethods.GetStats(Handle, &s), "sb_sim_get_stats");
                    }
                }

                return new SimStats((long)s.NowNs, (long)s.Edges, (long)s.Steps, (int)s.Violations, (int)s.Devices);
            }
        }

        internal bool IsDisposed
        {
            get { return _sim == IntPtr.Zero; }
        }

        private IntPtr Handle
        {
            get
            {
                ObjectDisposedException.ThrowIf(_sim == IntPtr.Zero, this);
                return _sim;
            }
        }

        /// <summary>Adds a device running a controller with these options (at most 8 devices).</summary>
        public SimController Attach(ControllerOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            if (options.ScsiId < 0 || options.ScsiId > 7)
            {
                throw new ArgumentOutOfRangeException(nameof(options), options.ScsiId, "A SCSI ID is from 0 to 7.");
            }

            if (options.MaxSyncOffset < 0 || options.MaxSyncOffset > byte.MaxValue
                || options.MinSyncPeriodNs < 0 || options.MinSyncPeriodNs > ushort.MaxValue)
            {
                throw new ArgumentOutOfRangeException(nameof(options), "MaxSyncOffset must fit a byte and MinSyncPeriodNs 16 bits.");
            }

            var native = new NativeOptions
            {
                ScsiId = (byte)options.ScsiId,
                ParityCheck = options.ParityCheck ? (byte)1 : (byte)0,
                MaxSyncOffset = (byte)options.MaxSyncOffset,
                MinSyncPeriodNs = (ushort)options.MinSyncPeriodNs,
            };
            int device;
            lock (_native)
            {
                unsafe
                {
                    device = NativeMethods.Attach(Handle, &native);
                }
            }

            if (device == NativeConstants.SimErrorFull)
            {
                throw new HalException("The simulated bus already has " + NativeConstants.MaxDevices + " devices.");
            }

            Check(device, "sb_sim_attach");
            var controller = new SimController(this, device, options.ScsiId);
            _controllers.Add(controller);
            return controller;
        }

        /// <summary>Arms a fault; it fires when its trigger is reached while the bus runs.</summary>
        public void Inject(SimFault fault)
        {
            ArgumentNullException.ThrowIfNull(fault);
            NativeFault native = fault.ToNative();
            int rc;
            lock (_native)
            {
                unsafe
                {
                    rc = NativeMethods.Inject(Handle, &native);
                }
            }

            if (rc == NativeConstants.SimErrorFull)
            {
                throw new HalException("The simulated bus's fault table is full; cannot inject " + fault + ".");
            }

            if (rc == NativeConstants.SimErrorArgument)
            {
                throw new ArgumentException("The simulator refused the fault " + fault + ".", nameof(fault));
            }

            Check(rc, "sb_sim_inject");
        }

        /// <summary>Writes the recorded edges as a VCD file (GTKWave, PulseView, Surfer).</summary>
        public void ExportVcd(string path)
        {
            ArgumentException.ThrowIfNullOrEmpty(path);
            string full = Path.GetFullPath(path);
            int rc;
            lock (_native)
            {
                rc = NativeMethods.ExportVcd(Handle, full);
            }

            if (rc == NativeConstants.SimErrorIo)
            {
                throw new IOException("The simulator could not write the VCD file " + full + ".");
            }

            Check(rc, "sb_sim_export_vcd");
        }

        /// <summary>The VCD text the recorded edges make, as bytes.</summary>
        public byte[] VcdBytes()
        {
            lock (_native)
            {
                unsafe
                {
                    long size = NativeMethods.VcdBytes(Handle, null, 0);
                    Check(size, "sb_sim_vcd_bytes");
                    var bytes = new byte[size];
                    fixed (byte* p = bytes)
                    {
                        long written = NativeMethods.VcdBytes(Handle, p, size);
                        Check(written, "sb_sim_vcd_bytes");
                        if (written != size)
                        {
                            throw new HalException("sb_sim_vcd_bytes changed length between two calls (" + size + ", then " + written + ").");
                        }
                    }

                    return bytes;
                }
            }
        }

        /// <summary>
        /// Registers a firmware instance to be run by <see cref="RunAll"/>; instances start in the
        /// order they are spawned.
        /// </summary>
        public SimInstance Spawn(string name, ThreadStart body)
        {
            ArgumentException.ThrowIfNullOrEmpty(name);
            ArgumentNullException.ThrowIfNull(body);
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            if (_running)
            {
                throw new InvalidOperationException("Instances are spawned before RunAll, not while it runs.");
            }

            var instance = new SimInstance(name, _instances.Count, body);
            _instances.Add(instance);
            return instance;
        }

        /// <summary>
        /// Runs every spawned instance until all bodies have returned. Rethrows the first
        /// exception of a body, or throws <see cref="SimDeadlockException"/> when the bus goes idle
        /// while instances still wait; either way every instance thread has ended before it returns.
        /// </summary>
        public void RunAll()
        {
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            if (t_current != null)
            {
                throw new InvalidOperationException("RunAll is called by the host, not by an instance.");
            }

            if (_running)
            {
                throw new InvalidOperationException("RunAll is already running.");
            }

            var instances = _instances.ToArray();
            _instances.Clear();
            if (instances.Length == 0)
            {
                return;
            }

            _running = true;
            _failure = null;
            _aborting = false;
            _hostTurn = new SemaphoreSlim(0);
            _active = instances;
            try
            {
                foreach (SimInstance instance in instances)
                {
                    SimInstance captured = instance;
                    var thread = new Thread(() => InstanceMain(captured))
                    {
                        IsBackground = true,
                        Name = "sim " + instance.Name,
                    };
                    instance.Thread = thread;
                    thread.Start();
                }

                // The host holds the baton until it gives it to the first instance; from then on
                // it only waits to hear that everything finished or failed.
                SimInstance? first = PickNextOrFail();
                if (first != null)
                {
                    first.Turn.Release();
                    _hostTurn.Wait();
                }
            }
            finally
            {
                StopInstances(instances);
                _active = Array.Empty<SimInstance>();
                _running = false;
            }

            if (_failure != null)
            {
                ExceptionDispatchInfo.Capture(_failure).Throw();
            }
        }

        public void Dispose()
        {
            if (_running)
            {
                throw new InvalidOperationException("The bus cannot be disposed while RunAll runs.");
            }

            DestroyNative();
            GC.SuppressFinalize(this);
        }

        // ---- scheduling ----

        internal void WaitFor(SimController controller)
        {
            SimInstance? self = t_current;
            if (self == null)
            {
                WaitOnCallerThread(controller);
                return;
            }

            CheckOwnInstance(self);
            foreach (SimInstance other in _active)
            {
                if (other != self && other.State == SimInstanceState.Waiting && other.WaitingOn == controller)
                {
                    throw new HalException("Instances '" + other.Name + "' and '" + self.Name + "' both wait on " + controller + ".");
                }
            }

            self.State = SimInstanceState.Waiting;
            self.WaitingOn = controller;
            Block(self);
            self.WaitingOn = null;
        }

        internal void SleepNs(long ns)
        {
            if (ns < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(ns), ns, "A sleep is not negative.");
            }

            long deadline = NowNs + ns;
            SimInstance? self = t_current;
            if (self == null)
            {
                SleepOnCallerThread(deadline);
                return;
            }

            CheckOwnInstance(self);
            self.State = SimInstanceState.Sleeping;
            self.WakeAtNs = deadline;
            Block(self);
        }

        /// <summary>Waits for a signal until deadlineNs (virtual; long.MaxValue: for ever).
        /// True when the signal was set, false when the deadline came first.</summary>
        internal bool WaitSignal(SimSignal signal, long deadlineNs)
        {
            SimInstance? self = t_current;
            if (signal.TryConsume())
            {
                return true;
            }

            if (self == null)
            {
                if (deadlineNs == long.MaxValue)
                {
                    throw new SimDeadlockException(
                        "The caller waits for a signal at " + NowNs + " ns with no simulator instance running that could set it.",
                        new[] { "the caller waits for a signal" });
                }

                SleepOnCallerThread(deadlineNs);
                return signal.TryConsume();
            }

            CheckOwnInstance(self);
            self.State = SimInstanceState.WaitingSignal;
            self.WaitingSignal = signal;
            self.WakeAtNs = deadlineNs;
            Block(self);
            self.WaitingSignal = null;
            return self.SignalResult;
        }

        /// <summary>A new signal for instances of this bus.</summary>
        public SimSignal CreateSignal()
        {
            return new SimSignal(this);
        }

        private void CheckOwnInstance(SimInstance self)
        {
            if (Array.IndexOf(_active, self) < 0)
            {
                throw new InvalidOperationException("Instance '" + self.Name + "' belongs to another bus.");
            }

            if (_aborting)
            {
                throw new SimInstanceAbortedException();
            }
        }

        /// <summary>The baton holder has just blocked: give the baton on and wait for it back.</summary>
        private void Block(SimInstance self)
        {
            SimInstance? next = PickNextOrFail();
            if (next != self)
            {
                next?.Turn.Release();
                self.Turn.Wait();
            }

            if (_aborting)
            {
                throw new SimInstanceAbortedException();
            }

            self.State = SimInstanceState.Running;
        }

        private void InstanceMain(SimInstance self)
        {
            self.Turn.Wait();
            t_current = self;
            try
            {
                if (!_aborting)
                {
                    self.State = SimInstanceState.Running;
                    self.Body();
                }
            }
            catch (SimInstanceAbortedException)
            {
                // Unwound on request after another instance failed; the host reports that failure.
            }
            catch (Exception ex)
            {
                Fail(ex);
            }
            finally
            {
                self.State = SimInstanceState.Finished;
                t_current = null;
            }

            if (!_aborting)
            {
                // Still the baton holder: hand over, or tell the host that everyone is done.
                SimInstance? next = PickNextOrFail();
                if (next != null)
                {
                    next.Turn.Release();
                }
                else if (!_aborting)
                {
                    _hostTurn!.Release();
                }
            }
        }

        /// <summary>Picks the instance to run next; on a deadlock or native failure it records
        /// the failure (the host then unwinds everyone) and returns null.</summary>
        private SimInstance? PickNextOrFail()
        {
            try
            {
                return PickNext();
            }
            catch (Exception ex)
            {
                Fail(ex);
                return null;
            }
        }

        /// <summary>
        /// Called by the baton holder once it has blocked or finished. Returns the next instance
        /// to run (possibly the caller), or null when every instance has finished.
        /// </summary>
        private SimInstance? PickNext()
        {
            while (!_aborting)
            {
                // Instances that have not run yet go first, in registration order, so that each
                // gets to set up (enable selection, submit its first command) before time moves.
                foreach (SimInstance instance in _active)
                {
                    if (instance.State == SimInstanceState.NotStarted)
                    {
                        return instance;
                    }
                }

                bool anyBlocked = false;
                uint mask = 0;
                long earliestWake = long.MaxValue;
                long now = NowNs;
                foreach (SimInstance instance in _active)
                {
                    if (instance.State == SimInstanceState.Waiting)
                    {
                        anyBlocked = true;
                        if (instance.WaitingOn!.PollNative())
                        {
                            return instance;
                        }

                        mask |= instance.WaitingOn.DeviceBit;
                    }
                    else if (instance.State == SimInstanceState.WaitingSignal)
                    {
                        anyBlocked = true;
                        if (instance.WaitingSignal!.TryConsume())
                        {
                            instance.SignalResult = true;
                            return instance;
                        }

                        if (instance.WakeAtNs <= now)
                        {
                            instance.SignalResult = false;
                            return instance;
                        }

                        earliestWake = Math.Min(earliestWake, instance.WakeAtNs);
                    }
                    else if (instance.State == SimInstanceState.Sleeping)
                    {
                        anyBlocked = true;
                        if (instance.WakeAtNs <= now)
                        {
                            return instance;
                        }

                        earliestWake = Math.Min(earliestWake, instance.WakeAtNs);
                    }
                }

                if (!anyBlocked)
                {
                    return null;
                }

                int device;
                int rc = RunNative(mask, earliestWake == long.MaxValue ? ulong.MaxValue : (ulong)earliestWake, out device);
                if (rc == NativeConstants.RunIdle)
                {
                    if (earliestWake != long.MaxValue)
                    {
                        throw new HalException("The simulated bus reported idle before the sleep deadline " + earliestWake
                            + " ns (now " + NowNs + " ns); virtual time cannot reach the sleeping instances.");
                    }

                    throw Deadlock();
                }

                // Completed or time reached: the next pass finds the ready instance, and among
                // several ready at the same moment the one registered first.
            }

            return null;
        }

        private SimDeadlockException Deadlock()
        {
            var waiting = new List<string>();
            foreach (SimInstance instance in _active)
            {
                if (instance.State == SimInstanceState.Waiting)
                {
                    SimController c = instance.WaitingOn!;
                    waiting.Add("'" + instance.Name + "' waits for " + c + " to complete " + ControllerOp.Name(c.RunningOp));
                }
                else if (instance.State == SimInstanceState.WaitingSignal)
                {
                    waiting.Add("'" + instance.Name + "' waits for a signal nobody sets");
                }
            }

            return new SimDeadlockException(
                "The simulated bus is idle at " + NowNs + " ns, so nothing can complete, while instances still wait: "
                + string.Join("; ", waiting) + ".",
                waiting);
        }

        private void Fail(Exception ex)
        {
            bool first;
            lock (_native)
            {
                first = _failure == null;
                if (first)
                {
                    _failure = ex;
                }

                _aborting = true;
            }

            if (first)
            {
                _hostTurn!.Release();
            }
        }

        private void StopInstances(SimInstance[] instances)
        {
            bool anyAlive = false;
            foreach (SimInstance instance in instances)
            {
                if (instance.Thread != null && instance.Thread.IsAlive)
                {
                    anyAlive = true;
                }
            }

            if (anyAlive)
            {
                // Every blocked instance wakes, sees the abort and unwinds out of its body.
                _aborting = true;
                foreach (SimInstance instance in instances)
                {
                    instance.Turn.Release();
                }
            }

            var stuck = new List<string>();
            foreach (SimInstance instance in instances)
            {
                if (instance.Thread != null && !instance.Thread.Join(UnwindTimeout))
                {
                    stuck.Add(instance.Name);
                }
            }

            if (stuck.Count > 0 && _failure == null)
            {
                _failure = new HalException("Instances did not stop: " + string.Join(", ", stuck)
                    + ". A body must not swallow the exception that unwinds it.");
            }
        }

        private void WaitOnCallerThread(SimController controller)
        {
            if (_running)
            {
                throw new InvalidOperationException("While RunAll runs, only its instances may wait on the bus.");
            }

            while (!controller.PollNative())
            {
                int device;
                int rc = RunNative(controller.DeviceBit, ulong.MaxValue, out device);
                if (rc == NativeConstants.RunIdle)
                {
                    string what = "the caller waits for " + controller + " to complete " + ControllerOp.Name(controller.RunningOp);
                    throw new SimDeadlockException(
                        "The simulated bus is idle at " + NowNs + " ns, so nothing can complete, while " + what + ".",
                        new[] { what });
                }
            }
        }

        private void SleepOnCallerThread(long deadline)
        {
            if (_running)
            {
                throw new InvalidOperationException("While RunAll runs, only its instances may sleep on the bus clock.");
            }

            while (NowNs < deadline)
            {
                int device;
                int rc = RunNative(0, (ulong)deadline, out device);
                if (rc == NativeConstants.RunIdle)
                {
                    throw new HalException("The simulated bus reported idle before the sleep deadline " + deadline
                        + " ns (now " + NowNs + " ns).");
                }
            }
        }

        // ---- native calls used by SimController and the scheduler ----

        internal int NativeSubmit(int device, ref NativeCommand command)
        {
            int rc;
            lock (_native)
            {
                unsafe
                {
                    fixed (NativeCommand* p = &command)
                    {
                        rc = NativeMethods.Submit(Handle, device, p);
                    }
                }
            }

            if (rc < 0)
            {
                throw new HalException("sb_sim_submit refused device " + device + " (error " + rc + ").");
            }

            return rc;
        }

        internal void NativeCancel(int device)
        {
            lock (_native)
            {
                Check(NativeMethods.Cancel(Handle, device), "sb_sim_cancel");
            }
        }

        internal bool NativeTakeCompletion(int device, out NativeCompletion completion)
        {
            int rc;
            lock (_native)
            {
                unsafe
                {
                    fixed (NativeCompletion* p = &completion)
                    {
                        rc = NativeMethods.TakeCompletion(Handle, device, p);
                    }
                }
            }

            Check(rc, "sb_sim_take_completion");
            return rc == 1;
        }

        private int RunNative(uint mask, ulong untilNs, out int device)
        {
            int rc;
            int completed = -1;
            lock (_native)
            {
                unsafe
                {
                    rc = NativeMethods.Run(Handle, mask, untilNs, &completed);
                }
            }

            if (rc == NativeConstants.RunBadArgument || rc < 0)
            {
                throw new HalException("sb_sim_run refused its arguments (mask 0x" + mask.ToString("X2") + ", until " + untilNs + " ns).");
            }

            device = completed;
            return rc;
        }

        private void DestroyNative()
        {
            IntPtr sim;
            lock (_native)
            {
                sim = _sim;
                _sim = IntPtr.Zero;
                if (sim != IntPtr.Zero)
                {
                    NativeMethods.Destroy(sim);
                }
            }

            // Only now is no native code left that could touch a pinned buffer.
            foreach (SimController controller in _controllers)
            {
                controller.MarkBusDisposed();
            }
        }

        private static void Check(long rc, string function)
        {
            if (rc < 0)
            {
                throw new HalException(function + " failed with error " + rc + ".");
            }
        }

        private static unsafe string DecodeText(byte* text, int capacity)
        {
            int length = 0;
            while (length < capacity && text[length] != 0)
            {
                length++;
            }

            return System.Text.Encoding.UTF8.GetString(text, length);
        }
    }
}
