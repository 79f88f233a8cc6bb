using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ScsiBridge.Client.Api;

namespace ScsiBridge.Client.Imaging;

/// <summary>How one disk's imaging ended: its size, the blocks still unreadable, the sha256.</summary>
public sealed record DiskImageResult(string Image, string Map, long Blocks, int BlockLength, bool Resumed,
                                     IReadOnlyList<(long First, long Count)> Unreadable, string Sha256)
{
    /// <summary>Every block read: the image is the whole disk.</summary>
    public bool Complete => Unreadable.Count == 0;

    public long UnreadableBlocks => Unreadable.Sum(u => u.Count);
}

/// <summary>
/// Images a disk, CD-ROM or optical drive into a file as GNU ddrescue does, for scripts: large
/// reads with several in flight, then the failed areas trimmed to single blocks and retried,
/// the mapfile (ddrescue's format, IMAGE.map) saved as it goes, and an existing mapfile
/// resumed. The same engine `scsibridge dump` runs. The device is started and stopped here.
/// </summary>
public static class DiskImaging
{
    public static async Task<DiskImageResult> ImageAsync(BridgeClient client, int id, int lun, string image, int retries = 2,
                                                         Action<ImagingProgress>? progress = null, CancellationToken ct = default)
    {
        string mapPath = image + ".map";
        await client.StartDeviceAsync(id, lun, false, ct).ConfigureAwait(false);
        try
        {
            await SettleAsync(client, id, lun, ct).ConfigureAwait(false);
            var (blocks, blockLength) = await client.ReadCapacityAsync(id, lun, ct).ConfigureAwait(false);
            if (blocks <= 0 || blockLength <= 0 || blocks > uint.MaxValue)
            {
                throw new BridgeException("ID " + id + " reports " + blocks + " blocks of " + blockLength + " bytes; it cannot be imaged");
            }
            long size = blocks * blockLength;
            bool resumed = File.Exists(mapPath) && File.Exists(image);
            RescueMap map = resumed ? RescueMap.Parse(await File.ReadAllTextAsync(mapPath, ct).ConfigureAwait(false), size, mapPath) : new RescueMap(size);
            uint largest = client.Info?.MaxTransfer ?? 65536;
            int chunk = (int)Math.Max(1, Math.Min(128, largest / (uint)blockLength));
            DateTime started = DateTime.Now;
            string commandLine = "DiskImaging.ImageAsync id " + id + " lun " + lun + " " + image;
            await using (var file = new FileStream(image, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read))
            {
                if (file.Length != size) file.SetLength(size);
                var reader = new BlockReader(client, id, lun, blockLength);
                var imager = new DiskImager(reader, file, map, chunk, Math.Max(1, client.Info?.Window ?? 1), progress ?? (_ => { }),
                                            () => map.Save(mapPath, commandLine, started));
                await imager.RunAsync(retries, ct).ConfigureAwait(false);
                await file.FlushAsync(ct).ConfigureAwait(false);
            }
            var unreadable = map.Extents.Where(e => e.Status != RescueMap.Finished)
                                        .Select(e => (e.Position / blockLength, e.Size / blockLength)).ToList();
            string sha = await ImageFiles.Sha256Async(image, ct).ConfigureAwait(false);
            return new DiskImageResult(image, mapPath, blocks, blockLength, resumed, unreadable, sha);
        }
        finally
        {
            try
            {
                using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(5), client.Time);
                await client.StopDeviceAsync(id, lun, quick.Token).ConfigureAwait(false);
            }
            catch (BridgeException)
            {
                // The link is gone: the bridge stops the devices of a PC that hangs up.
            }
        }
    }

    /// <summary>TEST UNIT READY until the unit attentions of a reset or medium change are taken.</summary>
    private static async Task SettleAsync(BridgeClient client, int id, int lun, CancellationToken ct)
    {
        for (int attempt = 0; ; attempt++)
        {
            ScsiResult r = await client.ExecuteAsync(id, lun, new byte[6], 0, null, true, ct).ConfigureAwait(false);
            if (r.IsGood) return;
            if (r.Sense?.Key != 6 || attempt == 3) throw new ScsiCommandException(r);
        }
    }
}
