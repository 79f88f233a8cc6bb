using System.Globalization;
using System.Runtime.InteropServices;

namespace ScsiBridge.Client.Transports
{
    /// <summary>
    /// Turns a failed system call into a typed exception whose message tells the user what happened
    /// and what to do next; the CLI prints these messages as they are.
    /// </summary>
    internal static class TransportErrors
    {
        /// <summary>open(2) of a port failed.</summary>
        public static LinkTransportException Open(string port, int errno)
        {
            string name = Errno.Name(errno);
            switch (errno)
            {
                case Errno.ENOENT:
                    return Make(port, "open", errno,
                        $"no such port {port} ({name}): check that the bridge is plugged in, then run `scsibridge ports` to list the ports present");
                case Errno.EACCES:
                case Errno.EPERM:
                    return Make(port, "open", errno,
                        $"permission denied on {port} ({name}): add yourself to the dialout group (sudo usermod -aG dialout $USER) and log in again");
                case Errno.EBUSY:
                    return new LinkPortBusyException(
                        $"port {port} is busy ({name}): another program opened it exclusively; close the other scsibridge " +
                        "or terminal program (screen, minicom, picocom) using it, or stop ModemManager if it grabbed the port, then try again",
                        port, "open", errno, name);
                case Errno.ENXIO:
                case Errno.ENODEV:
                    return Make(port, "open", errno,
                        $"no device answers behind {port} ({name}): the adapter was unplugged or its driver is not loaded; reconnect it and run `scsibridge ports`");
                case Errno.EISDIR:
                case Errno.ENOTDIR:
                    return NotATerminal(port, "open", errno);
                default:
                    return Generic(port, "open", errno);
            }
        }

        /// <summary>flock(2) of a port failed.</summary>
        public static LinkTransportException Lock(string port, int errno)
        {
            if (errno == Errno.EWOULDBLOCK)
            {
                return new LinkPortBusyException(
                    $"port {port} is busy (EWOULDBLOCK): another scsibridge or terminal program holds its lock; close that program, then try again",
                    port, "flock", errno, "EWOULDBLOCK");
            }

            return Generic(port, "flock", errno);
        }

        /// <summary>The port is not a terminal device, so it cannot be a serial port.</summary>
        public static LinkTransportException NotATerminal(string port, string operation, int errno)
        {
            return Make(port, operation, errno,
                $"{port} is not a serial port ({Errno.Name(errno)}): pass the bridge's tty, such as /dev/ttyUSB0 or /dev/ttyACM0; `scsibridge ports` lists them");
        }

        /// <summary>The driver refused the line settings, most often the baud rate.</summary>
        public static LinkTransportException Settings(string port, string operation, int errno, int baudRate)
        {
            if (errno == Errno.ENOTTY)
            {
                return NotATerminal(port, operation, errno);
            }

            if (errno == Errno.EINVAL)
            {
                string rate = baudRate.ToString(CultureInfo.InvariantCulture);
                return Make(port, operation, errno,
                    $"the driver of {port} refused {rate} baud 8N1 ({Errno.Name(errno)}): check that the USB-UART adapter supports this rate " +
                    "and that the bridge firmware was built for the same one");
            }

            return Io(port, operation, errno);
        }

        /// <summary>A read, write or poll failed.</summary>
        public static LinkTransportException Io(string port, string operation, int errno)
        {
            switch (errno)
            {
                case Errno.EIO:
                case Errno.ENXIO:
                case Errno.ENODEV:
                case Errno.EPIPE:
                    return Hangup(port, operation, errno);
                default:
                    return Generic(port, operation, errno);
            }
        }

        /// <summary>The device behind a serial port went away.</summary>
        public static LinkHangupException Hangup(string port, string operation, int errno)
        {
            string name = errno == 0 ? "hang-up" : Errno.Name(errno);
            return new LinkHangupException(
                $"{port} hung up ({name}): the adapter was unplugged or reset, or the other end closed it; reconnect and open the port again",
                port, operation, errno, errno == 0 ? string.Empty : name);
        }

        /// <summary>A write could not finish in time because the other side does not take data.</summary>
        public static LinkTransportException WriteStalled(string port, int timeoutMs, bool rtsCts)
        {
            string advice = rtsCts
                ? "the bridge holds CTS off: check the RTS/CTS wiring, or open the port without RTS/CTS"
                : "the other side is not reading";
            return Make(port, "write", Errno.ETIMEDOUT,
                $"write to {port} stalled for {timeoutMs.ToString(CultureInfo.InvariantCulture)} ms (ETIMEDOUT): {advice}");
        }

        public static LinkTransportException Generic(string port, string operation, int errno)
        {
            return Make(port, operation, errno,
                $"{operation} on {port} failed: {Marshal.GetPInvokeErrorMessage(errno)} ({Errno.Name(errno)})");
        }

        private static LinkTransportException Make(string port, string operation, int errno, string message)
        {
            return new LinkTransportException(message, port, operation, errno, Errno.Name(errno));
        }
    }
}
