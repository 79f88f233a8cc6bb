namespace ScsiBridge.Iscsi.Scsi;

/// <summary>
/// What the gateway has read from a slow unit, in aligned chunks, least recently used dropped
/// first: an initiator's file system reads the same metadata again and again, and a drive behind
/// a serial link should be asked once. Writes drop the chunks they touch.
/// </summary>
internal sealed class ReadCache
{
    private readonly int _maxChunks;
    private readonly Dictionary<long, LinkedListNode<(long Index, byte[] Data)>> _map = new Dictionary<long, LinkedListNode<(long, byte[])>>();
    private readonly LinkedList<(long Index, byte[] Data)> _lru = new LinkedList<(long, byte[])>();
    private readonly object _sync = new object();

    public ReadCache(int chunkBytes, long capacityBytes)
    {
        ChunkBytes = chunkBytes;
        _maxChunks = (int)Math.Max(1, capacityBytes / chunkBytes);
    }

    public int ChunkBytes { get; }

    public long Hits { get; private set; }

    public long Misses { get; private set; }

    public byte[]? Get(long index)
    {
        lock (_sync)
        {
            if (!_map.TryGetValue(index, out var node))
            {
                Misses++;
                return null;
            }
            Hits++;
            _lru.Remove(node);
            _lru.AddFirst(node);
            return node.Value.Data;
        }
    }

    public void Put(long index, byte[] data)
    {
        lock (_sync)
        {
            if (_map.TryGetValue(index, out var old))
            {
                _lru.Remove(old);
                _map.Remove(index);
            }
            var node = _lru.AddFirst((index, data));
            _map[index] = node;
            while (_map.Count > _maxChunks)
            {
                var last = _lru.Last!;
                _lru.RemoveLast();
                _map.Remove(last.Value.Index);
            }
        }
    }

    /// <summary>Drops every chunk that holds a byte of [start, start + length).</summary>
    public void Invalidate(long start, long length)
    {
        if (length <= 0) return;
        lock (_sync)
        {
            for (long i = start / ChunkBytes; i <= (start + length - 1) / ChunkBytes; i++)
            {
                if (_map.TryGetValue(i, out var node))
                {
                    _lru.Remove(node);
                    _map.Remove(i);
                }
            }
        }
    }

    public void Clear()
    {
        lock (_sync)
        {
            _map.Clear();
            _lru.Clear();
        }
    }
}
