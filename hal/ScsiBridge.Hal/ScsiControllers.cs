namespace ScsiBridge.Hal
{
    /// <summary>Helpers over IScsiController (no default interface methods on nanoFramework).</summary>
    public static class ScsiControllers
    {
        /// <summary>
        /// Submits the command and waits for its completion. A refused submission is reported
        /// the same way as a completion: into.Op is the command's op and into.Result says why,
        /// so callers have one path for every outcome.
        /// </summary>
        public static void Execute(IScsiController controller, ControllerCommand command, Completion into)
        {
            int submitted = controller.Submit(command);
            if (submitted != ControllerResult.Ok)
            {
                into.Clear();
                into.Op = command.Op;
                into.Result = submitted;
                into.Phase = BusPhase.None;
                into.Residual = command.Length;
                return;
            }

            controller.WaitForCompletion(into);
        }
    }
}
