using System.Threading;
using ScsiBridge.Firmware.Emulation;
using ScsiBridge.Hal;

namespace ScsiBridge.Device
{
    /// <summary>
    /// Everything the application needs from the board, through the HAL: the seam where the
    /// board's HAL (Hal.Esp32, with the interop component) plugs in, and where the simulator
    /// plugs in for tests. Nothing here names a GPIO: BoardPins does, inside the HAL.
    /// </summary>
    public interface IBoard
    {
        IHalPlatform Platform { get; }

        /// <summary>A controller on the board's bus (the initiator adapter and the target side each take one).</summary>
        IScsiController CreateController(ControllerOptions options);

        /// <summary>The link to the PC.</summary>
        ILinkPort Link { get; }

        /// <summary>Direct access to the bus lines for the self-tests, or null.</summary>
        IBusLineProbe? Lines { get; }

        /// <summary>Disk images for target mode (the SD card), or null when the board has none.</summary>
        IImageLibrary? Images { get; }

        /// <summary>Starts a thread of the application (on the board a Thread; in simulation an instance of the scheduler).</summary>
        void StartThread(string name, ThreadStart body);

        /// <summary>Powers the on-board terminator (TERM_EN) or turns it off.</summary>
        void SetTermination(bool on);

        void SetStatusLed(bool on);

        /// <summary>Tells the watchdog the application is alive.</summary>
        void FeedWatchdog();
    }
}
