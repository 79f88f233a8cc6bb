namespace ScsiBridge.Hal.Esp32
{
    /// <summary>A controller's state in the interop component, for diagnostics: a reusable
    /// object that Esp32Controller.GetState fills.</summary>
    public sealed class Esp32ControllerState
    {
        /// <summary>The controller core is running a command.</summary>
        public bool Busy { get; set; }

        /// <summary>Commands queued to the bus loop and not yet taken by it.</summary>
        public int QueuedCommands { get; set; }

        /// <summary>Completions posted and not yet taken by managed code.</summary>
        public int WaitingCompletions { get; set; }

        /// <summary>A completion that found the completion queue full and waits for room.</summary>
        public bool HeldBack { get; set; }

        /// <summary>Bus resets the controller has seen since it was opened.</summary>
        public int ResetsSeen { get; set; }
    }
}
