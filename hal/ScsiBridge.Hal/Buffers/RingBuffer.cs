using System;

namespace ScsiBridge.Hal.Buffers
{
    /// <summary>
    /// One buffer of a <see cref="BufferRing"/>. Created with the ring and never again; whoever
    /// acquired it owns it until it is released. Its bytes live either in a managed array
    /// (<see cref="Data"/>) or in a slot of the native ring (<see cref="IsNative"/>): then only
    /// <see cref="CopyIn"/>, <see cref="CopyOut"/> and <see cref="CopyTo"/> reach them, and the
    /// controller and the frame codec take the slot itself.
    /// </summary>
    public sealed class RingBuffer
    {
        private static readonly byte[] Zeros = new byte[256];
        private readonly byte[]? _data;

        internal RingBuffer(BufferRing owner, int index, byte[]? data, int size)
        {
            Owner = owner;
            Index = index;
            _data = data;
            Size = size;
        }

        public BufferRing Owner { get; private set; }

        /// <summary>Position in the ring: stable, so it can travel over a link or to native code.</summary>
        public int Index { get; private set; }

        /// <summary>The buffer's bytes, for a ring in managed memory. A native ring's buffer has no
        /// array: asking for one is a firmware bug, reported at once.</summary>
        public byte[] Data
        {
            get
            {
                if (_data == null)
                {
                    throw new InvalidOperationException("ring buffer " + Index.ToString() + " lives in the native ring: use CopyIn, CopyOut or its slot");
                }
                return _data;
            }
        }

        /// <summary>True when the bytes are in a native ring slot (<see cref="Slots"/>, <see cref="Handle"/>).</summary>
        public bool IsNative
        {
            get { return _data == null; }
        }

        /// <summary>The native ring, or null for a managed one.</summary>
        public ISlotRing? Slots
        {
            get { return Owner.Slots; }
        }

        /// <summary>The native slot handle of the current use (0 for a managed ring or a free buffer).</summary>
        public int Handle { get; internal set; }

        /// <summary>Capacity in bytes.</summary>
        public int Size { get; private set; }

        /// <summary>Bytes of the buffer in use; set by whoever fills the buffer.</summary>
        public int Length { get; set; }

        public bool InUse { get; internal set; }

        /// <summary>Counts acquisitions, so a stale reference to an earlier use can be told apart.</summary>
        public int Generation { get; internal set; }

        /// <summary>Copies count bytes of source into the buffer at offset at.</summary>
        public void CopyIn(int at, byte[] source, int sourceOffset, int count)
        {
            if (_data != null)
            {
                Array.Copy(source, sourceOffset, _data, at, count);
                return;
            }
            Check(Owner.Slots!.CopyIn(Handle, at, source, sourceOffset, count));
        }

        /// <summary>Copies count bytes from offset at of the buffer into destination.</summary>
        public void CopyOut(int at, byte[] destination, int destinationOffset, int count)
        {
            if (_data != null)
            {
                Array.Copy(_data, at, destination, destinationOffset, count);
                return;
            }
            Check(Owner.Slots!.CopyOut(Handle, at, destination, destinationOffset, count));
        }

        /// <summary>Copies count bytes to another buffer of the same ring (natively for a native ring).</summary>
        public void CopyTo(int at, RingBuffer other, int otherAt, int count)
        {
            if (other == null) throw new ArgumentNullException("other");
            if (_data != null && other._data != null)
            {
                Array.Copy(_data, at, other._data, otherAt, count);
                return;
            }
            if (other.Owner != Owner) throw new ArgumentException("the buffers belong to different rings", "other");
            Check(Owner.Slots!.Copy(Handle, at, other.Handle, otherAt, count));
        }

        /// <summary>Sets count bytes from offset at to zero (filler when a source runs short).</summary>
        public void Clear(int at, int count)
        {
            if (_data != null)
            {
                Array.Clear(_data, at, count);
                return;
            }
            while (count > 0)
            {
                int n = count < Zeros.Length ? count : Zeros.Length;
                Check(Owner.Slots!.CopyIn(Handle, at, Zeros, 0, n));
                at += n;
                count -= n;
            }
        }

        private void Check(int status)
        {
            if (status == RingStatus.Ok) return;
            if (status == RingStatus.OutOfRange || status == RingStatus.BadArgument)
            {
                throw new ArgumentOutOfRangeException("count", "ring buffer " + Index.ToString() + ": " + RingStatus.Describe(status));
            }
            throw new InvalidOperationException("ring buffer " + Index.ToString() + ": " + RingStatus.Describe(status));
        }
    }
}
