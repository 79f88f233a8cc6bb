using System;
using System.Collections.Generic;
using ScsiBridge.Hal;

namespace ScsiBridge.Hal.Sim
{
    /// <summary>
    /// The simulated bus went idle (nothing can ever happen again) while firmware still waits on
    /// a command: with virtual time this is a hang the real board would never leave.
    /// </summary>
    public sealed class SimDeadlockException : HalException
    {
        public SimDeadlockException(string message, IReadOnlyList<string> waiting)
            : base(message)
        {
            Waiting = waiting;
        }

        /// <summary>One line per waiting instance or controller: who waits for what.</summary>
        public IReadOnlyList<string> Waiting { get; }
    }
}
