using System;
using ScsiBridge.Hal.Buffers;

namespace ScsiBridge.Firmware.Adapter
{
    /// <summary>A request's data in one caller array: the simple case of a sink and a source.</summary>
    public sealed class ArrayData : IDataSink, IDataSource
    {
        public ArrayData(byte[] array, int offset)
        {
            if (array == null) throw new ArgumentNullException("array");
            if (offset < 0 || offset > array.Length) throw new ArgumentOutOfRangeException("offset", "the offset is outside the array");
            Array = array;
            Offset = offset;
        }

        public byte[] Array { get; private set; }

        public int Offset { get; private set; }

        /// <summary>Points the same object at other memory, so a caller can reuse it allocation-free.</summary>
        public void Reset(byte[] array, int offset)
        {
            if (array == null) throw new ArgumentNullException("array");
            if (offset < 0 || offset > array.Length) throw new ArgumentOutOfRangeException("offset", "the offset is outside the array");
            Array = array;
            Offset = offset;
        }

        public void Deliver(IoRequest request, int offset, RingBuffer buffer, int count)
        {
            int room = Array.Length - Offset - offset;
            if (room > 0) buffer.CopyOut(0, Array, Offset + offset, count < room ? count : room);
            buffer.Owner.Release(buffer);
        }

        public void Fill(IoRequest request, int offset, RingBuffer buffer, int count)
        {
            int available = Array.Length - Offset - offset;
            int n = count < available ? count : available;
            if (n > 0) buffer.CopyIn(0, Array, Offset + offset, n);
            if (n < 0) n = 0;
            if (n < count) buffer.Clear(n, count - n);  // the array ran out: zeros
        }
    }
}
