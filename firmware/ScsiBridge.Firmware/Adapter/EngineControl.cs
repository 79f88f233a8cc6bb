using ScsiBridge.Hal;

namespace ScsiBridge.Firmware.Adapter
{
    /// <summary>
    /// An operation the bus thread must carry out for a caller on another thread (SCIOLHALT,
    /// the BUS DEVICE RESET of SCIOLRESET). One per device slot, made at start-up.
    /// </summary>
    internal sealed class EngineControl
    {
        public const int Halt = 1;
        public const int DeviceReset = 2;

        public readonly IHalSignal Done;
        public readonly int Slot;
        public int Kind;
        public bool Pending;
        public int Result;

        public EngineControl(int slot, IHalSignal done)
        {
            Slot = slot;
            Done = done;
        }
    }
}
