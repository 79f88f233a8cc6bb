using ScsiBridge.Firmware.Target;

namespace ScsiBridge.SimHost
{
    /// <summary>
    /// An image with blocks that cannot be read, as a worn drive has: a read touching one of them
    /// fails (the emulation answers MEDIUM ERROR, UNRECOVERED READ ERROR, with the first bad
    /// block in the sense data). Writes pass through; the blocks stay unreadable, so a test
    /// sees the same errors on every pass.
    /// </summary>
    public sealed class UnreadableBlockStore : IBlockStore
    {
        private readonly IBlockStore _inner;
        private readonly BlockRanges _bad;
        private readonly int _blockLength;

        public UnreadableBlockStore(IBlockStore inner, BlockRanges bad, int blockLength)
        {
            _inner = inner;
            _bad = bad;
            _blockLength = blockLength;
        }

        public long Length => _inner.Length;

        public bool ReadOnly => _inner.ReadOnly;

        public bool Read(long position, byte[] buffer, int offset, int count)
        {
            long first = position / _blockLength;
            long last = (position + count - 1) / _blockLength;
            if (count > 0 && _bad.Overlaps(first, last - first + 1)) return false;
            return _inner.Read(position, buffer, offset, count);
        }

        public bool Write(long position, byte[] buffer, int offset, int count) => _inner.Write(position, buffer, offset, count);

        public bool Flush() => _inner.Flush();
    }
}
