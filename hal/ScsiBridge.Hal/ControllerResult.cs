namespace ScsiBridge.Hal
{
    /// <summary>Completion results of the controller (sb_result in command.h).</summary>
    public static class ControllerResult
    {
        public const int Ok = 0;
        public const int SelectionTimeout = 1;
        public const int ArbitrationLost = 2;
        /// <summary>Completion.ParityIndex names the first bad byte.</summary>
        public const int ParityError = 3;
        public const int BusReset = 4;
        public const int UnexpectedDisconnect = 5;
        /// <summary>The target changed phase before Length was reached.</summary>
        public const int PhaseMismatch = 6;
        public const int Timeout = 7;
        /// <summary>Bad argument, wrong role or wrong phase for the command.</summary>
        public const int Invalid = 8;
        /// <summary>A command is already running, or its completion has not been taken.</summary>
        public const int Busy = 9;
        public const int Cancelled = 10;
        /// <summary>SELECT gave way to a reselection; Completion.PeerId is the target.</summary>
        public const int Reselected = 11;
        /// <summary>Target: the initiator raised ATN; the messages taken are in Completion.Msg.</summary>
        public const int Attention = 12;
        /// <summary>Target: selected with messages beyond IDENTIFY (in Completion.Msg).</summary>
        public const int Messages = 13;

        /// <summary>
        /// True for the results that report a failure. The informational results (Reselected,
        /// Attention, Messages) are not failures: they tell the firmware what to do next.
        /// </summary>
        public static bool IsError(int result)
        {
            return result != Ok && result != Reselected && result != Attention && result != Messages;
        }

        /// <summary>Short identifier, as in logs.</summary>
        public static string Name(int result)
        {
            switch (result)
            {
                case Ok: return "OK";
                case SelectionTimeout: return "SELECTION_TIMEOUT";
                case ArbitrationLost: return "ARBITRATION_LOST";
                case ParityError: return "PARITY";
                case BusReset: return "BUS_RESET";
                case UnexpectedDisconnect: return "UNEXPECTED_DISCONNECT";
                case PhaseMismatch: return "PHASE_MISMATCH";
                case Timeout: return "TIMEOUT";
                case Invalid: return "INVALID";
                case Busy: return "BUSY";
                case Cancelled: return "CANCELLED";
                case Reselected: return "RESELECTED";
                case Attention: return "ATTENTION";
                case Messages: return "MESSAGES";
                default: return "result " + result.ToString();
            }
        }

        /// <summary>A sentence for people.</summary>
        public static string Describe(int result)
        {
            switch (result)
            {
                case Ok: return "The command completed.";
                case SelectionTimeout: return "No device answered the selection within the selection timeout.";
                case ArbitrationLost: return "A device with a higher SCSI ID won the arbitration.";
                case ParityError: return "A byte arrived with a parity error.";
                case BusReset: return "The bus was reset while the command was running.";
                case UnexpectedDisconnect: return "The other device released the bus in the middle of the connection.";
                case PhaseMismatch: return "The target changed phase before all the requested bytes were moved.";
                case Timeout: return "The command did not complete within its timeout.";
                case Invalid: return "The command was refused: a bad argument, or the wrong role or phase for it.";
                case Busy: return "The controller is busy: a command is running or its completion has not been taken.";
                case Cancelled: return "The command was cancelled before it moved any byte.";
                case Reselected: return "A target reselected this controller before its selection could start.";
                case Attention: return "The initiator raised ATN; the messages it sent are in the completion.";
                case Messages: return "The initiator sent messages beyond IDENTIFY at selection; they are in the completion.";
                default: return "Unknown controller result " + result.ToString() + ".";
            }
        }
    }
}
