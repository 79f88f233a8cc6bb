namespace ScsiBridge.Hal.Sim
{
    /// <summary>
    /// What the board's managed code costs, charged to simulated firmware in virtual time. On the
    /// board the firmware's C# runs on nanoFramework's IL interpreter on core 0; the simulator runs
    /// the same C# compiled by .NET, which takes no virtual time at all. Without a charge, the
    /// simulated bridge would decide and frame for free, and its rates would flatter the board.
    /// </summary>
    /// <remarks>
    /// The charge is per unit of control-plane work, the only managed work on the data path (data
    /// bytes are native, docs/dataplane.md): each controller command the firmware decides on (it
    /// is charged when the firmware takes the completion, which is when it does that work), and
    /// each link frame received or sent. docs/time-model.md says where the figures come from.
    /// What this leaves out: the garbage collector, the other managed threads' turns on core 0,
    /// and any variation between commands (a probe's INQUIRY and a 64 KiB READ cost the same).
    /// </remarks>
    public sealed class InterpreterCost
    {
        /// <summary>No charge: managed code is free (unit tests of protocol behaviour).</summary>
        public static InterpreterCost None { get; } = new InterpreterCost(0, 0, 0);

        /// <summary>nanoFramework on a 240 MHz ESP32-S3: 0.5 us an IL instruction, 150 IL
        /// instructions a controller command, 250 a link frame (docs/time-model.md).</summary>
        public static InterpreterCost NanoFrameworkEsp32S3 { get; } = new InterpreterCost(500, 150, 250);

        public InterpreterCost(long nanosecondsPerIlInstruction, int ilPerControllerCommand, int ilPerFrame)
        {
            NanosecondsPerIlInstruction = nanosecondsPerIlInstruction;
            IlPerControllerCommand = ilPerControllerCommand;
            IlPerFrame = ilPerFrame;
        }

        public long NanosecondsPerIlInstruction { get; }

        /// <summary>IL instructions the firmware runs to take one completion and decide the next command.</summary>
        public int IlPerControllerCommand { get; }

        /// <summary>IL instructions the link server runs for one frame's header and dispatch.</summary>
        public int IlPerFrame { get; }

        public long ControllerCommandNs => NanosecondsPerIlInstruction * IlPerControllerCommand;

        public long FrameNs => NanosecondsPerIlInstruction * IlPerFrame;
    }
}
