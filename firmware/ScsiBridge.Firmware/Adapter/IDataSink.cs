using ScsiBridge.Hal.Buffers;

namespace ScsiBridge.Firmware.Adapter
{
    /// <summary>
    /// Where the data of a read goes, one ring buffer at a time. The offset is the byte's place in
    /// the command's data: after a target restores its pointers the same offset can come again,
    /// and the later delivery replaces the earlier. The sink owns the buffer from the call on and
    /// must give it back to its ring (at once, or after sending it on). Called on the adapter's
    /// bus thread: it must not block for long.
    /// </summary>
    public interface IDataSink
    {
        void Deliver(IoRequest request, int offset, RingBuffer buffer, int count);
    }
}
