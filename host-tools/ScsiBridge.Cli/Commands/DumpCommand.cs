using System.CommandLine;
using ScsiBridge.Cli.Imaging;
using ScsiBridge.Client.Imaging;
using ScsiBridge.Cli.Output;
using ScsiBridge.Client.Api;

namespace ScsiBridge.Cli.Commands;

/// <summary>
/// scsibridge dump: a device to an image file. Disks and CD-ROMs are imaged as GNU ddrescue
/// would, with its mapfile, and resume from it; tapes are read file by file into SIMH .tap.
/// </summary>
internal static class DumpCommand
{
    public static Command Create(CliApp app)
    {
        var device = new DeviceAddress();
        var output = OptionValues.File(new Option<FileInfo>("--output", "-o") { Description = "the image file to write", Required = true });
        var mapOption = OptionValues.OptionalFile(new Option<FileInfo?>("--map") { Description = "the ddrescue mapfile (default: the image's name + .map; a tape's record of files done: + .tapemap); an existing one resumes the dump" });
        var blocks = new Option<int>("--blocks") { Description = "blocks per read in the copy phase", DefaultValueFactory = _ => 128 };
        var retries = new Option<int>("--retries") { Description = "passes over the bad blocks after trimming", DefaultValueFactory = _ => 2 };
        var verify = new Option<bool>("--verify") { Description = "read everything again at the end and compare it with the image" };
        var force = new Option<bool>("--force") { Description = "start again: overwrite the image and forget its mapfile" };
        var variable = new Option<bool>("--variable")
        {
            Description = "a tape: put the drive into variable-block mode first (MODE SELECT changes a setting, so the session allows that write)",
        };
        var command = new Command("dump", "image a disk or CD-ROM (ddrescue mapfile, resumable, sha256, --verify), a CD with audio tracks (-o NAME.cue: CUE/BIN) or a tape (SIMH .tap)")
        {
            output, mapOption, blocks, retries, verify, force, variable,
        };
        device.AddTo(command);
        GlobalOptions.Ranged(blocks, 1, 65535);
        GlobalOptions.Ranged(retries, 0, 100);
        app.Handle(command, async run =>
        {
            string image = run.Get(output).FullName;
            string map = run.Get(mapOption)?.FullName ?? image + ".map";
            var (session, id, lun) = await device.OpenAsync(run, settle: true, writes: run.Get(variable));
            await using (session)
            {
                InquiryData inquiry = await session.InquiryAsync(id, lun, run.Cancel);
                if (inquiry.PeripheralType == 1)
                {
                    return await TapeDump.RunAsync(run, session, id, lun, inquiry, image, run.Get(mapOption)?.FullName, run.Get(force), run.Get(variable));
                }
                if (inquiry.PeripheralType == 5 && image.EndsWith(".cue", StringComparison.OrdinalIgnoreCase))
                {
                    return await CdDump.RunAsync(run, session, id, lun, inquiry, image, run.Get(force));
                }
                if (run.Get(variable)) throw new CliException(ExitCodes.Usage, "--variable is for tapes; ID " + id + " is a " + InquiryData.TypeName(inquiry.PeripheralType));
                if (inquiry.PeripheralType is not (0 or 4 or 5 or 7))
                {
                    throw new CliException(ExitCodes.Usage, "ID " + id + " is a " + InquiryData.TypeName(inquiry.PeripheralType) + ", not a disk, CD-ROM, optical drive or tape; dump cannot image it");
                }
                return await DiskDumpAsync(run, session, id, lun, inquiry, image, map, run.Get(blocks), run.Get(retries), run.Get(verify), run.Get(force));
            }
        });
        return command;
    }

