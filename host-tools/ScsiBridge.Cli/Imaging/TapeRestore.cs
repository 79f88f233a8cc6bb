using ScsiBridge.Cli.Output;
using ScsiBridge.Client.Api;
using ScsiBridge.Client.Imaging;

namespace ScsiBridge.Cli.Imaging;

/// <summary>
/// A SIMH .tap image onto a tape, from its beginning: each record one WRITE(6), each tape mark
/// WRITE FILEMARKS, each setmark WRITE FILEMARKS with WSmk; the drive ends the recorded data
/// after the last. Variable blocks when the drive takes them; a drive that records fixed blocks
/// only takes an image whose records are all of its block length. The image is checked whole
/// before anything is written: a record longer than the drive's or the bridge's largest
/// transfer (or than READ BLOCK LIMITS allows) cannot be written as one record, so the restore
/// refuses to start and names it. Then every record is read back and compared (--no-verify skips it).
/// </summary>
internal static class TapeRestore
{
    private sealed record Item(TapObject Kind, long Offset, int Length, bool Bad);

    public static async Task<int> RunAsync(Invocation run, BridgeSession session, int id, int lun, InquiryData inquiry, FileInfo file, bool ask, bool verify)
    {
        BridgeClient client = session.Client;
        var items = new List<Item>();
        await using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read);
        var reader = new SimhTapeReader(stream);
        try
        {
            while (true)
            {
                TapObject o = reader.Next();
                if (o == TapObject.End) break;
                items.Add(new Item(o, reader.Offset, o == TapObject.Record ? reader.Data.Length : 0, reader.Bad));
            }
        }
        catch (InvalidDataException e)
        {
            throw new CliException(ExitCodes.Failure, file.Name + " is not a SIMH .tap image: " + e.Message);
        }

        int max = (int)Math.Min(session.Info.MaxTransfer, SimhTapeWriter.MaxRecord), min = 1;
        ScsiResult limits = await client.ExecuteAsync(id, lun, new byte[] { 0x05, 0, 0, 0, 0, 0 }, 6, null, true, run.Cancel);
        if (limits.IsGood && limits.Data.Length >= 6)
        {
            int driveMax = (limits.Data[1] << 16) | (limits.Data[2] << 8) | limits.Data[3];
            if (driveMax > 0) max = Math.Min(max, driveMax);
            min = Math.Max(1, (limits.Data[4] << 8) | limits.Data[5]);
        }
        int blockLength = await TapeModes.PreferVariableAsync(client, id, lun, run.Cancel);
        int file1 = 1, record = 0;
        foreach (Item i in items)
        {
            if (i.Kind != TapObject.Record)
            {
                file1++;
                record = 0;
                continue;
            }
            record++;
            string where = "record " + record + " of file " + file1 + " (byte " + i.Offset + " of " + file.Name + ")";
            if (blockLength > 0 && i.Length != blockLength)
            {
                throw new CliException(ExitCodes.Failure, where + " is " + i.Length + " bytes; the drive records fixed " + blockLength + "-byte blocks only, so the image cannot be restored onto it");
            }
            if (i.Length > max)
            {
                throw new CliException(ExitCodes.Failure, where + " is " + i.Length + " bytes; one WRITE here takes at most " + max
                                                          + " (the drive's READ BLOCK LIMITS and the bridge's largest transfer), and a tape record cannot be split; nothing was written");
            }
            if (i.Length < min) throw new CliException(ExitCodes.Failure, where + " is " + i.Length + " bytes; the drive's shortest record is " + min + "; nothing was written");
        }
        int records = items.Count(i => i.Kind == TapObject.Record);
        int marks = items.Count - records;
        long bytes = items.Sum(i => (long)i.Length);
        string what = "ID " + id + " LUN " + lun + " (" + inquiry.Vendor + " " + inquiry.Product + ")";
        if (ask) RestoreConfirm.Ask(run, "Write " + file.Name + " (" + records + " records, " + marks + " marks) onto the tape in " + what + " from its beginning?");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        int written = 0;
        bool earlyWarning = false;
        try
        {
            await client.CommandAsync(id, lun, new byte[] { 0x01, 0, 0, 0, 0, 0 }, 0, run.Cancel);  // REWIND
            await ProgressView.RunAsync(run, "restore ID " + id, async show =>
            {
                long done = 0;
                foreach (Item i in items)
                {
                    ScsiResult r;
                    if (i.Kind == TapObject.Record)
                    {
                        byte[] data = new byte[i.Length];
                        stream.Position = i.Offset + 4;
                        stream.ReadExactly(data);
                        int length = blockLength > 0 ? 1 : i.Length;
                        byte[] cdb = { 0x0A, (byte)(blockLength > 0 ? 1 : 0), (byte)(length >> 16), (byte)(length >> 8), (byte)length, 0 };
                        r = await client.ExecuteWriteAsync(id, lun, cdb, data, TimeSpan.FromMinutes(5), true, run.Cancel);
                        done += i.Length;
                    }
                    else
                    {
                        byte wsmk = (byte)(i.Kind == TapObject.Setmark ? 0x02 : 0x00);
                        r = await client.ExecuteAsync(id, lun, new byte[] { 0x10, wsmk, 0, 0, 1, 0 }, 0, TimeSpan.FromMinutes(5), true, run.Cancel);
                    }
                    // Past the early warning the drive still writes, and says EOM with NO SENSE.
                    if (!r.IsGood && !(r.Sense is { Key: 0, EndOfMedium: true }))
                    {
                        throw new CliException(ExitCodes.CheckCondition, "writing " + (i.Kind == TapObject.Record ? "record" : "mark") + " " + (written + 1) + " of " + items.Count
                                                                         + " failed: " + (r.Sense?.ToString() ?? "status " + r.Status)
                                                                         + (r.Sense?.Key == 0xD ? " (the tape is full)" : "") + "; the tape holds the " + written + " before it");
                    }
                    if (!r.IsGood) earlyWarning = true;
                    written++;
                    show(new ImagingProgress("writing", bytes, done, 0, done, clock.Elapsed));
                }
                return true;
            });
        }
        catch (OperationCanceledException) when (run.Cancel.IsCancellationRequested)
        {
            throw new CliException(ExitCodes.Interrupted, "interrupted: the first " + written + " of " + items.Count + " records and marks were written;"
                + " a tape is written from its beginning, so run the same restore again to write it whole");
        }
        TimeSpan writing = clock.Elapsed;

