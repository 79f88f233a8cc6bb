using ScsiBridge.Cli.Output;
using ScsiBridge.Client.Api;

using ScsiBridge.Client.Imaging;

namespace ScsiBridge.Cli.Imaging;

/// <summary>
/// A tape to a SIMH .tap image: rewind, then READ(6) record by record, writing each record, a
/// tape mark for each filemark (a setmark for each setmark), until the drive reports blank tape
/// (end of data) or the end of the medium.
///
/// Blocks: in the mode the drive is in (MODE SENSE's block descriptor), each fixed block a
/// record; with --variable the drive is first put into variable-block mode (MODE SELECT, a
/// setting change the read-only session would refuse). A drive that records fixed blocks only
/// (QIC) stays in fixed mode. In fixed mode a record of another length stops the dump with what to do. Each read asks for the largest record the drive and the bridge allow; a record
/// longer than that (ILI with a negative residue) cannot be read whole by any READ, so it is
/// kept truncated to that length with SIMH's bad-record class, its real length is named, and the
/// dump exits 7.
///
/// Resuming: the image grows in IMAGE.part and a <see cref="TapeDumpRecord"/> (IMAGE.tapemap, or
/// --map) says how many files and records it holds, saved every two seconds and when stopped. The
/// same command again rewinds, spaces over those filemarks and records (SPACE), and goes on.
/// </summary>
internal static class TapeDump
{
    private static readonly TimeSpan SaveEvery = TimeSpan.FromSeconds(2);

