namespace ScsiBridge.Hal.Esp32
{
    /// <summary>
    /// The interop component's controller calls (Interop/NativeController on the board, a fake
    /// in tests). Every call returns at once: a command goes into the bus loop's queue on core 1,
    /// and its completion is announced by a custom event (InteropLayout.EventCompletion).
    /// </summary>
    internal interface IControllerInterop
    {
        /// <summary>Opens a controller on the board's bus; its index, or a negative InteropStatus.</summary>
        int Open(int scsiId, int parityCheck, int maxSyncOffset, int minSyncPeriodNs);

        /// <summary>Queues a command (InteropLayout.Cmd* fields, inline bytes); 0 or a negative InteropStatus.</summary>
        int Submit(int controller, int[] fields, byte[] inline);

        /// <summary>Ends a command that only waits (ControllerResult.Cancelled).</summary>
        void Cancel(int controller);

        /// <summary>1 and the completion (InteropLayout.Done* fields, messages, CDB) when there is
        /// one, 0 when there is none, or a negative InteropStatus.</summary>
        int TakeCompletion(int controller, int[] fields, byte[] msg, byte[] cdb);

        /// <summary>Copies a managed array's bytes into the controller's staging area (before a
        /// command that sends them); 0 or a negative status.</summary>
        int StageIn(int controller, byte[] source, int offset, int count);

        /// <summary>Copies the staging area's first count bytes out (after a command that received them).</summary>
        int StageOut(int controller, byte[] destination, int offset, int count);

        /// <summary>Fills InteropLayout.State* fields; 0 or a negative status.</summary>
        int GetState(int controller, int[] into);

        /// <summary>The bus loop's clock: nanoseconds since the component started.</summary>
        long NowNs();
    }
}
