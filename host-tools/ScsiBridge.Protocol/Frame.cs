namespace ScsiBridge.Protocol
{
    /// <summary>
    /// One frame as the decoder delivers it: the header fields, the payload (in Buffer from
    /// PayloadOffset), or the reason it was refused (Error, a LinkErrors code). Reused by the
    /// decoder for the next frame.
    /// </summary>
    public sealed class Frame
    {
        public byte[] Buffer { get; private set; } = new byte[LinkConstants.MaxFrame];

        public int Version { get; internal set; }

        public int Type { get; internal set; }

        public int Flags { get; internal set; }

        public int Opcode { get; internal set; }

        public int RequestId { get; internal set; }

        public int PayloadLength { get; internal set; }

        public int PayloadOffset
        {
            get { return LinkConstants.HeaderSize; }
        }

        /// <summary>LinkErrors.None for a good frame.</summary>
        public int Error { get; internal set; }

        /// <summary>Whether RequestId and Opcode could be read from a refused frame.</summary>
        public bool HeaderReadable { get; internal set; }

        public bool IsRetransmission
        {
            get { return (Flags & FrameFlags.Retransmission) != 0; }
        }
    }
}
