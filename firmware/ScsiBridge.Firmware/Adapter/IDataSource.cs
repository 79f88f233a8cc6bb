namespace ScsiBridge.Firmware.Adapter
{
    /// <summary>
    /// Where the data of a write comes from: copies count bytes of the command's outgoing data,
    /// starting at offset, into buffer. Called on the adapter's bus thread.
    /// </summary>
    public interface IDataSource
    {
        void Fill(IoRequest request, int offset, byte[] buffer, int count);
    }
}
