using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using ScsiBridge.Client.Api;

namespace ScsiBridge.Client.Imaging;

/// <summary>
/// Writes an image onto a block device with several WRITE(10)s in flight, so the link carries
/// the next write's data while the bus takes the last one's; the record says what is done.
/// <list type="bullet">
/// <item>Write once: each WRITE goes out with its own request id; a retransmission (a lost
/// answer) is answered from the bridge's replay record, not run again. Writes are taken in
/// order and at most <c>inFlight</c> (no more than the window) are outstanding, so fewer answers
/// than the bridge's replay depth can come after one still awaited: its record is always there.</item>
/// <item>The record marks an area written only once its WRITE is answered GOOD, and is saved
/// (every two seconds and at the end, however the run ends) after that: resuming never skips
/// an area the device may not hold, and never rewrites one it does.</item>
/// <item>What a drive reports as passing (UNIT ATTENTION after a reset, BUSY, NOT READY while
/// becoming ready, ABORTED COMMAND after a parity error, a MEDIUM ERROR a retry cures) and a
/// command the bus lost (bus reset, timeout) are written again, the same data to the same
/// blocks, a few times; then the run stops with the drive's answer.</item>
/// </list>
/// </summary>
public sealed class DiskRestorer
{
    /// <summary>How often one WRITE is tried before the run stops.</summary>
    public const int Attempts = 6;

    private readonly BridgeClient _client;
    private readonly int _id;
    private readonly int _lun;
    private readonly int _blockLength;
    private readonly FileStream _image;
    private readonly RescueMap _written;
    private readonly int _chunkBlocks;
    private readonly int _inFlight;
    private readonly Action<ImagingProgress> _progress;
    private readonly Action _save;
    private readonly TimeSince _clock;
    private readonly TimeSince _sinceSave;
    private long _bytesThisRun;

    public DiskRestorer(BridgeClient client, int id, int lun, int blockLength, FileStream image, RescueMap written, int chunkBlocks, int inFlight,
                        Action<ImagingProgress> progress, Action save)
    {
        _client = client;
        _id = id;
        _lun = lun;
        _blockLength = blockLength;
        _image = image;
        _written = written;
        _chunkBlocks = Math.Max(1, chunkBlocks);
        _inFlight = Math.Max(1, inFlight);
        _progress = progress;
        _save = save;
        _clock = new TimeSince(client.Time);
        _sinceSave = new TimeSince(client.Time);
    }

    /// <summary>WRITEs sent again after a passing failure.</summary>
    public int Rewrites { get; private set; }

    public long BytesThisRun => _bytesThisRun;

    public async Task RunAsync(CancellationToken ct)
    {
        var queue = new Queue<(long Lba, int Count, Task Write)>();
        async Task CompleteOldestAsync()
        {
            var (lba, count, write) = queue.Dequeue();
            await write;
            _written.Mark(lba * _blockLength, (long)count * _blockLength, RescueMap.Finished);
            _bytesThisRun += (long)count * _blockLength;
            if (_sinceSave.Elapsed >= TimeSpan.FromSeconds(2))
            {
                _save();
                _sinceSave.Restart();
            }
            Report("writing");
        }

        try
        {
            Report("writing");
            foreach (RescueMap.Extent area in _written.With(RescueMap.NonTried))
            {
                for (long lba = area.Position / _blockLength; lba < area.End / _blockLength; lba += _chunkBlocks)
                {
                    int count = (int)Math.Min(_chunkBlocks, area.End / _blockLength - lba);
                    if (queue.Count == _inFlight) await CompleteOldestAsync();
                    ct.ThrowIfCancellationRequested();
                    byte[] data = new byte[count * _blockLength];
                    _image.Position = lba * _blockLength;
                    _image.ReadExactly(data, 0, data.Length);
                    queue.Enqueue((lba, count, WriteAsync(lba, data, ct)));
                }
            }
            while (queue.Count > 0) await CompleteOldestAsync();
        }
        finally
        {
            // Writes still in flight are answered before the record is saved: each that ended
            // GOOD is recorded, the rest stay unwritten in it.
            while (queue.Count > 0)
            {
                try
                {
                    await CompleteOldestAsync();
                }
                catch (Exception)
                {
                    // The run is already failing or cancelled; this area stays unwritten in the record.
                }
            }
            _save();
            Report(_written.IsFinished ? "written" : "stopped");
        }
    }

    /// <summary>One WRITE(10), sent again (same data, same blocks) while what fails it passes.</summary>
    private async Task WriteAsync(long lba, byte[] data, CancellationToken ct)
    {
        int count = data.Length / _blockLength;
        byte[] cdb = { 0x2A, 0, (byte)(lba >> 24), (byte)(lba >> 16), (byte)(lba >> 8), (byte)lba, 0, (byte)(count >> 8), (byte)count, 0 };
        for (int attempt = 1; ; attempt++)
        {
            ScsiResult r = await _client.ExecuteWriteAsync(_id, _lun, cdb, data, TimeSpan.FromSeconds(60), autoSense: true, ct).ConfigureAwait(false);
            if (r.IsGood || r.Sense?.Key == 1) return;  // RECOVERED ERROR: written, the drive corrected something
            bool passing = !r.HasScsiStatus
                ? r.Errno is 5 or 110 or 125  // the bus lost it: reset, parity, timeout, halted
                : r.Status == 0x08 || r.Sense?.Key is 6 or 0xB or 3 || (r.Sense?.Key == 2 && r.Sense.Asc == 0x04);
            if (!passing || attempt == Attempts)
            {
                if (!r.HasScsiStatus) throw new BridgeErrnoException("WRITE at block " + lba, r.Errno);
                throw new ScsiCommandException(r);
            }
            lock (this) Rewrites++;
            if (r.Status == 0x08 || r.Sense?.Key == 2) await Task.Delay(TimeSpan.FromMilliseconds(20 * attempt), _client.Time, ct).ConfigureAwait(false);
        }
    }

    private void Report(string phase)
    {
        long done = _written.Bytes(RescueMap.Finished);
        _progress(new ImagingProgress(phase, _written.Size, done, 0, _bytesThisRun, _clock.Elapsed));
    }
}
