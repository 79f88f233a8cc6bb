using ScsiBridge.Hal.Buffers;

namespace ScsiBridge.Hal.DataPlane
{
    /// <summary>
    /// The platform's native data plane (DESIGN.md, "Control plane and data plane"): the pinned
    /// ring and the link's frame codec, run as native code on the board and in the simulator.
    /// Called at start-up only: each call makes an object that lives as long as the firmware.
    /// </summary>
    public interface IDataPlane
    {
        /// <summary>A ring of slots slots of slotSize bytes, its memory allocated once, here.</summary>
        ISlotRing CreateRing(int slots, int slotSize);

        IDataFrameEncoder CreateEncoder();

        IFrameReceiver CreateReceiver();
    }
}
