using ScsiBridge.Hal.Buffers;
using ScsiBridge.Hal.DataPlane;

namespace ScsiBridge.Hal.Sim
{
    /// <summary>The simulator's data plane: the native ring and frame codec of hal/native, the
    /// code the board runs, through the simulator library.</summary>
    public sealed class SimDataPlane : IDataPlane
    {
        public ISlotRing CreateRing(int slots, int slotSize)
        {
            return new NativeSlotRing(slots, slotSize);
        }

        public IDataFrameEncoder CreateEncoder()
        {
            return new NativeFrameEncoder();
        }

        public IFrameReceiver CreateReceiver()
        {
            return new NativeFrameReceiver();
        }
    }
}
