using System;
using ScsiBridge.Firmware.Target;

namespace ScsiBridge.Firmware.Emulation
{
    /// <summary>
    /// A medium held in a byte array: a RAM disk, or the image of a test. Reads and writes are
    /// whole or refused (false), never partial; a read-only store refuses every write.
    /// Allocates nothing after construction.
    /// </summary>
    public sealed class MemoryBlockStore : IBlockStore
    {
        private readonly byte[] _data;
        private readonly object _lock = new object();

        /// <summary>A zero-filled medium of <paramref name="length"/> bytes.</summary>
        public MemoryBlockStore(int length, bool readOnly)
        {
            if (length < 0) throw new ArgumentOutOfRangeException("length", "a medium cannot have a negative size");
            _data = new byte[length];
            ReadOnly = readOnly;
        }

        /// <summary>A medium over <paramref name="data"/> itself (not a copy).</summary>
        public MemoryBlockStore(byte[] data, bool readOnly)
        {
            if (data == null) throw new ArgumentNullException("data");
            _data = data;
            ReadOnly = readOnly;
        }

        public long Length
        {
            get { return _data.Length; }
        }

        public bool ReadOnly { get; private set; }

        /// <summary>The bytes of the medium (the array itself).</summary>
        public byte[] Data
        {
            get { return _data; }
        }

        public bool Read(long position, byte[] buffer, int offset, int count)
        {
            if (!InRange(position, buffer, offset, count)) return false;
            lock (_lock)
            {
                Array.Copy(_data, (int)position, buffer, offset, count);
            }
            return true;
        }

        public bool Write(long position, byte[] buffer, int offset, int count)
        {
            if (ReadOnly || !InRange(position, buffer, offset, count)) return false;
            lock (_lock)
            {
                Array.Copy(buffer, offset, _data, (int)position, count);
            }
            return true;
        }

        public bool Flush()
        {
            return true;
        }

        private bool InRange(long position, byte[] buffer, int offset, int count)
        {
            if (buffer == null || offset < 0 || count < 0 || offset > buffer.Length - count) return false;
            return position >= 0 && position <= _data.Length - (long)count;
        }
    }
}
