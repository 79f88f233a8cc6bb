using System;

namespace ScsiBridge.Client.Transports
{
    /// <summary>
    /// The byte stream the link protocol runs over: the bridge's USB-UART port, or a
    /// pseudo-terminal to the simulator host. Bytes pass unchanged, 0x00 and XON/XOFF included.
    /// One thread may Read while another Writes; Dispose from any thread wakes both.
    /// </summary>
    public interface ILinkTransport : IDisposable
    {
        /// <summary>What the transport is connected to, for messages ("/dev/ttyUSB0").</summary>
        string Name { get; }

        /// <summary>
        /// False once disposed, or once a serial port hung up (a hung-up port never recovers and
        /// must be opened again).
        /// </summary>
        bool IsOpen { get; }

        /// <summary>
        /// Waits up to <paramref name="timeoutMs"/> milliseconds (negative: without limit) for data
        /// and reads what has arrived, at most <paramref name="count"/> bytes.
        /// </summary>
        /// <returns>The number of bytes read, 1 or more; 0 when the timeout passed with no data.</returns>
        /// <exception cref="LinkHangupException">The other end went away.</exception>
        /// <exception cref="LinkTransportException">Another system call failure.</exception>
        /// <exception cref="ObjectDisposedException">The transport was disposed, before or during the call.</exception>
        int Read(byte[] buffer, int offset, int count, int timeoutMs);

        /// <summary>
        /// Writes all <paramref name="count"/> bytes, blocking while the output buffer is full.
        /// Returns when the kernel holds them, not when they are on the wire.
        /// </summary>
        /// <exception cref="LinkHangupException">The other end went away.</exception>
        /// <exception cref="LinkTransportException">Another system call failure, or a stall past the transport's write timeout.</exception>
        /// <exception cref="ObjectDisposedException">The transport was disposed, before or during the call.</exception>
        void Write(byte[] buffer, int offset, int count);
    }
}