        int compared = 0, differing = 0;
        if (verify)
        {
            await client.CommandAsync(id, lun, new byte[] { 0x01, 0, 0, 0, 0, 0 }, 0, run.Cancel);
            int want = blockLength > 0 ? blockLength : max;
            byte[] cdb = { 0x08, (byte)(blockLength > 0 ? 1 : 0), 0, 0, 0, 0 };
            int count = blockLength > 0 ? 1 : want;
            cdb[2] = (byte)(count >> 16);
            cdb[3] = (byte)(count >> 8);
            cdb[4] = (byte)count;
            foreach (Item i in items)
            {
                ScsiResult r = await client.ExecuteAsync(id, lun, cdb, want, TimeSpan.FromMinutes(5), true, run.Cancel);
                bool same;
                if (i.Kind == TapObject.Record)
                {
                    byte[] data = new byte[i.Length];
                    stream.Position = i.Offset + 4;
                    stream.ReadExactly(data);
                    same = r.Data.AsSpan().SequenceEqual(data) && (r.IsGood || r.Sense is { Key: 0, IncorrectLength: true, Filemark: false });
                }
                else
                {
                    bool setmark = r.Sense is { Key: 0, Asc: 0, Ascq: 3 };
                    same = r.Data.Length == 0 && (i.Kind == TapObject.Setmark ? setmark : r.Sense is { Filemark: true });
                }
                compared++;
                if (!same) differing++;
            }
        }
        bool whole = differing == 0;
        if (run.Json)
        {
            run.Emit(new
            {
                id, lun, image = file.FullName, format = "simh-tap", records, marks, bytes, blockLength, earlyWarning, seconds = writing.TotalSeconds,
                verify = verify ? new { compared, differing } : null,
            });
        }
        else
        {
            run.Line("wrote " + records + " records and " + marks + " marks (" + bytes + " bytes, " + TapeModes.Describe(blockLength) + ") to " + what + " in " + Sizes.Duration(writing)
                     + (earlyWarning ? "; the tape is past its early warning" : ""));
            if (verify) run.Line(whole ? "verified: all " + compared + " records and marks read back the same" : "verify FAILED: " + differing + " of " + compared + " differ");
        }
        if (items.Any(i => i.Bad)) run.Note(items.Count(i => i.Bad) + " records of the image were read with errors when it was made; they were written as they are");
        return whole ? ExitCodes.Ok : ExitCodes.Incomplete;
    }
}
