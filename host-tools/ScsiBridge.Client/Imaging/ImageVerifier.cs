using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
namespace ScsiBridge.Client.Imaging;

/// <summary>
/// --verify: reads every area the map says is finished again from the device and compares it
/// with the image, several reads in flight. Reports the blocks that differ or no longer read.
/// </summary>
public static class ImageVerifier
{
    public sealed record Result(long BlocksCompared, List<long> Differing, List<long> Unreadable);

    public static async Task<Result> RunAsync(BlockReader reader, FileStream image, RescueMap map, int chunkBlocks, int window,
                                              Action<long> progress, CancellationToken ct)
    {
        int bl = reader.BlockLength;
        var differing = new List<long>();
        var unreadable = new List<long>();
        long compared = 0;
        byte[] expected = new byte[chunkBlocks * bl];
        await PipelinedReads.RunAsync(reader, map.With(RescueMap.Finished), chunkBlocks, window, _ => { }, (lba, count, outcome) =>
        {
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
        }, ct);
        return new Result(compared, differing, unreadable);
    }
}
