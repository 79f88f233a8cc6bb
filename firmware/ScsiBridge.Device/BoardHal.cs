using System.Diagnostics;
using ScsiBridge.Hal;
using ScsiBridge.Hal.Esp32;
using ScsiBridge.Hal.Esp32.Interop;

namespace ScsiBridge.Device
{
    /// <summary>
    /// Where the board's HAL plugs in: hal/ScsiBridge.Hal.Esp32 over its interop component, with
    /// the slow lines' GPIOs from the generated BoardPins (board/pins.csv). A nanoCLR built
    /// without the component, or one that refuses to start it, gives null and the reason on the
    /// debug channel. This file is built for the board only (Dotnet/BoardHal.cs stands in on .NET).
    /// </summary>
    internal static class BoardHal
    {
        public static IBoard? Open()
        {
            try
            {
                Esp32Hal hal = NativeHal.Open(BoardPins.TermEn, BoardPins.TermEnActiveHigh, BoardPins.StatusLed, BoardPins.StatusLedActiveHigh);
                return new Esp32Board(hal);
            }
            catch (HalException e)
            {
                Debug.WriteLine("ScsiBridge: " + e.Message);
                return null;
            }
        }
    }
}
