namespace ScsiBridge.Firmware.Target
{
    /// <summary>
    /// How a logical unit moves its command's data: through the target engine, which runs the
    /// DATA IN and DATA OUT phases (synchronously when agreed, disconnecting when it must wait).
    /// Each call may be repeated for a long transfer; the phase stays open between calls.
    /// </summary>
    public interface ITargetIo
    {
        /// <summary>DATA IN: sends count bytes of buffer from offset. Errno.Ok, or the reason the
        /// transfer stopped (ECANCELED: the host raised ATN and aborted; EIO: bus reset, parity).</summary>
        int Send(byte[] buffer, int offset, int count);

        /// <summary>DATA OUT: receives count bytes into buffer at offset. Errno.Ok, or why it stopped.</summary>
        int Receive(byte[] buffer, int offset, int count);

        /// <summary>A buffer of the fixed ring for the unit's data; null when none is free now.
        /// Give it back with <see cref="ReleaseBuffer"/>.</summary>
        ScsiBridge.Hal.Buffers.RingBuffer? AcquireBuffer();

        /// <summary>Waits for a free ring buffer, disconnecting from the bus meanwhile when the host
        /// allows it (so that a slow consumer never stalls the bus); null if the command was ended.</summary>
        ScsiBridge.Hal.Buffers.RingBuffer? WaitForBuffer();

        /// <summary>Waits until some buffer of the ring comes back, disconnecting meanwhile when
        /// allowed; false when the command was ended while waiting.</summary>
        bool WaitForRelease();

        void ReleaseBuffer(ScsiBridge.Hal.Buffers.RingBuffer buffer);

        /// <summary>The host may let the unit disconnect while it waits (IDENTIFY bit 6).</summary>
        bool MayDisconnect { get; }
    }
}
