using System.Device.Gpio;

namespace ScsiBridge.Hal.Esp32.Interop
{
    /// <summary>The slow lines through System.Device.Gpio: each GPIO opened as an output the first
    /// time it is written (two lines, so a short array, no collection).</summary>
    internal sealed class GpioBoardLines : IBoardLines
    {
        private readonly GpioController _gpio = new GpioController();
        private readonly GpioPin?[] _pins = new GpioPin?[49];

        public void Write(int gpio, bool high)
        {
            GpioPin? pin = _pins[gpio];
            if (pin == null)
            {
                pin = _gpio.OpenPin(gpio, PinMode.Output);
                _pins[gpio] = pin;
            }

            pin.Write(high ? PinValue.High : PinValue.Low);
        }
    }
}
