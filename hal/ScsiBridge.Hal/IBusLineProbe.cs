namespace ScsiBridge.Hal
{
    /// <summary>
    /// Direct access to the 18 bus lines for the board's self-test: pin loopback with the cable
    /// unplugged and the bus terminated. One call asserts a set of lines, lets them settle, reads
    /// all 18 back and releases them again, so the whole pattern is native work. Never used while
    /// the controller runs a command: the controller owns the lines then.
    /// </summary>
    public interface IBusLineProbe
    {
        /// <summary>Asserts exactly the lines in <paramref name="assert"/> (ScsiLines bits),
        /// releases the others, returns the lines read back, and releases every line.</summary>
        uint DriveAndRead(uint assert);
    }
}
