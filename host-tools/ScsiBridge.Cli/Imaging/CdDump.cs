using System.Text;
using ScsiBridge.Cli.Output;
using ScsiBridge.Client.Api;
using ScsiBridge.Client.Imaging;

namespace ScsiBridge.Cli.Imaging;

/// <summary>
/// A CD, audio and data tracks, to a CUE sheet and one BIN beside it (`dump -o disc.cue` writes
/// disc.cue and disc.bin), from LBA 0 to the lead-out, every frame once:
/// <list type="bullet">
/// <item>audio with READ CD (MMC, BEh: expected sector type CD-DA, user data, 2352 bytes a
/// frame): drives whose page 2Ah says "CD-DA commands supported" (MMC drives, the emulation).
/// A Plextor without READ CD is read with its vendor READ CDDA (D8h). Other SCSI-2 drives that
/// read audio only with a vendor command (Toshiba XM-3401 and Apple CD300 via MODE SELECT
/// density 82h) are not served: the dump stops and says so;</item>
/// <item>data raw (READ CD, F8h: sync, header, user data, EDC/ECC: MODE1/2352 or MODE2/2352 as the
/// header says) when the drive gives raw frames, else user data with READ(10) (MODE1/2048);</item>
/// <item>where a data track ends before the next track's start (its audio pregap), the frames
/// from there are the next track's INDEX 00. A pregap between two audio tracks stays with the
/// track before (finding it would take a Q sub-channel scan).</item>
/// </list>
/// The catalog number and the ISRCs (READ SUB-CHANNEL) go into the sheet when the drive has them.
/// </summary>
internal static class CdDump
{
    private sealed record TocTrack(int Number, int Control, long Start);

    private sealed class Written
    {
        public required TocTrack Track { get; init; }
        public string Mode { get; set; } = "AUDIO";
        public long Index0 { get; set; } = -1;
        public string? Isrc { get; set; }
    }

    private const int IllegalModeForThisTrack = 0x64;

