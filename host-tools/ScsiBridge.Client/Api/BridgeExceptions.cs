using System;
using ScsiBridge.Protocol;

namespace ScsiBridge.Client.Api
{
    /// <summary>Anything that went wrong talking to the bridge.</summary>
    public class BridgeException : Exception
    {
        public BridgeException(string message, Exception? inner = null) : base(message, inner)
        {
        }
    }

    /// <summary>The bridge refused a frame or request at the link level (bad CRC, unknown
    /// operation, not elevated...). Code is a LinkErrors value.</summary>
    public sealed class BridgeLinkException : BridgeException
    {
        public BridgeLinkException(string operation, int code, string text)
            : base(operation + ": " + LinkErrors.Name(code) + ": " + (text.Length > 0 ? text : LinkErrors.Describe(code)))
        {
            Code = code;
            Operation = operation;
        }

        public int Code { get; }

        public string Operation { get; }
    }

    /// <summary>An operation ran and failed with an errno (the adapter contract's errors).</summary>
    public sealed class BridgeErrnoException : BridgeException
    {
        public BridgeErrnoException(string operation, int errno)
            : base(operation + " failed: " + ErrnoText.Name(errno) + ": " + ErrnoText.Describe(errno))
        {
            Errno = errno;
            Operation = operation;
        }

        public int Errno { get; }

        public string Operation { get; }
    }

    /// <summary>No answer came, even after retransmissions: the bridge is gone or the port is wrong.</summary>
    public sealed class BridgeTimeoutException : BridgeException
    {
        public BridgeTimeoutException(string operation, int attempts)
            : base(operation + ": no answer from the bridge after " + attempts
                   + " attempts; check that the port is the bridge's and that it is powered (scsibridge ports lists candidates)")
        {
        }
    }

    /// <summary>A SCSI command ended with a status other than GOOD; carries what is known.</summary>
    public sealed class ScsiCommandException : BridgeException
    {
        public ScsiCommandException(ScsiResult result)
            : base("SCSI status 0x" + result.Status.ToString("X2") + (result.Sense != null ? ", sense " + result.Sense : "")
                   + (result.AdapterStatus != 0 ? ", adapter status " + result.AdapterStatus : ""))
        {
            Result = result;
        }

        public ScsiResult Result { get; }
    }

    /// <summary>The port is an ESP32 board, but the ScsiBridge firmware is not running on it:
    /// its boot ROM or nanoFramework answered. docs/board.md says how to flash and deploy.</summary>
    public sealed class BridgeNotFlashedException : BridgeException
    {
        public BridgeNotFlashedException(string port, Transports.PortAnswerKind answer, Exception inner)
            : base(port + ": " + Transports.PortAnswer.Describe(answer), inner)
        {
            Answer = answer;
        }

        public Transports.PortAnswerKind Answer { get; }
    }

    /// <summary>A read's data frames did not all arrive (line noise took one): the command ran,
    /// but the PC does not have all its data. Reading a disk again is safe; a tape's position
    /// has moved on, so its caller must find out where it is instead.</summary>
    public sealed class BridgeDataLostException : BridgeException
    {
        public BridgeDataLostException(int received, int expected)
            : base("EXECUTE: the read's data was damaged on the link after byte " + received + " of " + expected + "; read it again")
        {
            Received = received;
            Expected = expected;
        }

        public int Received { get; }

        public int Expected { get; }
    }
}
