using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ScsiBridge.Client.Api;

namespace ScsiBridge.Client.Imaging;

/// <summary>
/// Images a block device into a file the way GNU ddrescue does, keeping its mapfile true at all
/// times:
/// <list type="number">
/// <item>copy: every untried area in large reads, several in flight to fill the link; a read
/// that fails marks its area non-trimmed and the copy goes on;</item>
/// <item>trim: each failed area is read again in shrinking reads, halves of halves, down to
/// single blocks; when the drive names the bad block in its sense data the read splits there
/// at once; blocks that still fail are marked bad;</item>
/// <item>retry: each bad block is read again, up to the retry count.</item>
/// </list>
/// Resuming from the map does only what is left. Cancelling stops at once: reads in flight are
/// halted, their areas stay as they were in the map, and the map is saved.
/// </summary>
public sealed class DiskImager
{
    private readonly BlockReader _reader;
    private readonly FileStream _image;
    private readonly RescueMap _map;
    private readonly int _chunkBlocks;
    private readonly int _window;
    private readonly Action<ImagingProgress> _progress;
    private readonly Action _save;
    private readonly TimeSince _clock;
    private readonly TimeSince _sinceSave;
    private string _phase = "copying";
    private long _bytesThisRun;

    public DiskImager(BlockReader reader, FileStream image, RescueMap map, int chunkBlocks, int window, Action<ImagingProgress> progress, Action save)
    {
        _reader = reader;
        _image = image;
        _map = map;
        _chunkBlocks = chunkBlocks;
        _window = Math.Max(1, window);
        _progress = progress;
        _save = save;
        _clock = new TimeSince(reader.Time);
        _sinceSave = new TimeSince(reader.Time);
    }

    private int BlockLength => _reader.BlockLength;

    public async Task RunAsync(int retries, CancellationToken ct)
    {
        try
        {
            await CopyAsync(ct);
            await TrimAsync(ct);
            await RetryAsync(retries, ct);
            if (_map.IsFinished)
            {
                _map.CurrentStatus = RescueMap.Finished;
                _map.CurrentPosition = _map.Size;
            }
            _phase = _map.IsFinished ? "done" : "done, not whole";
        }
        finally
        {
            _image.Flush(flushToDisk: true);  // the data first, then the map that says it is there
            _save();
            Report();
        }
    }

    /// <summary>Reads every untried area in chunks, up to the window of reads in flight.</summary>
    private async Task CopyAsync(CancellationToken ct)
    {
        if (_map.Bytes(RescueMap.NonTried) == 0) return;
        Phase("copying", RescueMap.NonTried);
        await PipelinedReads.RunAsync(_reader, _map.With(RescueMap.NonTried), _chunkBlocks, _window,
            lba => _map.CurrentPosition = lba * BlockLength,
            (lba, count, outcome) =>
            {
                if (outcome.Ok) Store(lba, outcome.Data!);
                else Mark(lba, count, RescueMap.NonTrimmed);
            }, ct);
    }

    /// <summary>Shrinking reads over every failed area until only bad blocks are left failing.</summary>
    private async Task TrimAsync(CancellationToken ct)
    {
        if (_map.Bytes(RescueMap.NonTrimmed) == 0) return;
        Phase("trimming", RescueMap.NonTrimmed);
        foreach (RescueMap.Extent area in _map.With(RescueMap.NonTrimmed))
        {
            for (long lba = area.Position / BlockLength; lba < area.End / BlockLength; lba += _chunkBlocks)
            {
                await ShrinkAsync(lba, (int)Math.Min(_chunkBlocks, area.End / BlockLength - lba), ct);
            }
        }
    }

    private async Task ShrinkAsync(long lba, int count, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        _map.CurrentPosition = lba * BlockLength;
        BlockReader.Outcome outcome = await _reader.ReadAsync(lba, count, ct);
        if (outcome.Ok)
        {
            Store(lba, outcome.Data!);
            return;
        }
        if (count == 1)
        {
            Mark(lba, 1, RescueMap.BadSector);
            return;
        }
        if (outcome.BadBlock is long bad)
        {
            // The drive said where: that block is bad, the ones before it likely good.
            Mark(bad, 1, RescueMap.BadSector);
            if (bad > lba) await ShrinkAsync(lba, (int)(bad - lba), ct);
            if (bad + 1 < lba + count) await ShrinkAsync(bad + 1, (int)(lba + count - bad - 1), ct);
            return;
        }
        int half = count / 2;
        await ShrinkAsync(lba, half, ct);
        await ShrinkAsync(lba + half, count - half, ct);
    }

    /// <summary>Each bad block read again, one block a read, up to retries passes.</summary>
    private async Task RetryAsync(int retries, CancellationToken ct)
    {
        for (int pass = 1; pass <= retries && _map.Bytes(RescueMap.BadSector) > 0; pass++)
        {
            Phase("retrying", RescueMap.BadSector, pass);
            foreach (RescueMap.Extent area in _map.With(RescueMap.BadSector))
            {
                for (long lba = area.Position / BlockLength; lba < area.End / BlockLength; lba++)
                {
                    ct.ThrowIfCancellationRequested();
                    _map.CurrentPosition = lba * BlockLength;
                    BlockReader.Outcome outcome = await _reader.ReadAsync(lba, 1, ct);
                    if (outcome.Ok) Store(lba, outcome.Data!);
                }
            }
        }
    }

    private void Phase(string name, char status, int pass = 1)
    {
        _phase = name;
        _map.CurrentStatus = status;
        _map.CurrentPass = pass;
        Report();
    }

    private void Store(long lba, byte[] data)
    {
        _image.Position = lba * BlockLength;
        _image.Write(data, 0, data.Length);
        _bytesThisRun += data.Length;
        Mark(lba, data.Length / BlockLength, RescueMap.Finished);
    }

    private void Mark(long lba, int count, char status)
    {
        _map.Mark(lba * BlockLength, (long)count * BlockLength, status);
        if (_sinceSave.Elapsed >= TimeSpan.FromSeconds(2))
        {
            _image.Flush(flushToDisk: true);
            _save();
            _sinceSave.Restart();
        }
        Report();
    }

    private void Report()
    {
        long bad = _map.Bytes(RescueMap.BadSector) + _map.Bytes(RescueMap.NonTrimmed) + _map.Bytes(RescueMap.NonScraped);
        _progress(new ImagingProgress(_phase, _map.Size, _map.Bytes(RescueMap.Finished), bad, _bytesThisRun, _clock.Elapsed));
    }
}
