using ScsiBridge.Hal;
using ScsiBridge.Hal.Buffers;
using ScsiBridge.Hal.DataPlane;
using ScsiBridge.Protocol;

namespace ScsiBridge.Firmware.Link
{
    /// <summary>
    /// The receive half of the link: bytes in, frames out. With the platform's native receiver
    /// (the board, the simulator) the delimiting, COBS and CRC-32C run natively, a data frame's
    /// bytes go from the receiver straight into a ring slot (<see cref="PayloadToRing"/>) and only
    /// control frames, and a data frame's 4-byte offset, come into managed memory. Without one,
    /// ScsiBridge.Protocol's FrameDecoder does the work. Either way the current frame reads the
    /// same, with the same verdicts. One thread (the port's reader) feeds it.
    /// </summary>
    internal sealed class LinkReceiver
    {
        /// <summary>The part of a data frame's payload copied to managed memory: its offset field.</summary>
        public const int DataPrefix = 4;

        private readonly FrameDecoder? _decoder;
        private readonly IFrameReceiver? _native;
        private readonly byte[] _payload;

        public LinkReceiver(IHalPlatform platform)
        {
            if (platform.DataPlane != null)
            {
                _native = platform.DataPlane.CreateReceiver();
                _payload = new byte[LinkConstants.MaxPayload];
            }
            else
            {
                _decoder = new FrameDecoder();
                _payload = _decoder.Current.Buffer;
            }
        }

        /// <summary>True when the native receiver does the byte work.</summary>
        public bool IsNative
        {
            get { return _native != null; }
        }

        // The current frame (valid once Feed reported one complete, until the next).
        public int Error { get; private set; }
        public bool HeaderReadable { get; private set; }
        public int Type { get; private set; }
        public int Flags { get; private set; }
        public int Opcode { get; private set; }
        public int RequestId { get; private set; }
        public int PayloadLength { get; private set; }

        /// <summary>The payload in managed memory, from <see cref="PayloadOffset"/>: all of a control
        /// frame's; of a native data frame only its first <see cref="DataPrefix"/> bytes.</summary>
        public byte[] Payload
        {
            get { return _payload; }
        }

        public int PayloadOffset { get; private set; }

        /// <summary>Data frame payloads moved from the native receiver straight into a ring slot.</summary>
        public int SlotDeliveries { get; private set; }

        public bool IsRetransmission
        {
            get { return (Flags & FrameFlags.Retransmission) != 0; }
        }

        // Counters by verdict (STATISTICS).
        public int BadCrc { get { return _native != null ? _native.BadCrc : _decoder!.BadCrc; } }
        public int BadCobs { get { return _native != null ? _native.BadCobs : _decoder!.BadCobs; } }
        public int Short { get { return _native != null ? _native.Short : _decoder!.Short; } }
        public int BadLength { get { return _native != null ? _native.BadLength : _decoder!.BadLength; } }
        public int TooLarge { get { return _native != null ? _native.TooLarge : _decoder!.TooLarge; } }

        /// <summary>Consumes bytes until a frame ends (complete) or the input is used up; returns
        /// how many it consumed.</summary>
        public int Feed(byte[] data, int offset, int count, out bool complete)
        {
            if (_decoder != null)
            {
                int used = _decoder.Feed(data, offset, count, out complete);
                if (complete)
                {
                    Frame f = _decoder.Current;
                    Error = f.Error;
                    HeaderReadable = f.HeaderReadable;
                    Type = f.Type;
                    Flags = f.Flags;
                    Opcode = f.Opcode;
                    RequestId = f.RequestId;
                    PayloadLength = f.PayloadLength;
                    PayloadOffset = f.PayloadOffset;
                }
                return used;
            }
            IFrameReceiver rx = _native!;
            int n = rx.Feed(data, offset, count, out complete);
            if (complete)
            {
                Error = rx.Error;
                HeaderReadable = rx.HeaderReadable;
                Type = rx.Type;
                Flags = rx.Flags;
                Opcode = rx.Opcode;
                RequestId = rx.RequestId;
                PayloadLength = rx.PayloadLength;
                PayloadOffset = 0;
                if (Error == LinkErrors.None)
                {
                    // A data frame's bytes stay in the receiver until PayloadToRing; control
                    // frames (at most 4096 bytes, usually a few dozen) come over whole.
                    int take = Type == FrameType.Data && PayloadLength > DataPrefix ? DataPrefix : PayloadLength;
                    int rc = rx.PayloadOut(0, _payload, 0, take);
                    if (rc != FrameStatus.Ok) throw new System.InvalidOperationException("native receiver: " + FrameStatus.Describe(rc));
                }
            }
            return n;
        }

        /// <summary>Copies count bytes of the current good frame's payload, from payloadOffset, into
        /// the ring buffer at at: natively, receiver to slot, when both are native.</summary>
        public void PayloadToRing(RingBuffer buffer, int at, int payloadOffset, int count)
        {
            if (_native == null)
            {
                buffer.CopyIn(at, _payload, PayloadOffset + payloadOffset, count);
                return;
            }
            int rc = buffer.IsNative
                ? _native.PayloadToSlot(buffer.Slots!, buffer.Handle, at, payloadOffset, count)
                : _native.PayloadOut(payloadOffset, buffer.Data, at, count);
            if (rc != FrameStatus.Ok) throw new System.InvalidOperationException("ring buffer " + buffer.Index.ToString() + ": " + FrameStatus.Describe(rc));
            if (buffer.IsNative) SlotDeliveries++;
        }
    }
}