    private static async Task<int> DiskDumpAsync(Invocation run, BridgeSession session, int id, int lun, InquiryData inquiry, string image, string mapPath,
                                                 int chunk, int retries, bool verify, bool force)
    {
        var (blocks, blockLength) = await session.Client.ReadCapacityAsync(id, lun, run.Cancel);
        if (blockLength <= 0 || blocks <= 0) throw new CliException(ExitCodes.Failure, "the device reports " + blocks + " blocks of " + blockLength + " bytes; nothing to image");
        if (blocks > uint.MaxValue) throw new CliException(ExitCodes.Failure, "the device has more than 2^32 blocks; READ(16) is not supported");
        long size = blocks * blockLength;
        chunk = session.BlocksPerTransfer(chunk, blockLength);

        if (force)
        {
            File.Delete(mapPath);
            File.Delete(image);
        }
        RescueMap map;
        bool resumed = File.Exists(mapPath);
        if (resumed)
        {
            map = RescueMap.Parse(await File.ReadAllTextAsync(mapPath, run.Cancel), size, mapPath);
            // A dump killed between saving its first, empty map and making the image left a map
            // that claims nothing: start the image. A map that claims data needs its image.
            if (!File.Exists(image) && map.Bytes(RescueMap.NonTried) != size)
            {
                throw new CliException(ExitCodes.Failure, "the mapfile " + mapPath + " exists but the image " + image + " does not; give the right image, or --force to start again");
            }
            run.Note("resuming from " + mapPath + ": " + Sizes.Mib(map.Bytes(RescueMap.Finished)) + " of " + Sizes.Mib(size) + " already done");
        }
        else
        {
            if (File.Exists(image)) throw new CliException(ExitCodes.Failure, image + " exists and has no mapfile (" + mapPath + "); choose another name, or --force to overwrite it");
            map = new RescueMap(size);
        }

        DateTime started = DateTime.Now;
        string commandLine = "scsibridge dump --id " + id + " --lun " + lun + " -o " + image + " --map " + mapPath;
        // The map goes to disk before the image exists: a dump killed at any moment from here on
        // (SIGKILL, power) leaves a map to resume from, never an image the next run must refuse.
        if (!resumed) map.Save(mapPath, commandLine, started);
        var reader = new BlockReader(session.Client, id, lun, blockLength);
        int window = Math.Max(1, session.Info.Window);
        string title = "ID " + id;  // short, so that a progress line fits 80 columns
        run.Note("imaging ID " + id + " LUN " + lun + ": " + inquiry.Vendor + " " + inquiry.Product + ", " + Sizes.Capacity(blocks, blockLength));
        await using (var file = new FileStream(image, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read))
        {
            if (file.Length != size) file.SetLength(size);
            ImagingProgress last = default;
            try
            {
                await ProgressView.RunAsync(run, title, async show =>
                {
                    var imager = new DiskImager(reader, file, map, chunk, window, p => { last = p; show(p); }, () => map.Save(mapPath, commandLine, started));
                    await imager.RunAsync(retries, run.Cancel);
                    return true;
                });
            }
            catch (OperationCanceledException) when (run.Cancel.IsCancellationRequested)
            {
                // The imager saved the map after the data it describes; say so, and how to go on.
                await file.FlushAsync(CancellationToken.None);
                throw new CliException(ExitCodes.Interrupted, "interrupted: " + Sizes.Mib(map.Bytes(RescueMap.Finished)) + " of " + Sizes.Mib(size)
                    + " saved in " + image + ", with the mapfile " + mapPath + "; to resume, run: " + ResumeCommand(run, id, lun, image, mapPath));
            }
            ImageVerifier.Result? verified = null;
            if (verify && map.Bytes(RescueMap.Finished) > 0)
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                verified = await ProgressView.RunAsync(run, title, show => ImageVerifier.RunAsync(reader, file, map, chunk, window,
                    done => show(new ImagingProgress("verifying", map.Bytes(RescueMap.Finished), done, 0, done, clock.Elapsed)), run.Cancel));
            }
            await file.FlushAsync(run.Cancel);
            return await ReportAsync(run, id, lun, image, mapPath, map, blocks, blockLength, last, verified, resumed);
        }
    }

    /// <summary>The command that goes on from the mapfile: the same device, image and map (and
    /// port, when one was named), as a person can paste it.</summary>
    private static string ResumeCommand(Invocation run, int id, int lun, string image, string mapPath)
    {
        var words = new List<string> { "scsibridge", "dump", "--id", id.ToString() };
        if (lun != 0) words.AddRange(new[] { "--lun", lun.ToString() });
        words.AddRange(new[] { "-o", Quote(image) });
        if (mapPath != image + ".map") words.AddRange(new[] { "--map", Quote(mapPath) });
        if (run.Port != null) words.AddRange(new[] { "--port", Quote(run.Port) });
        return string.Join(' ', words);
    }

    /// <summary>A path as a shell takes it: quoted only when it has to be.</summary>
    private static string Quote(string s) =>
        s.Length > 0 && s.All(c => char.IsAsciiLetterOrDigit(c) || "/._-+,:=@".Contains(c)) ? s : "'" + s.Replace("'", "'\\''") + "'";

    private static async Task<int> ReportAsync(Invocation run, int id, int lun, string image, string mapPath, RescueMap map, long blocks, int blockLength,
                                               ImagingProgress last, ImageVerifier.Result? verified, bool resumed)
    {
        string sha = await ImageFiles.Sha256Async(image, run.Cancel);
        var bad = map.Extents.Where(e => e.Status != RescueMap.Finished)
                             .Select(e => new { firstBlock = e.Position / blockLength, blocks = e.Size / blockLength, status = e.Status.ToString() }).ToList();
        long badBlocks = bad.Sum(b => b.blocks);
        bool mismatch = verified != null && (verified.Differing.Count > 0 || verified.Unreadable.Count > 0);
        if (run.Json)
        {
            run.Emit(new
            {
                id, lun, image, map = mapPath, blocks, blockLength, bytes = blocks * blockLength, resumed, complete = map.IsFinished,
                unreadableBlocks = badBlocks, unreadable = bad, sha256 = sha, bytesReadThisRun = last.BytesThisRun,
                seconds = last.Elapsed.TotalSeconds, bytesPerSecond = last.Rate,
                verify = verified == null ? null : new { blocksCompared = verified.BlocksCompared, differing = verified.Differing, unreadable = verified.Unreadable },
            });
        }
        else
        {
            run.Fields(new[]
            {
                ("image", image),
                ("mapfile", mapPath),
                ("size", Sizes.Capacity(blocks, blockLength)),
                ("read", Sizes.Mib(last.BytesThisRun) + " in " + Sizes.Duration(last.Elapsed) + " (" + Sizes.Rate(last.Rate) + " by the wall clock)"),
                ("unreadable", badBlocks == 0 ? "none" : badBlocks + " blocks: " + string.Join(", ", bad.Select(b => b.blocks == 1 ? b.firstBlock.ToString() : b.firstBlock + "-" + (b.firstBlock + b.blocks - 1)))),
                ("sha256", sha),
            });
            if (!map.IsFinished) run.Line("            (the sha256 of the image as it is, holes zero-filled)");
            if (verified != null)
            {
                run.Line("verify: " + verified.BlocksCompared + " blocks read again, " + (mismatch
                    ? verified.Differing.Count + " differ, " + verified.Unreadable.Count + " no longer read"
                    : "all the same as the image"));
            }
        }
        return map.IsFinished && !mismatch ? ExitCodes.Ok : ExitCodes.Incomplete;
    }
}
