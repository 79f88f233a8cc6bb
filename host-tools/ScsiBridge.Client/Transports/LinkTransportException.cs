using System;
using System.IO;

namespace ScsiBridge.Client.Transports
{
    /// <summary>
    /// A link transport failed. When a system call failed, <see cref="Errno"/> and
    /// <see cref="ErrnoName"/> say which error it returned; the message says what to do about it.
    /// </summary>
    public class LinkTransportException : IOException
    {
        public LinkTransportException(string message)
            : base(message)
        {
            ErrnoName = string.Empty;
        }

        public LinkTransportException(string message, Exception innerException)
            : base(message, innerException)
        {
            ErrnoName = string.Empty;
        }

        public LinkTransportException(string message, string? portName, string? operation, int errno, string errnoName)
            : base(message)
        {
            PortName = portName;
            Operation = operation;
            Errno = errno;
            ErrnoName = errnoName;
        }

        /// <summary>The port or pseudo-terminal the failure concerns, when there is one.</summary>
        public string? PortName { get; }

        /// <summary>The system call that failed ("open", "flock", "read"...), when one did.</summary>
        public string? Operation { get; }

        /// <summary>The errno value, or 0 when no system call failed.</summary>
        public int Errno { get; }

        /// <summary>The errno's symbolic name ("EACCES"), or empty when no system call failed.</summary>
        public string ErrnoName { get; }
    }
}
