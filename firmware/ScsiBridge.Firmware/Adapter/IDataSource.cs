using ScsiBridge.Hal.Buffers;

namespace ScsiBridge.Firmware.Adapter
{
    /// <summary>
    /// Where the data of a write comes from: copies count bytes of the command's outgoing data,
    /// starting at offset, into the ring buffer from its start (with RingBuffer.CopyIn or CopyTo,
    /// so a native ring's slot is filled natively). Called on the adapter's bus thread.
    /// </summary>
    public interface IDataSource
    {
        void Fill(IoRequest request, int offset, RingBuffer buffer, int count);
    }
}
