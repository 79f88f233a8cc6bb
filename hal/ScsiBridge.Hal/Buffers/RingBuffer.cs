namespace ScsiBridge.Hal.Buffers
{
    /// <summary>
    /// One buffer of a <see cref="BufferRing"/>. Created with the ring and never again; whoever
    /// acquired it owns it until it is released.
    /// </summary>
    public sealed class RingBuffer
    {
        internal RingBuffer(BufferRing owner, int index, byte[] data)
        {
            Owner = owner;
            Index = index;
            Data = data;
        }

        public BufferRing Owner { get; private set; }

        /// <summary>Position in the ring: stable, so it can travel over a link or to native code.</summary>
        public int Index { get; private set; }

        public byte[] Data { get; private set; }

        /// <summary>Bytes of <see cref="Data"/> in use; set by whoever fills the buffer.</summary>
        public int Length { get; set; }

        public bool InUse { get; internal set; }

        /// <summary>Counts acquisitions, so a stale reference to an earlier use can be told apart.</summary>
        public int Generation { get; internal set; }
    }
}
