namespace ScsiBridge.Hal
{
    /// <summary>The controller's commands (sb_op in command.h).</summary>
    public static class ControllerOp
    {
        public const int None = 0;

        // Initiator role.

        /// <summary>Arbitrate and select PeerId (flags: Atn, NoArbitration, NoRetry).</summary>
        public const int Select = 1;
        /// <summary>Send Bytes in MESSAGE OUT; ATN is released before the last byte.</summary>
        public const int MessageOut = 2;
        /// <summary>Send the CDB in Bytes in COMMAND.</summary>
        public const int CommandOut = 3;
        /// <summary>Move Length bytes in the current DATA phase, in or out.</summary>
        public const int Transfer = 4;
        /// <summary>Receive one whole message; ACK stays asserted on its last byte.</summary>
        public const int MessageIn = 5;
        /// <summary>Release the ACK held by MessageIn.</summary>
        public const int AcceptMessage = 6;
        public const int SetAtn = 7;
        public const int ClearAtn = 8;
        /// <summary>Answer a reselection by any target.</summary>
        public const int WaitReselect = 9;
        /// <summary>Assert RST for the reset hold time.</summary>
        public const int ResetBus = 10;
        /// <summary>Record the synchronous agreement with PeerId (offset 0 = asynchronous).</summary>
        public const int SetSync = 11;
        /// <summary>Receive the status byte.</summary>
        public const int StatusIn = 12;

        // Target role.

        /// <summary>Answer selection on IdMask unattended; take IDENTIFY and the CDB.</summary>
        public const int EnableSelection = 20;
        /// <summary>Go to COMMAND and take a CDB (after handling messages).</summary>
        public const int ReceiveCommand = 21;
        /// <summary>DATA IN: Length bytes from the buffer.</summary>
        public const int SendData = 22;
        /// <summary>DATA OUT: Length bytes into the buffer.</summary>
        public const int ReceiveData = 23;
        /// <summary>STATUS: StatusByte.</summary>
        public const int SendStatus = 24;
        /// <summary>MESSAGE IN: Bytes.</summary>
        public const int SendMessage = 25;
        /// <summary>MESSAGE OUT: take messages while ATN stays asserted.</summary>
        public const int ReceiveMessage = 26;
        /// <summary>Release every line: bus free.</summary>
        public const int Disconnect = 27;
        /// <summary>Arbitrate and reselect initiator PeerId as the ID in IdMask (0 = own ID).</summary>
        public const int Reselect = 28;

        /// <summary>True for the commands that move data through the command's buffer.</summary>
        public static bool UsesBuffer(int op)
        {
            return op == Transfer || op == SendData || op == ReceiveData;
        }

        /// <summary>Display name (nanoFramework has no Enum.ToString for this).</summary>
        public static string Name(int op)
        {
            switch (op)
            {
                case None: return "NONE";
                case Select: return "SELECT";
                case MessageOut: return "MESSAGE_OUT";
                case CommandOut: return "COMMAND_OUT";
                case Transfer: return "TRANSFER";
                case MessageIn: return "MESSAGE_IN";
                case AcceptMessage: return "ACCEPT_MESSAGE";
                case SetAtn: return "SET_ATN";
                case ClearAtn: return "CLEAR_ATN";
                case WaitReselect: return "WAIT_RESELECT";
                case ResetBus: return "RESET_BUS";
                case SetSync: return "SET_SYNC";
                case StatusIn: return "STATUS_IN";
                case EnableSelection: return "ENABLE_SELECTION";
                case ReceiveCommand: return "RECEIVE_COMMAND";
                case SendData: return "SEND_DATA";
                case ReceiveData: return "RECEIVE_DATA";
                case SendStatus: return "SEND_STATUS";
                case SendMessage: return "SEND_MESSAGE";
                case ReceiveMessage: return "RECEIVE_MESSAGE";
                case Disconnect: return "DISCONNECT";
                case Reselect: return "RESELECT";
                default: return "op " + op.ToString();
            }
        }
    }
}
