using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ScsiBridge.Client.Api;

namespace ScsiBridge.Client.Imaging;

/// <summary>
/// Reads blocks of one device and says plainly how each read went: the data, a medium error
/// (with the first bad block when the drive names it), or a failure that must stop the run.
/// Uses READ(10), or READ(6) for SCSI-1 drives that do not know READ(10).
/// </summary>
public sealed class BlockReader
{
    private readonly BridgeClient _client;
    private readonly int _id;
    private readonly int _lun;
    private bool _read6;

    /// <summary>The client's clock (its back-offs and the imaging's intervals run on it).</summary>
    public TimeProvider Time => _client.Time;

    public BlockReader(BridgeClient client, int id, int lun, int blockLength)
    {
        _client = client;
        _id = id;
        _lun = lun;
        BlockLength = blockLength;
    }

    public int BlockLength { get; }

    /// <summary>Reads of one area run again at most this often when the link loses their data.</summary>
    private const int MaxLinkLosses = 8;

    public readonly record struct Outcome(byte[]? Data, long? BadBlock)
    {
        public bool Ok => Data != null;
    }

    /// <summary>Reads in a row that ended without any answer from the drive (timeouts, bus
    /// faults) before the drive counts as gone and the run stops (its map saved) rather than
    /// marking every block after it unreadable.</summary>
    public const int SilentReadsBeforeGone = 6;

    private int _silentInARow;

    public async Task<Outcome> ReadAsync(long lba, int count, CancellationToken ct)
    {
        int losses = 0, busy = 0;
        for (int attempt = 0; ; attempt++)
        {
            byte[] cdb = _read6 && lba < 0x200000 && count <= 256
                ? new byte[] { 0x08, (byte)(lba >> 16 & 0x1F), (byte)(lba >> 8), (byte)lba, (byte)count, 0 }
                : new byte[] { 0x28, 0, (byte)(lba >> 24), (byte)(lba >> 16), (byte)(lba >> 8), (byte)lba, 0, (byte)(count >> 8), (byte)count, 0 };
            ScsiResult r;
            try
            {
                r = await _client.ExecuteAsync(_id, _lun, cdb, count * BlockLength, TimeSpan.FromSeconds(60), autoSense: true, ct);
            }
            catch (BridgeDataLostException) when (++losses <= MaxLinkLosses)
            {
                attempt--;
                continue;  // the link lost part of the data, not the drive: read it again
            }
            if (!r.HasScsiStatus && r.Errno is 5 or 110)
            {
                // The bus gave up on it: unreadable, no position known; many in a row, the drive is gone.
                if (Interlocked.Increment(ref _silentInARow) >= SilentReadsBeforeGone)
                {
                    throw new BridgeException("READ at block " + lba + ": the drive has not answered " + SilentReadsBeforeGone
                                              + " reads in a row (" + ErrnoText.Name(r.Errno) + "); it may be hung or gone: power-cycle it and run the same command again to go on");
                }
                return new Outcome(null, null);
            }
            Interlocked.Exchange(ref _silentInARow, 0);
            if (r.HasScsiStatus && r.Status == 0x08 && ++busy <= 8)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10 * busy), _client.Time, ct);  // BUSY: the drive asks to be asked again later
                attempt--;
                continue;
            }
            if (!r.HasScsiStatus && r.Errno != 0) throw new BridgeErrnoException("READ", r.Errno);
            if (r.IsGood) return r.Data.Length == count * BlockLength ? new Outcome(r.Data, null) : new Outcome(null, null);  // short: try smaller reads
            SenseData? s = r.Sense;
            switch (s?.Key)
            {
                case 1 when r.Data.Length == count * BlockLength:
                    return new Outcome(r.Data, null);  // RECOVERED ERROR: the drive corrected it
                case 0 when r.Status == 2 && !s.Filemark && !s.EndOfMedium && !s.IncorrectLength:
                case null when r.Status == 2:
                    // CHECK CONDITION without usable sense (the bridge's REQUEST SENSE failed,
                    // or the drive kept none): unreadable, position unknown; trimming halves it.
                    return new Outcome(null, null);
                case 1 or 3 or 4:
                    long? bad = s.Information is long at && at >= lba && at < lba + count ? at : null;
                    return new Outcome(null, bad);
                case 6 when attempt < 3:
                    continue;  // a unit attention (reset, medium change) is reported once: read again
                case 0xB when attempt < 3:
                    continue;  // ABORTED COMMAND: the drive gave up on this one (a parity error on the bus): read again
                case 5 when !_read6 && cdb[0] == 0x28 && s.Asc == 0x20 && attempt == 0:
                    _read6 = true;  // INVALID COMMAND OPERATION CODE: a SCSI-1 drive
                    continue;
                default:
                    throw new ScsiCommandException(r);
            }
        }
    }
}
