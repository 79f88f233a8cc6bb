using ScsiBridge.Hal.Buffers;
using ScsiBridge.Hal.DataPlane;

namespace ScsiBridge.Hal.Esp32
{
    /// <summary>The board's native data plane: one ring in the interop component's fixed memory,
    /// the codec, one receiver. Called at start-up only (IDataPlane).</summary>
    public sealed class Esp32DataPlane : IDataPlane
    {
        private readonly IRingInterop _ring;
        private readonly IFrameCodecInterop _codec;

        internal Esp32DataPlane(IRingInterop ring, IFrameCodecInterop codec)
        {
            _ring = ring;
            _codec = codec;
        }

        public ISlotRing CreateRing(int slots, int slotSize)
        {
            if (slots <= 0 || slots > 256)
            {
                throw new System.ArgumentOutOfRangeException("slots", "the board's ring has 1 to 256 slots");
            }

            if (slotSize <= 0)
            {
                throw new System.ArgumentOutOfRangeException("slotSize", "a ring slot holds at least one byte");
            }

            InteropStatus.Check(_ring.Create(slots, slotSize), "creating the ring of " + slots.ToString() + " slots of " + slotSize.ToString() + " bytes");
            return new Esp32SlotRing(_ring, slots, slotSize);
        }

        public IDataFrameEncoder CreateEncoder()
        {
            return new Esp32FrameEncoder(_codec);
        }

        public IFrameReceiver CreateReceiver()
        {
            InteropStatus.Check(_codec.CreateReceiver(), "creating the frame receiver");
            return new Esp32FrameReceiver(_codec);
        }
    }
}
