namespace ScsiBridge.Hal
{
    /// <summary>
    /// A soft SCSI protocol controller: one command at a time, each ending in one completion.
    /// The firmware codes against this; the board and the simulated bus implement it.
    /// </summary>
    public interface IScsiController
    {
        /// <summary>The ID the controller arbitrates and reselects with.</summary>
        int ScsiId { get; }

        /// <summary>
        /// Starts a command. Returns a ControllerResult: Ok (it runs), Busy (one is running or its
        /// completion has not been taken) or Invalid (refused; the bus was not touched).
        /// </summary>
        int Submit(ControllerCommand command);

        /// <summary>Ends a command that is only waiting (for selection, reselection or a free
        /// bus) with ControllerResult.Cancelled; one already moving bytes goes on.</summary>
        void Cancel();

        /// <summary>Blocks the calling firmware thread until the running command completes, then
        /// writes its completion into <paramref name="into"/>.</summary>
        void WaitForCompletion(Completion into);

        /// <summary>Writes the completion into <paramref name="into"/> if there is one; never blocks.</summary>
        bool TryTakeCompletion(Completion into);
    }
}
