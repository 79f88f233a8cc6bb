namespace ScsiBridge.Device
{
    /// <summary>
    /// Where the board's HAL plugs in. hal/ScsiBridge.Hal.Esp32 and its interop component are
    /// not written yet; when they are, Open returns their IBoard. Until then a build of this
    /// application starts, says so on the debug channel, and does nothing else.
    /// </summary>
    internal static class BoardHal
    {
        public static IBoard? Open()
        {
            return null;
        }
    }
}
