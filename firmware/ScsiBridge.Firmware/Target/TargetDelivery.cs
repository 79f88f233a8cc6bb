using ScsiBridge.Hal.Buffers;

namespace ScsiBridge.Firmware.Target
{
    /// <summary>
    /// Data a host sent through a target path (one ring buffer of it), handed to the path's
    /// receiver. The receiver owns the buffer until it calls <see cref="TargetPath.Free"/> (the
    /// free routine). One object per ring buffer, made at start-up.
    /// </summary>
    public sealed class TargetDelivery
    {
        public const int ParityError = 1;
        public const int Truncated = 2;
        public const int BusReset = 4;

        public int InitiatorId { get; internal set; }

        /// <summary>The value given when the path was opened, with every delivery.</summary>
        public int Correlator { get; internal set; }

        public RingBuffer? Buffer { get; internal set; }

        /// <summary>Bytes of the buffer that hold data.</summary>
        public int Count { get; internal set; }

        /// <summary>ParityError, Truncated, BusReset bits; 0 when the data is whole and good.</summary>
        public int Errors { get; internal set; }

        /// <summary>Where this piece sits in the host's SEND command.</summary>
        public int Offset { get; internal set; }

        public TargetPath? Path { get; internal set; }
    }
}
