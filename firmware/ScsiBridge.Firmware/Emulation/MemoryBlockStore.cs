using System;
using ScsiBridge.Firmware.Target;

namespace ScsiBridge.Firmware.Emulation
{
    /// <summary>
    /// A medium held in a byte array: a RAM disk, or the image of a test. Reads and writes are
    /// whole or refused (false), never partial; a read-only store refuses every write.
    /// Allocates nothing after construction.
    /// </summary>
    public sealed class MemoryBlockStore : IResizableStore
    {
        private readonly byte[] _data;
        private readonly object _lock = new object();
        private int _length;

        /// <summary>A zero-filled medium of <paramref name="length"/> bytes.</summary>
        public MemoryBlockStore(int length, bool readOnly)
        {
            if (length < 0) throw new ArgumentOutOfRangeException("length", "a medium cannot have a negative size");
            _data = new byte[length];
            _length = length;
            ReadOnly = readOnly;
        }

        /// <summary>A medium over <paramref name="data"/> itself (not a copy).</summary>
        public MemoryBlockStore(byte[] data, bool readOnly)
        {
            if (data == null) throw new ArgumentNullException("data");
            _data = data;
            _length = data.Length;
            ReadOnly = readOnly;
        }

        /// <summary>A medium that may grow to <paramref name="capacity"/> bytes (a tape), holding
        /// <paramref name="initial"/> now (copied). Everything is allocated here.</summary>
        public MemoryBlockStore(byte[] initial, int capacity, bool readOnly)
        {
            if (initial == null) throw new ArgumentNullException("initial");
            if (capacity < initial.Length) throw new ArgumentOutOfRangeException("capacity", "the capacity holds at least the initial bytes");
            _data = new byte[capacity];
            Array.Copy(initial, _data, initial.Length);
            _length = initial.Length;
            ReadOnly = readOnly;
        }

        public long Capacity
        {
            get { return _data.Length; }
        }

        public bool SetLength(long length)
        {
            if (ReadOnly || length < 0 || length > _data.Length) return false;
            lock (_lock)
            {
                if (length > _length) Array.Clear(_data, _length, (int)length - _length);
                _length = (int)length;
            }
            return true;
        }

        /// <summary>The bytes the medium holds now (a copy; for tests and tools).</summary>
        public byte[] ToArray()
        {
            lock (_lock)
            {
                byte[] copy = new byte[_length];
                Array.Copy(_data, copy, _length);
                return copy;
            }
        }

        public long Length
        {
            get { return _length; }
        }

        public bool ReadOnly { get; private set; }

        /// <summary>The bytes of the medium (the array itself; a growable medium's whole capacity).</summary>
        public byte[] Data
        {
            get { return _data; }
        }

        public bool Read(long position, byte[] buffer, int offset, int count)
        {
            if (!InRange(position, buffer, offset, count, _length)) return false;
            lock (_lock)
            {
                Array.Copy(_data, (int)position, buffer, offset, count);
            }
            return true;
        }

        public bool Write(long position, byte[] buffer, int offset, int count)
        {
            if (ReadOnly || !InRange(position, buffer, offset, count, _data.Length)) return false;
            lock (_lock)
            {
                Array.Copy(buffer, offset, _data, (int)position, count);
                if (position + count > _length) _length = (int)position + count;
            }
            return true;
        }

        public bool Flush()
        {
            return true;
        }

        private static bool InRange(long position, byte[] buffer, int offset, int count, long limit)
        {
            if (buffer == null || offset < 0 || count < 0 || offset > buffer.Length - count) return false;
            return position >= 0 && position <= limit - count;
        }
    }
}
