using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
namespace ScsiBridge.Client.Imaging;

/// <summary>
/// Reads areas of a device in chunks with up to a window of reads in flight (so the link never
/// waits for the PC), and hands each finished read over in address order. When a read fails or
/// the run is cancelled, the reads still in flight are waited for and handed over as they end
/// before the failure goes on: whoever records the results never runs ahead of the data.
/// </summary>
public static class PipelinedReads
{
    public static async Task RunAsync(BlockReader reader, IEnumerable<RescueMap.Extent> areas, int chunkBlocks, int window,
                                      Action<long> starting, Action<long, int, BlockReader.Outcome> done, CancellationToken ct)
    {
        int bl = reader.BlockLength;
        var inFlight = new Queue<(long Lba, int Count, Task<BlockReader.Outcome> Read)>();
        async Task CompleteAsync()
        {
            var (lba, count, read) = inFlight.Dequeue();
            done(lba, count, await read);
        }

        try
        {
            foreach (RescueMap.Extent area in areas)
            {
                for (long lba = area.Position / bl; lba < area.End / bl; lba += chunkBlocks)
                {
                    int count = (int)Math.Min(chunkBlocks, area.End / bl - lba);
                    if (inFlight.Count == window) await CompleteAsync();
                    ct.ThrowIfCancellationRequested();
                    starting(lba);
                    inFlight.Enqueue((lba, count, reader.ReadAsync(lba, count, ct)));
                }
            }
            while (inFlight.Count > 0) await CompleteAsync();
        }
        finally
        {
            while (inFlight.Count > 0)
            {
                try
                {
                    await CompleteAsync();
                }
                catch (Exception)
                {
                    // The run is already failing or cancelled; this read's area stays as it was.
                }
            }
        }
    }
}
