using System.Threading;

namespace ScsiBridge.Hal.Sim
{
    /// <summary>
    /// One managed "firmware instance" on the simulated bus: a body run on its own thread, which
    /// runs only while it holds the bus's baton (see SimBus.RunAll).
    /// </summary>
    public sealed class SimInstance
    {
        internal SimInstance(string name, int order, ThreadStart body)
        {
            Name = name;
            Order = order;
            Body = body;
        }

        public string Name { get; }

        /// <summary>True until its thread has ended (RunAll joins every thread before it returns).</summary>
        public bool IsAlive
        {
            get { return Thread != null && Thread.IsAlive; }
        }

        /// <summary>True once its body returned (or was unwound).</summary>
        public bool HasFinished
        {
            get { return State == SimInstanceState.Finished; }
        }

        internal int Order { get; }

        internal ThreadStart Body { get; }

        internal Thread? Thread { get; set; }

        /// <summary>Released when the instance is given the baton.</summary>
        internal SemaphoreSlim Turn { get; } = new SemaphoreSlim(0);

        internal SimInstanceState State { get; set; }

        /// <summary>Valid while Waiting.</summary>
        internal SimController? WaitingOn { get; set; }

        /// <summary>Valid while Sleeping, and while WaitingSignal (long.MaxValue: no timeout).</summary>
        internal long WakeAtNs { get; set; }

        /// <summary>Valid while WaitingSignal.</summary>
        internal SimSignal? WaitingSignal { get; set; }

        /// <summary>How the last signal wait ended: true when the signal was set, false on timeout.</summary>
        internal bool SignalResult { get; set; }

        public override string ToString()
        {
            return Name;
        }
    }

    internal enum SimInstanceState
    {
        NotStarted,
        Running,
        Waiting,
        Sleeping,
        WaitingSignal,
        Finished,
    }
}
