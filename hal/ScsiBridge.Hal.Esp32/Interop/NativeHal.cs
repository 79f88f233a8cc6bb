using System;
using nanoFramework.Runtime.Events;

namespace ScsiBridge.Hal.Esp32.Interop
{
    /// <summary>
    /// Opens the board's HAL over the interop component and subscribes it to nanoFramework's
    /// custom events, through which the component announces completions and link data.
    /// </summary>
    public static class NativeHal
    {
        private static Esp32Hal? s_hal;

        /// <summary>The HAL, opened once. Throws InteropMissingException when the running nanoCLR
        /// was built without the interop component, Esp32InteropException when it refuses.</summary>
        public static Esp32Hal Open(int termEnGpio, bool termEnActiveHigh, int statusLedGpio, bool statusLedActiveHigh)
        {
            if (s_hal != null)
            {
                return s_hal;
            }

            var lines = new SlowLines(new GpioBoardLines(), termEnGpio, termEnActiveHigh, statusLedGpio, statusLedActiveHigh);
            Esp32Hal hal;
            try
            {
                hal = new Esp32Hal(new NativeController(), new NativeRing(), new NativeFrameCodec(), new NativeLinkPort(), lines);
            }
            catch (NotImplementedException e)
            {
                throw new InteropMissingException("opening the board's HAL", e);
            }

            CustomEvent.CustomEventPosted += OnCustomEvent;
            s_hal = hal;
            return hal;
        }

        private static void OnCustomEvent(object sender, CustomEventArgs e)
        {
            Esp32Hal? hal = s_hal;
            if (hal != null)
            {
                hal.OnCustomEvent(e.Data1, e.Data2);
            }
        }
    }
}
