using ScsiBridge.Cli.Output;
using ScsiBridge.Client.Api;

using ScsiBridge.Client.Imaging;

namespace ScsiBridge.Cli.Imaging;

/// <summary>
/// A tape to a SIMH .tap image: rewind, then READ(6) in variable-block mode record by record,
/// writing each record, a tape mark for each filemark, until the drive reports blank tape (end
/// of data) or the end of the medium. Each read asks for the largest record the drive and the
/// bridge allow, so a record longer than that (ILI with a negative residue) is truncated and
/// kept as a bad record.
/// </summary>
internal static class TapeDump
{
    public static async Task<int> RunAsync(Invocation run, BridgeSession session, int id, int lun, InquiryData inquiry, string image)
    {
        BridgeClient client = session.Client;
        if (File.Exists(image)) throw new CliException(ExitCodes.Failure, image + " exists; a tape dump starts from the beginning of the tape, so choose another name or delete it");
        await client.CommandAsync(id, lun, new byte[] { 0x01, 0, 0, 0, 0, 0 }, 0, run.Cancel);  // REWIND
        int limit = (int)Math.Min(session.Info.MaxTransfer, SimhTapeWriter.MaxRecord);
        try
        {
            byte[] limits = await client.CommandAsync(id, lun, new byte[] { 0x05, 0, 0, 0, 0, 0 }, 6, run.Cancel);  // READ BLOCK LIMITS
            int max = (limits[1] << 16) | (limits[2] << 8) | limits[3];
            if (max > 0) limit = Math.Min(limit, max);
        }
        catch (ScsiCommandException)
        {
            // Not every drive has READ BLOCK LIMITS; the largest transfer is the limit then.
        }

        int files = 0, records = 0, badRecords = 0;
        long bytes = 0;
        bool endOfMedium = false;
        string temp = image + ".part";
        var started = System.Diagnostics.Stopwatch.StartNew();
        await using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write))
        {
            var tap = new SimhTapeWriter(file);
            int recordsInFile = 0;
            try
            {
                await ProgressView.RunAsync(run, "ID " + id, async show =>
                {
                    byte[] cdb = { 0x08, 0x00, (byte)(limit >> 16), (byte)(limit >> 8), (byte)limit, 0 };
                    while (true)
                    {
                        ScsiResult r = await client.ExecuteAsync(id, lun, cdb, limit, TimeSpan.FromMinutes(5), autoSense: true, run.Cancel);
                        if (r.Errno != 0 && !r.HasScsiStatus) throw new BridgeErrnoException("READ", r.Errno);
                        SenseData? s = r.Sense;
                        if (r.Status == 2 && s == null) throw new ScsiCommandException(r);
                        if (r.Data.Length > 0)
                        {
                            // A medium error, or a record longer than the largest read (truncated), is kept as a bad record.
                            bool bad = s != null && (s.Key is 3 or 4 || (s.IncorrectLength && s.SignedInformation < 0));
                            tap.Record(r.Data, bad);
                            records++;
                            recordsInFile++;
                            if (bad) badRecords++;
                            bytes += r.Data.Length;
                        }
                        if (r.IsGood)
                        {
                            show(new ImagingProgress("file " + (files + 1), 0, bytes, 0, bytes, started.Elapsed));
                            continue;
                        }
                        if (s!.Filemark)
                        {
                            tap.Mark();
                            files++;
                            recordsInFile = 0;
                        }
                        if (s.Key == 8 || s.EndOfMedium)
                        {
                            endOfMedium = s.EndOfMedium;
                            break;  // BLANK CHECK: end of data
                        }
                        if (!s.Filemark && s.Key is not (0 or 1 or 3 or 4)) throw new ScsiCommandException(r);
                    }
                    if (recordsInFile > 0) files++;  // a last file not closed by a mark
                    tap.End();
                    return true;
                });
            }
            catch (OperationCanceledException) when (run.Cancel.IsCancellationRequested)
            {
                await file.FlushAsync(CancellationToken.None);
                throw new CliException(ExitCodes.Interrupted, "interrupted: the " + records + " records (" + bytes + " bytes) read so far are in " + temp
                    + "; a tape is read from its start, so to image it whole run the same dump again: scsibridge dump --id " + id
                    + (lun != 0 ? " --lun " + lun : "") + " -o " + image + (run.Port != null ? " --port " + run.Port : ""));
            }
        }
        File.Move(temp, image);
        string sha = await ImageFiles.Sha256Async(image, run.Cancel);
        if (run.Json)
        {
            run.Emit(new { id, lun, image, format = "simh-tap", files, records, badRecords, bytes, endOfMedium, sha256 = sha, seconds = started.Elapsed.TotalSeconds });
        }
        else
        {
            run.Fields(new[]
            {
                ("image", image + " (SIMH .tap)"),
                ("files", files.ToString()),
                ("records", records + (badRecords > 0 ? " (" + badRecords + " read with errors, kept as bad records)" : "")),
                ("data", bytes + " bytes"),
                ("ended at", endOfMedium ? "end of medium" : "end of data (blank tape)"),
                ("sha256", sha),
            });
        }
        return badRecords == 0 ? ExitCodes.Ok : ExitCodes.Incomplete;
    }
}
