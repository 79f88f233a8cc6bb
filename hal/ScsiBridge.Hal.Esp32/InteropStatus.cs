using System;

namespace ScsiBridge.Hal.Esp32
{
    /// <summary>
    /// The interop component's own status codes (negative, apart from RingStatus and FrameStatus,
    /// which its ring and codec calls pass through), their names, and the exception each becomes
    /// with a sentence that says what to do. Keep in step with sb_nf/interop_layout.h.
    /// </summary>
    public static class InteropStatus
    {
        public const int Ok = 0;
        /// <summary>An array from managed code is too short for the layout, or a count is negative.</summary>
        public const int BadArgument = -32;
        /// <summary>The component was never started, or its start failed.</summary>
        public const int NotStarted = -33;
        public const int NoSuchController = -34;
        /// <summary>Every controller the component runs is open.</summary>
        public const int NoControllerFree = -35;
        /// <summary>The pin table was refused; nothing was driven.</summary>
        public const int PinsRefused = -36;
        /// <summary>The ring asked for is larger than the component's fixed ring memory.</summary>
        public const int NoMemory = -37;
        /// <summary>The command queue to the bus loop is full (a command without its completion taken).</summary>
        public const int QueueFull = -38;
        /// <summary>This firmware build has no link channel.</summary>
        public const int NoLink = -39;
        /// <summary>The link channel failed (the PC went away).</summary>
        public const int LinkClosed = -40;
        /// <summary>The ring or the receiver was already created (the board has one of each).</summary>
        public const int AlreadyCreated = -41;

        public static string Name(int status)
        {
            switch (status)
            {
                case Ok: return "OK";
                case BadArgument: return "BAD_ARGUMENT";
                case NotStarted: return "NOT_STARTED";
                case NoSuchController: return "NO_SUCH_CONTROLLER";
                case NoControllerFree: return "NO_CONTROLLER_FREE";
                case PinsRefused: return "PINS_REFUSED";
                case NoMemory: return "NO_MEMORY";
                case QueueFull: return "QUEUE_FULL";
                case NoLink: return "NO_LINK";
                case LinkClosed: return "LINK_CLOSED";
                case AlreadyCreated: return "ALREADY_CREATED";
                default: return "status " + status.ToString();
            }
        }

        /// <summary>A sentence a person can act on.</summary>
        public static string Describe(int status)
        {
            switch (status)
            {
                case Ok: return "ok";
                case BadArgument: return "an array handed to the interop component is shorter than its layout, or a count is negative (a bug in ScsiBridge.Hal.Esp32)";
                case NotStarted: return "the interop component has not started: the bus loop is not running on core 1 (see the debug channel for why it did not start)";
                case NoSuchController: return "no controller with that index is open in the interop component";
                case NoControllerFree: return "the interop component runs at most two controllers (the initiator adapter and the target side), and both are open";
                case PinsRefused: return "the board's pin table was refused and nothing was driven: regenerate board_pins.h from board/pins.csv and rebuild the firmware";
                case NoMemory: return "the ring asked for is larger than the interop component's fixed ring memory: ask for fewer or smaller slots (the firmware's AdapterConfig)";
                case QueueFull: return "the command queue to the bus loop is full: a command was submitted before the previous completion was taken";
                case NoLink: return "this firmware build has no link channel to the PC: build nf-interpreter with the link channel of board/ (docs/board.md)";
                case LinkClosed: return "the link to the PC is closed: reconnect the cable or reopen the port";
                case AlreadyCreated: return "the board has one native ring and one frame receiver, and it was created already";
                default: return "interop status " + status.ToString();
            }
        }

        /// <summary>Throws the exception that names a negative status; a status of zero or more returns it.</summary>
        public static int Check(int status, string operation)
        {
            if (status >= 0)
            {
                return status;
            }

            if (status > BadArgument)
            {
                // A ring or codec status from a call that has no way to report it otherwise.
                throw new Esp32InteropException(status, operation + ": " + DataPlane.FrameStatus.Describe(status));
            }

            throw new Esp32InteropException(status, operation + ": " + Name(status) + ": " + Describe(status));
        }
    }
}
