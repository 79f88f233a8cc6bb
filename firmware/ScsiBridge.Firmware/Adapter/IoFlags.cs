namespace ScsiBridge.Firmware.Adapter
{
    /// <summary>Flags of an <see cref="IoRequest"/> (the sc_iocmd flags).</summary>
    public static class IoFlags
    {
        /// <summary>The data moves from the device to the host (B_READ).</summary>
        public const int Read = 1;

        /// <summary>IDENTIFY without the disconnect privilege: the device must stay on the bus.</summary>
        public const int NoDisconnect = 2;
    }
}
