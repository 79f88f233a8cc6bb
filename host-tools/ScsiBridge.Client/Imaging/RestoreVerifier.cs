using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace ScsiBridge.Client.Imaging;

/// <summary>
/// restore --verify: reads the device back over the image's length, several reads in flight,
/// and stops at the first block that differs from the image or no longer reads: that block is
/// the answer (a drive that does not hold what was written is not worth reading further).
/// </summary>
public static class RestoreVerifier
{
    public sealed record Mismatch(long Block, bool Unreadable)
    {
        public string Describe() => "block " + Block + (Unreadable ? " does not read back" : " reads back different from the image");
    }

    /// <summary>Blocks compared, and the first mismatch (null when the device holds the image).</summary>
    public static async Task<(long Compared, Mismatch? First)> RunAsync(BlockReader reader, FileStream image, long size, int chunkBlocks, int window,
                                                                        Action<long> progress, CancellationToken ct)
    {
        int bl = reader.BlockLength;
        var all = new RescueMap(size);
        all.Mark(0, size, RescueMap.Finished);
        byte[] expected = new byte[chunkBlocks * bl];
        long compared = 0;
        Mismatch? first = null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        try
        {
            await PipelinedReads.RunAsync(reader, all.With(RescueMap.Finished), chunkBlocks, window, _ => { }, (lba, count, outcome) =>
            {
                if (first != null) return;  // reads still in flight after the mismatch
                if (!outcome.Ok)
                {
                    first = new Mismatch(outcome.BadBlock ?? lba, true);
                }
                else
                {
                    image.Position = lba * bl;
                    image.ReadExactly(expected, 0, count * bl);
                    for (int i = 0; i < count && first == null; i++)
                    {
                        if (!outcome.Data.AsSpan(i * bl, bl).SequenceEqual(expected.AsSpan(i * bl, bl))) first = new Mismatch(lba + i, false);
                        else compared++;
                    }
                }
                if (first != null) stop.Cancel();
                else progress(compared * bl);
            }, stop.Token);
        }
        catch (OperationCanceledException) when (first != null && !ct.IsCancellationRequested)
        {
            // Stopped at the mismatch.
        }
        return (compared, first);
    }
}
