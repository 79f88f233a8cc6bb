using System;

namespace ScsiBridge.Hal.Sim
{
    /// <summary>Thrown inside an instance to unwind its body after another instance failed or
    /// the bus deadlocked; RunAll reports the original failure, never this.</summary>
    internal sealed class SimInstanceAbortedException : Exception
    {
        public SimInstanceAbortedException()
            : base("The simulation stopped this instance because another one failed.")
        {
        }
    }
}
