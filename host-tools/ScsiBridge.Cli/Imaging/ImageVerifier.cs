namespace ScsiBridge.Cli.Imaging;

/// <summary>
/// --verify: reads every area the map says is finished again from the device and compares it
/// with the image, several reads in flight. Reports the blocks that differ or no longer read.
/// </summary>
internal static class ImageVerifier
{
    public sealed record Result(long BlocksCompared, List<long> Differing, List<long> Unreadable);

    public static async Task<Result> RunAsync(BlockReader reader, FileStream image, RescueMap map, int chunkBlocks, int window,
                                              Action<long> progress, CancellationToken ct)
    {
        int bl = reader.BlockLength;
        var differing = new List<long>();
        var unreadable = new List<long>();
        long compared = 0;
        var inFlight = new Queue<(long Lba, int Count, Task<BlockReader.Outcome> Read)>();
        byte[] expected = new byte[chunkBlocks * bl];

        async Task CompleteAsync()
        {
            var (lba, count, read) = inFlight.Dequeue();
            BlockReader.Outcome outcome = await read;
            if (!outcome.Ok)
            {
                for (long b = lba; b < lba + count; b++) unreadable.Add(b);
            }
            else
            {
                image.Position = lba * bl;
                image.ReadExactly(expected, 0, count * bl);
                for (int i = 0; i < count; i++)
                {
                    if (!outcome.Data.AsSpan(i * bl, bl).SequenceEqual(expected.AsSpan(i * bl, bl))) differing.Add(lba + i);
                }
            }
            compared += count;
            progress(compared * bl);
        }

        foreach (RescueMap.Extent area in map.With(RescueMap.Finished))
        {
            for (long lba = area.Position / bl; lba < area.End / bl; lba += chunkBlocks)
            {
                int count = (int)Math.Min(chunkBlocks, area.End / bl - lba);
                if (inFlight.Count == window) await CompleteAsync();
                inFlight.Enqueue((lba, count, reader.ReadAsync(lba, count, ct)));
            }
        }
        while (inFlight.Count > 0) await CompleteAsync();
        return new Result(compared, differing, unreadable);
    }
}