    public static async Task<int> RunAsync(Invocation run, BridgeSession session, int id, int lun, InquiryData inquiry, string cuePath, bool force)
    {
        var audio = new AudioReader(inquiry.Vendor.Trim() == "PLEXTOR");
        BridgeClient client = session.Client;
        string binPath = Path.ChangeExtension(cuePath, ".bin");
        if (!force && (File.Exists(cuePath) || File.Exists(binPath)))
        {
            throw new CliException(ExitCodes.Failure, (File.Exists(cuePath) ? cuePath : binPath) + " exists; choose another name, or --force to overwrite it");
        }
        byte[] toc = await client.CommandAsync(id, lun, new byte[] { 0x43, 0, 0, 0, 0, 0, 0, 0x03, 0x24, 0 }, 804, run.Cancel);  // READ TOC, LBA, format 0
        int length = Math.Min(toc.Length, ((toc[0] << 8) | toc[1]) + 2);
        var tracks = new List<TocTrack>();
        long leadOut = -1;
        for (int at = 4; at + 8 <= length; at += 8)
        {
            int number = toc[at + 2];
            long start = ((long)toc[at + 4] << 24) | ((long)toc[at + 5] << 16) | ((long)toc[at + 6] << 8) | toc[at + 7];
            if (number == 0xAA) leadOut = start;
            else tracks.Add(new TocTrack(number, toc[at + 1] & 0x0F, start));
        }
        if (tracks.Count == 0 || leadOut <= tracks[^1].Start) throw new CliException(ExitCodes.Failure, "the drive's table of contents has no tracks or no lead-out; nothing to image");
        if (tracks[0].Start != 0) throw new CliException(ExitCodes.Failure, "track " + tracks[0].Number + " starts at LBA " + tracks[0].Start + ", not 0; a disc with a hidden track is not imaged");

        int frames = Math.Max(1, (int)Math.Min(session.Info.MaxTransfer / 2352, 26));
        string? catalog = await CatalogAsync(client, id, lun, run.Cancel);
        var written = tracks.Select(t => new Written { Track = t }).ToList();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        string temp = binPath + ".part";
        long bytes = 0;
        try
        {
            await using (var bin = new FileStream(temp, FileMode.Create, FileAccess.Write))
            {
                await ProgressView.RunAsync(run, "ID " + id, async show =>
                {
                    for (int i = 0; i < tracks.Count; i++)
                    {
                        TocTrack t = tracks[i];
                        long end = i + 1 < tracks.Count ? tracks[i + 1].Start : leadOut;
                        long from = written[i].Index0 >= 0 ? written[i].Index0 : t.Start;
                        bool data = (t.Control & 0x04) != 0;
                        if (!data)
                        {
                            // The track's own INDEX 00 frames (after a data track) were found already: read from there.
                            await audio.ReadAsync(client, id, lun, from, end, frames, bin, run.Cancel);
                            written[i].Isrc = await IsrcAsync(client, id, lun, t.Number, run.Cancel);
                        }
                        else
                        {
                            var (mode, dataEnd) = await ReadDataAsync(client, id, lun, t.Start, end, frames, bin, run.Cancel);
                            written[i].Mode = mode;
                            if (dataEnd < end)
                            {
                                if (i + 1 >= tracks.Count) throw new CliException(ExitCodes.Failure, "the last track's data ends at LBA " + dataEnd + ", before the lead-out " + leadOut);
                                written[i + 1].Index0 = dataEnd;
                            }
                        }
                        bytes = bin.Position;
                        show(new ImagingProgress("track " + t.Number, 0, bytes, 0, bytes, clock.Elapsed));
                    }
                    return true;
                });
            }
        }
        catch (OperationCanceledException) when (run.Cancel.IsCancellationRequested)
        {
            File.Delete(temp);
            throw new CliException(ExitCodes.Interrupted, "interrupted; a CD is imaged whole, so run the same dump again (with --force)");
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
        File.Move(temp, binPath, overwrite: true);
        string sheet = Sheet(Path.GetFileName(binPath), catalog, written);
        await File.WriteAllTextAsync(cuePath, sheet, run.Cancel);
        string sha = await ImageFiles.Sha256Async(binPath, run.Cancel);
        if (run.Json)
        {
            run.Emit(new
            {
                id, lun, image = cuePath, bin = binPath, format = "bin-cue", leadOut, bytes,
                audioCommand = audio.UsedVendorCommand ? "READ CDDA (D8h)" : "READ CD (BEh)",
                tracks = written.Select(w => new { number = w.Track.Number, mode = w.Mode, start = w.Track.Start, index0 = w.Index0 >= 0 ? w.Index0 : (long?)null, isrc = w.Isrc }),
                catalog, sha256 = sha, seconds = clock.Elapsed.TotalSeconds,
            });
        }
        else
        {
            run.Fields(new[]
            {
                ("image", cuePath + " and " + binPath + " (CUE/BIN)"),
                ("tracks", string.Join(", ", written.Select(w => w.Track.Number + " " + w.Mode))),
                ("frames", leadOut.ToString()),
                ("sha256 of the BIN", sha),
            });
        }
        return ExitCodes.Ok;
    }

    /// <summary>Audio frames with READ CD, or with Plextor's READ CDDA (D8h) on a Plextor that
    /// has no READ CD.</summary>
    private sealed class AudioReader
    {
        private readonly bool _plextor;

        public AudioReader(bool plextor) => _plextor = plextor;

        public bool UsedVendorCommand { get; private set; }

        public async Task ReadAsync(BridgeClient client, int id, int lun, long from, long end, int frames, Stream bin, CancellationToken ct)
        {
            for (long lba = from; lba < end; lba += frames)
            {
                int n = (int)Math.Min(frames, end - lba);
                byte[] cdb = UsedVendorCommand ? ReadCdda(lba, n) : ReadCd(lba, n, 1, 0x10);
                ScsiResult r = await client.ExecuteAsync(id, lun, cdb, n * 2352, TimeSpan.FromMinutes(1), true, ct);
                if (r.Status == 2 && r.Sense is { Key: 5, Asc: 0x20 } && !UsedVendorCommand)
                {
                    if (!_plextor)
                    {
                        throw new CliException(ExitCodes.Failure, "the drive has no READ CD (MMC), so it cannot read audio this way; of the SCSI-2 drives that read audio"
                                                                  + " with a vendor command only Plextor's READ CDDA (D8h) is served (Toshiba and Apple: MODE SELECT density 82h is not)");
                    }
                    UsedVendorCommand = true;
                    lba -= frames;  // the same frames again, with D8h
                    continue;
                }
                if (!r.IsGood || r.Data.Length != n * 2352) throw new CliException(ExitCodes.CheckCondition, "reading audio at LBA " + lba + " failed: " + (r.Sense?.ToString() ?? "status " + r.Status));
                await bin.WriteAsync(r.Data, ct);
            }
        }

        private static byte[] ReadCdda(long lba, int count) =>
            new byte[] { 0xD8, 0, (byte)(lba >> 24), (byte)(lba >> 16), (byte)(lba >> 8), (byte)lba, (byte)(count >> 24), (byte)(count >> 16), (byte)(count >> 8), (byte)count, 0, 0 };
    }

    /// <summary>Reads a data track's frames up to <paramref name="end"/> or until they stop being
    /// data (a pregap of audio); the mode written and where the data ended.</summary>
    private static async Task<(string Mode, long End)> ReadDataAsync(BridgeClient client, int id, int lun, long start, long end, int frames, Stream bin, CancellationToken ct)
    {
        ScsiResult probe = await client.ExecuteAsync(id, lun, ReadCd(start, 1, 0, 0xF8), 2352, TimeSpan.FromMinutes(1), true, ct);
        bool raw = probe.IsGood && probe.Data.Length == 2352;
        string mode = raw ? (probe.Data[15] == 2 ? "MODE2/2352" : "MODE1/2352") : "MODE1/2048";
        int size = raw ? 2352 : 2048;
        if (!raw) frames = Math.Max(1, frames * 2352 / 2048);
        int expected = probe.Data.Length > 15 && probe.Data[15] == 2 ? 3 : 2;  // mode 2, mode 1: an audio frame then fails
        long lba = start;
        while (lba < end)
        {
            int n = (int)Math.Min(frames, end - lba);
            byte[] cdb = raw ? ReadCd(lba, n, expected, 0xF8) : Read10(lba, n);
            ScsiResult r = await client.ExecuteAsync(id, lun, cdb, n * size, TimeSpan.FromMinutes(1), true, ct);
            if (r.IsGood && r.Data.Length == n * size)
            {
                await bin.WriteAsync(r.Data, ct);
                lba += n;
                continue;
            }
            if (r.Sense is { Key: 5, Asc: IllegalModeForThisTrack })
            {
                if (n > 1)
                {
                    frames = 1;  // frame by frame up to where the data ends
                    continue;
                }
                return (mode, lba);
            }
            throw new CliException(ExitCodes.CheckCondition, "reading data at LBA " + lba + " failed: " + (r.Sense?.ToString() ?? "status " + r.Status));
        }
        return (mode, end);
    }

    private static async Task<string?> CatalogAsync(BridgeClient client, int id, int lun, CancellationToken ct)
    {
        ScsiResult r = await client.ExecuteAsync(id, lun, new byte[] { 0x42, 0, 0x40, 2, 0, 0, 0, 0, 24, 0 }, 24, null, true, ct);
        if (!r.IsGood || r.Data.Length < 22 || (r.Data[8] & 0x80) == 0) return null;
        string mcn = Encoding.ASCII.GetString(r.Data, 9, 13);
        return mcn.All(char.IsAsciiDigit) ? mcn : null;
    }

    private static async Task<string?> IsrcAsync(BridgeClient client, int id, int lun, int track, CancellationToken ct)
    {
        ScsiResult r = await client.ExecuteAsync(id, lun, new byte[] { 0x42, 0, 0x40, 3, 0, 0, (byte)track, 0, 24, 0 }, 24, null, true, ct);
        if (!r.IsGood || r.Data.Length < 21 || (r.Data[8] & 0x80) == 0) return null;
        string isrc = Encoding.ASCII.GetString(r.Data, 9, 12);
        return isrc.All(char.IsAsciiLetterOrDigit) ? isrc : null;
    }

    private static string Sheet(string bin, string? catalog, List<Written> tracks)
    {
        var s = new StringBuilder();
        if (catalog != null) s.Append("CATALOG ").Append(catalog).Append('\n');
        s.Append("FILE \"").Append(bin).Append("\" BINARY\n");
        foreach (Written w in tracks)
        {
            s.Append("  TRACK ").Append(w.Track.Number.ToString("D2")).Append(' ').Append(w.Mode).Append('\n');
            if (w.Isrc != null) s.Append("    ISRC ").Append(w.Isrc).Append('\n');
            if (w.Mode == "AUDIO" && (w.Track.Control & 0x01) != 0) s.Append("    FLAGS PRE\n");
            if (w.Index0 >= 0) s.Append("    INDEX 00 ").Append(Msf(w.Index0)).Append('\n');
            s.Append("    INDEX 01 ").Append(Msf(w.Track.Start)).Append('\n');
        }
        return s.ToString();
    }

    /// <summary>Frames from the start of the BIN as mm:ss:ff (the BIN starts at LBA 0).</summary>
    private static string Msf(long frames) => (frames / (60 * 75)).ToString("D2") + ":" + (frames / 75 % 60).ToString("D2") + ":" + (frames % 75).ToString("D2");

    private static byte[] ReadCd(long lba, int count, int expected, int fields) =>
        new byte[] { 0xBE, (byte)(expected << 2), (byte)(lba >> 24), (byte)(lba >> 16), (byte)(lba >> 8), (byte)lba, (byte)(count >> 16), (byte)(count >> 8), (byte)count, (byte)fields, 0, 0 };

    private static byte[] Read10(long lba, int count) =>
        new byte[] { 0x28, 0, (byte)(lba >> 24), (byte)(lba >> 16), (byte)(lba >> 8), (byte)lba, 0, (byte)(count >> 8), (byte)count, 0 };
}
