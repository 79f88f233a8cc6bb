using ScsiBridge.Hal.Buffers;
using ScsiBridge.Hal.DataPlane;

namespace ScsiBridge.Hal.Esp32
{
    /// <summary>Data frames encoded by the interop component straight from a slot of the board's
    /// ring (sb/frame_codec.h): the payload bytes are read once, natively, where they lie.</summary>
    public sealed class Esp32FrameEncoder : IDataFrameEncoder
    {
        private readonly IFrameCodecInterop _native;
        private readonly int[] _header = new int[4];

        internal Esp32FrameEncoder(IFrameCodecInterop native)
        {
            _native = native;
        }

        public int EncodeFromSlot(int type, int flags, int opcode, int requestId, byte[] prefix, int prefixOffset, int prefixCount,
                                  ISlotRing ring, int handle, int slotOffset, int count, byte[] output, int outputOffset)
        {
            Esp32SlotRing? board = ring as Esp32SlotRing;
            if (board == null || !Esp32SlotRing.Fits(prefix, prefixOffset, prefixCount) || output == null
                || outputOffset < 0 || outputOffset > output.Length || slotOffset < 0 || count < 0)
            {
                return FrameStatus.BadArgument;
            }

            if (type < 0 || type > 255 || flags < 0 || flags > 255 || opcode < 0 || opcode > 255 || requestId < 0 || requestId > 0xFFFF)
            {
                return FrameStatus.BadArgument;
            }

            _header[0] = type;
            _header[1] = flags;
            _header[2] = opcode;
            _header[3] = requestId;
            lock (board.SyncRoot)
            {
                return _native.EncodeFromSlot(_header, prefix, prefixOffset, prefixCount, handle, slotOffset, count, output, outputOffset);
            }
        }
    }
}
