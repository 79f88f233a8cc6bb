namespace ScsiBridge.Device
{
    /// <summary>
    /// The .NET build's stand-in for BoardHal.cs (the board's, which opens the interop component
    /// and exists only on nanoFramework): on .NET there is no board, and the application runs on
    /// the simulator through tests that hand it a SimBoard. Only ScsiBridge.Device.csproj
    /// compiles this file.
    /// </summary>
    internal static class BoardHal
    {
        public static IBoard? Open()
        {
            return null;
        }
    }
}