    public static async Task<int> RunAsync(Invocation run, BridgeSession session, int id, int lun, InquiryData inquiry, string image, string? mapOption, bool force,
                                           bool variable)
    {
        BridgeClient client = session.Client;
        string temp = image + ".part";
        string mapPath = mapOption ?? image + ".tapemap";
        if (force)
        {
            File.Delete(image);
            File.Delete(temp);
            File.Delete(mapPath);
        }
        TapeDumpRecord? resume = null;
        if (File.Exists(mapPath))
        {
            try
            {
                resume = TapeDumpRecord.Parse(await File.ReadAllTextAsync(mapPath, run.Cancel), mapPath);
            }
            catch (FormatException e)
            {
                throw new CliException(ExitCodes.Failure, e.Message + "; it is not a tape dump's record: give the right --map, or --force to start again");
            }
            if (!File.Exists(temp) || new FileInfo(temp).Length < resume.ImageBytes)
            {
                throw new CliException(ExitCodes.Failure, mapPath + " says " + temp + " holds " + resume.ImageBytes + " bytes, and it " + (File.Exists(temp) ? "holds fewer" : "is not there")
                                                          + "; --force starts the dump again");
            }
        }
        else if (File.Exists(image))
        {
            throw new CliException(ExitCodes.Failure, image + " exists; choose another name, or --force to overwrite it");
        }

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
        int blockLength = variable ? await TapeModes.PreferVariableAsync(client, id, lun, run.Cancel) : await TapeModes.CurrentAsync(client, id, lun, run.Cancel);
        if (resume != null && resume.BlockLength != blockLength)
        {
            throw new CliException(ExitCodes.Failure, mapPath + " was made reading " + TapeModes.Describe(resume.BlockLength) + ", and the drive now reads "
                                                      + TapeModes.Describe(blockLength) + "; --force starts the dump again");
        }
        if (blockLength > 0 && blockLength > limit) throw new CliException(ExitCodes.Failure, "the drive's fixed blocks of " + blockLength + " bytes are more than the largest transfer, " + limit + " bytes");

        if (resume != null && resume.Setmarks > 0)
        {
            throw new CliException(ExitCodes.Failure, mapPath + " says the dump passed " + resume.Setmarks + " setmarks; SPACE does not count setmarks as filemarks,"
                                                      + " so it cannot find its place again: --force starts the dump again");
        }
        var done = resume ?? new TapeDumpRecord { BlockLength = blockLength };
        if (resume != null)
        {
            await SpaceToAsync(client, id, lun, resume, mapPath, run.Cancel);
            run.Note("resuming from " + mapPath + ": " + resume.Files + " files and " + resume.RecordsInFile + " records of the next already in " + temp);
        }

        bool endOfMedium = false;
        var started = System.Diagnostics.Stopwatch.StartNew();
        await using (var file = new FileStream(temp, resume != null ? FileMode.Open : FileMode.Create, FileAccess.Write))
        {
            file.SetLength(done.ImageBytes);
            file.Position = done.ImageBytes;
            var tap = new SimhTapeWriter(file);
            var lastSave = TimeSpan.Zero;
            async Task SaveAsync()
            {
                await file.FlushAsync(CancellationToken.None);
                done.ImageBytes = file.Position;
                done.Save(mapPath);
                lastSave = started.Elapsed;
            }
            void Keep(ReadOnlySpan<byte> data, bool bad)
            {
                tap.Record(data, bad);
                done.Records++;
                done.RecordsInFile++;
                if (bad) done.BadRecords++;
                done.DataBytes += data.Length;
            }
            void Mark(bool setmark)
            {
                if (setmark) tap.Setmark(); else tap.Mark();
                if (setmark) done.Setmarks++;
                done.Files++;
                done.RecordsInFile = 0;
            }
            try
            {
                await ProgressView.RunAsync(run, "ID " + id, async show =>
                {
                    int blocks = blockLength > 0 ? limit / blockLength : 0;
                    int length = blockLength > 0 ? blocks : limit;
                    byte[] cdb = { 0x08, (byte)(blockLength > 0 ? 1 : 0), (byte)(length >> 16), (byte)(length >> 8), (byte)length, 0 };
                    int want = blockLength > 0 ? blocks * blockLength : limit;
                    while (true)
                    {
                        ScsiResult r = await client.ExecuteAsync(id, lun, cdb, want, TimeSpan.FromMinutes(5), autoSense: true, run.Cancel);
                        if (r.Errno != 0 && !r.HasScsiStatus) throw new BridgeErrnoException("READ", r.Errno);
                        SenseData? s = r.Sense;
                        if (r.Status == 2 && s == null) throw new ScsiCommandException(r);
                        if (blockLength > 0)
                        {
                            // Fixed blocks: every whole block read is a record.
                            int whole = r.Data.Length / blockLength;
                            bool medium = s != null && s.Key is 3 or 4;
                            for (int b = 0; b < whole; b++) Keep(r.Data.AsSpan(b * blockLength, blockLength), medium && b == whole - 1);
                            if (s != null && s.IncorrectLength)
                            {
                                await SaveAsync();
                                throw new CliException(ExitCodes.Failure, "the drive reads fixed " + blockLength + "-byte blocks, and record " + (done.Records + 1) + " (file " + (done.Files + 1)
                                    + ") is not one; " + (variable ? "the drive records fixed blocks only, so it cannot read this tape's records whole"
                                                                   : "run the dump again with --variable --force to read the tape's records as they are (the drive is put into variable-block mode)"));
                            }
                        }
                        else if (r.Data.Length > 0)
                        {
                            // A medium error, or a record longer than the largest read (truncated), is kept as a bad record.
                            bool longer = s != null && s.IncorrectLength && s.SignedInformation < 0;
                            if (longer)
                            {
                                run.Note("record " + (done.Records + 1) + " (file " + (done.Files + 1) + ") is " + (limit - s!.SignedInformation) + " bytes, more than the "
                                         + limit + " one READ can take here; its first " + limit + " bytes are kept as a bad record");
                            }
                            Keep(r.Data, s != null && (s.Key is 3 or 4 || longer));
                        }
                        if (started.Elapsed - lastSave > SaveEvery) await SaveAsync();
                        if (r.IsGood)
                        {
                            show(new ImagingProgress("file " + (done.Files + 1), 0, done.DataBytes, 0, done.DataBytes, started.Elapsed));
                            continue;
                        }
                        bool setmark = s!.Key == 0 && s.Asc == 0 && s.Ascq == 3;
                        if (s.Filemark || setmark) Mark(setmark);
                        if (s.Key == 8 || s.EndOfMedium)
                        {
                            endOfMedium = s.EndOfMedium;
                            break;  // BLANK CHECK: end of data
                        }
                        if (!s.Filemark && !setmark && s.Key is not (0 or 1 or 3 or 4)) throw new ScsiCommandException(r);
                    }
                    tap.End();
                    return true;
                });
            }
            catch (OperationCanceledException) when (run.Cancel.IsCancellationRequested)
            {
                await SaveAsync();
                throw new CliException(ExitCodes.Interrupted, "interrupted: " + done.Records + " records (" + done.DataBytes + " bytes) in " + done.Files + " files are in " + temp
                    + " and " + mapPath + " says so; to go on from there run the same dump again: scsibridge dump --id " + id
                    + (lun != 0 ? " --lun " + lun : "") + " -o " + image + (mapOption != null ? " --map " + mapOption : "") + (run.Port != null ? " --port " + run.Port : ""));
            }
            catch (Exception) when (!run.Cancel.IsCancellationRequested)
            {
                await SaveAsync();  // a lost link or a failing drive: what was read stays resumable
                throw;
            }
        }
        File.Move(temp, image, overwrite: true);
        File.Delete(mapPath);
        string sha = await ImageFiles.Sha256Async(image, run.Cancel);
        int files = done.Files + (done.RecordsInFile > 0 ? 1 : 0);  // a last file not closed by a mark
        if (run.Json)
        {
            run.Emit(new { id, lun, image, format = "simh-tap", files, records = done.Records, badRecords = done.BadRecords, bytes = done.DataBytes, endOfMedium,
                           blockLength, resumed = resume != null, sha256 = sha, seconds = started.Elapsed.TotalSeconds });
        }
        else
        {
            run.Fields(new[]
            {
                ("image", image + " (SIMH .tap)"),
                ("files", files.ToString()),
                ("records", done.Records + (done.BadRecords > 0 ? " (" + done.BadRecords + " read with errors, kept as bad records)" : "")),
                ("blocks", TapeModes.Describe(blockLength)),
                ("data", done.DataBytes + " bytes"),
                ("ended at", endOfMedium ? "end of medium" : "end of data (blank tape)"),
                ("sha256", sha),
            });
        }
        return done.BadRecords == 0 ? ExitCodes.Ok : ExitCodes.Incomplete;
    }

    /// <summary>From the beginning, over the files and records the record says are done:
    /// SPACE filemarks, then SPACE blocks.</summary>
    private static async Task SpaceToAsync(BridgeClient client, int id, int lun, TapeDumpRecord at, string mapPath, CancellationToken ct)
    {
        async Task SpaceAsync(int code, int count)
        {
            if (count == 0) return;
            ScsiResult r = await client.ExecuteAsync(id, lun, new byte[] { 0x11, (byte)code, (byte)(count >> 16), (byte)(count >> 8), (byte)count, 0 }, 0,
                                                     TimeSpan.FromMinutes(30), autoSense: true, ct);
            if (r.IsGood) return;
            string what = code == 1 ? count + " filemarks" : count + " records";
            throw new CliException(ExitCodes.Failure, "the drive could not space over " + what + " to where " + mapPath + " says the dump stopped ("
                                                      + (r.Sense?.ToString() ?? "status " + r.Status) + "); is it the same tape? --force starts again");
        }
        await SpaceAsync(1, at.Files);
        await SpaceAsync(0, at.RecordsInFile);
    }
}
