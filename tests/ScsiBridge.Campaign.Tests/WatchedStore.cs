using ScsiBridge.Firmware.Target;

namespace ScsiBridge.Campaign.Tests;

/// <summary>
/// A drive's medium that remembers every write: how often each block was written, and whether a
/// write ever carried other data than the image has for that block (a write applied twice with
/// different data, or data from the wrong place). Survives the drive's power-cycles, since the
/// campaign hands the same one to each new simulator.
/// </summary>
internal sealed class WatchedStore
{
    private readonly byte[]? _expected;
    private readonly int _blockLength;
    private readonly object _lock = new();

    public WatchedStore(byte[]? expected, long blocks, int blockLength)
    {
        _expected = expected;
        _blockLength = blockLength;
        Writes = new int[blocks];
    }

    /// <summary>How many times each block has been written.</summary>
    public int[] Writes { get; }

    /// <summary>Blocks written with data other than the image's (should stay empty).</summary>
    public List<long> WrongData { get; } = new();

    public int[] SnapshotWrites()
    {
        lock (_lock) return (int[])Writes.Clone();
    }

    public IBlockStore Wrap(IBlockStore inner) => new Store(this, inner);

    private void Saw(long position, byte[] buffer, int offset, int count)
    {
        lock (_lock)
        {
            for (long at = position; at < position + count; at += _blockLength)
            {
                long block = at / _blockLength;
                if (block < Writes.Length) Writes[block]++;
                if (_expected != null && at + _blockLength <= _expected.Length
                    && !buffer.AsSpan(offset + (int)(at - position), _blockLength).SequenceEqual(_expected.AsSpan((int)at, _blockLength)))
                {
                    WrongData.Add(block);
                }
            }
        }
    }

    private sealed class Store : IBlockStore
    {
        private readonly WatchedStore _watch;
        private readonly IBlockStore _inner;

        public Store(WatchedStore watch, IBlockStore inner)
        {
            _watch = watch;
            _inner = inner;
        }

        public long Length => _inner.Length;

        public bool ReadOnly => _inner.ReadOnly;

        public bool Read(long position, byte[] buffer, int offset, int count) => _inner.Read(position, buffer, offset, count);

        public bool Write(long position, byte[] buffer, int offset, int count)
        {
            _watch.Saw(position, buffer, offset, count);
            return _inner.Write(position, buffer, offset, count);
        }

        public bool Flush() => _inner.Flush();
    }
}
