namespace ScsiBridge.Hal.Esp32
{
    /// <summary>The board's slow output lines by GPIO number (System.Device.Gpio on the board,
    /// Interop/GpioBoardLines; a fake in tests).</summary>
    public interface IBoardLines
    {
        void Write(int gpio, bool high);
    }
}
