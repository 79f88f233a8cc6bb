using ScsiBridge.Hal.Buffers;

namespace ScsiBridge.Hal.DataPlane
{
    /// <summary>
    /// Encodes data frames of the link (docs/protocol.md, "Frames": header, payload, CRC-32C,
    /// COBS, delimiter) natively, the payload being a short prefix from managed memory (a data
    /// frame's offset field) followed by a range of a ring slot, read where it lies. Byte for
    /// byte what ScsiBridge.Protocol's FrameWriter writes. Not shared between threads.
    /// </summary>
    public interface IDataFrameEncoder
    {
        /// <summary>
        /// The encoded frame, delimiter included, in output from outputOffset; returns its length,
        /// or a negative FrameStatus or RingStatus (nothing usable written). output needs
        /// FrameStatus.MaxEncoded bytes from outputOffset.
        /// </summary>
        int EncodeFromSlot(int type, int flags, int opcode, int requestId, byte[] prefix, int prefixOffset, int prefixCount,
                           ISlotRing ring, int handle, int slotOffset, int count, byte[] output, int outputOffset);
    }
}
