using ScsiBridge.Hal.Buffers;

namespace ScsiBridge.Hal.DataPlane
{
    /// <summary>
    /// The link's receive half in native code: splits the byte stream at delimiters, decodes each
    /// frame and gives the same verdict as ScsiBridge.Protocol's FrameDecoder (LinkErrors codes).
    /// A good data frame's payload goes straight into a ring slot with <see cref="PayloadToSlot"/>;
    /// a control frame's is copied out with <see cref="PayloadOut"/>. Not shared between threads.
    /// </summary>
    public interface IFrameReceiver
    {
        /// <summary>Consumes bytes until a frame ends (complete true: the properties below describe
        /// it) or the input is used up. Returns how many bytes it consumed; feed the rest next.</summary>
        int Feed(byte[] data, int offset, int count, out bool complete);

        /// <summary>0 for a good frame, else the LinkErrors code it was refused with.</summary>
        int Error { get; }

        /// <summary>Whether the header fields could be read (also from a refused frame).</summary>
        bool HeaderReadable { get; }

        int Version { get; }
        int Type { get; }
        int Flags { get; }
        int Opcode { get; }
        int RequestId { get; }
        int PayloadLength { get; }

        /// <summary>Copies payload bytes of the current good frame into managed memory; a FrameStatus.</summary>
        int PayloadOut(int payloadOffset, byte[] destination, int destinationOffset, int count);

        /// <summary>Copies payload bytes of the current good frame into a ring slot; a FrameStatus or
        /// RingStatus (FrameStatus.LongerThanSlot when count exceeds a slot).</summary>
        int PayloadToSlot(ISlotRing ring, int handle, int slotOffset, int payloadOffset, int count);

        /// <summary>Counters by verdict, for STATISTICS.</summary>
        int Frames { get; }
        int BadCrc { get; }
        int BadCobs { get; }
        int Short { get; }
        int BadVersion { get; }
        int BadLength { get; }
        int TooLarge { get; }

        /// <summary>Forgets a partly received frame (the port was reopened); counters stay.</summary>
        void Reset();
    }
}
