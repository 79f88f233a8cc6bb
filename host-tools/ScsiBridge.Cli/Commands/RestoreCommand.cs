using System.CommandLine;
using ScsiBridge.Cli.Imaging;
using ScsiBridge.Client.Imaging;
using ScsiBridge.Cli.Output;
using ScsiBridge.Client.Api;

namespace ScsiBridge.Cli.Commands;

/// <summary>
/// scsibridge restore: an image back onto a device (a disk image onto a disk, a SIMH .tap onto
/// a tape). It destroys what the device holds, so it needs --allow-write, and asks on a terminal
/// unless --yes; then it reads everything back.
/// </summary>
internal static class RestoreCommand
{
    public static Command Create(CliApp app)
    {
        var device = new DeviceAddress();
        var input = OptionValues.File(new Argument<FileInfo>("image") { Description = "the image file to write to the device" });
        var allowWrite = new Option<bool>("--allow-write") { Description = "allow writing to the device (everything on it is overwritten)" };
        var yes = new Option<bool>("--yes", "-y") { Description = "do not ask for confirmation" };
        var verify = new Option<bool>("--verify") { Description = "read everything back and compare (the default); the first block that differs stops the job (exit 9)" };
        var noVerify = new Option<bool>("--no-verify") { Description = "do not read the device back to compare" };
        var blocks = GlobalOptions.Ranged(new Option<int>("--blocks") { Description = "blocks per WRITE (a tape: one record per WRITE)", DefaultValueFactory = _ => 128 }, 1, 65535);
        var recordOption = OptionValues.OptionalFile(new Option<FileInfo?>("--record") { Description = "what has been written, to resume an interrupted restore (default: the image's name + .restore.map)" });
        var force = new Option<bool>("--force") { Description = "forget the record and write the whole image again" };
        var command = new Command("restore", "write an image onto a device (needs --allow-write; asks first unless --yes; resumable; reads it back)")
        {
            input, allowWrite, yes, verify, noVerify, blocks, recordOption, force,
        };
        device.AddTo(command);
        app.Handle(command, async run =>
        {
            FileInfo file = run.Get(input);
            if (!file.Exists) throw new CliException(ExitCodes.Failure, "no image file " + file.FullName + "; check the path");
            if (!run.Get(allowWrite))
            {
                throw new CliException(ExitCodes.Permission, "restore overwrites everything on the device; add --allow-write to let it write");
            }
            if (run.Get(verify) && run.Get(noVerify)) throw new CliException(ExitCodes.Usage, "--verify and --no-verify cannot both be given");
            string recordPath = run.Get(recordOption)?.FullName ?? file.FullName + ".restore.map";
            var (session, id, lun) = await device.OpenAsync(run, settle: true, writes: true);
            await using (session)
            {
                InquiryData inquiry = await session.InquiryAsync(id, lun, run.Cancel);
                if (inquiry.PeripheralType == 1)
                {
                    return await TapeRestore.RunAsync(run, session, id, lun, inquiry, file, !run.Get(yes), !run.Get(noVerify));
                }
                var (capacity, blockLength) = await session.Client.ReadCapacityAsync(id, lun, run.Cancel);
                long size = file.Length;
                if (size == 0 || size % blockLength != 0)
                {
                    throw new CliException(ExitCodes.Usage, file.Name + " has " + size + " bytes, not a whole number of the device's " + blockLength + "-byte blocks");
                }
                if (size / blockLength > capacity)
                {
                    throw new CliException(ExitCodes.Usage, file.Name + " has " + size / blockLength + " blocks; the device has only " + capacity);
                }
                string what = "ID " + id + " LUN " + lun + " (" + inquiry.Vendor + " " + inquiry.Product + ", " + Sizes.Capacity(capacity, blockLength) + ")";
                if (!run.Get(yes)) RestoreConfirm.Ask(run, "Overwrite " + what + " with " + file.Name + "?");

                string sha = await RestoreRecord.Sha256Async(file.FullName, run.Cancel);
                if (run.Get(force)) File.Delete(recordPath);
                bool resumed = File.Exists(recordPath);
                RestoreRecord record = resumed
                    ? RestoreRecord.Load(recordPath, sha, size, id, lun, capacity, blockLength)
                    : RestoreRecord.Start(sha, size, id, lun, capacity, blockLength);
                if (resumed)
                {
                    run.Note("resuming from " + recordPath + ": " + Sizes.Mib(record.Written.Bytes(RescueMap.Finished)) + " of " + Sizes.Mib(size) + " already written");
                }

                int chunk = session.BlocksPerTransfer(run.Get(blocks), blockLength);
                var clock = System.Diagnostics.Stopwatch.StartNew();
                await using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read);
                string title = "restore ID " + id;
                DateTime started = DateTime.Now;
                Action<ImagingProgress>? progress = null;
                string commandLine = "scsibridge restore --id " + id + " --lun " + lun + " --record " + recordPath + " --allow-write " + file.FullName;
                var restorer = new DiskRestorer(session.Client, id, lun, blockLength, stream, record.Written, chunk, Math.Max(1, session.Info.Window),
                                                p => progress?.Invoke(p), () => record.Save(recordPath, commandLine, started));
                try
                {
                    await ProgressView.RunAsync(run, title, async show =>
                    {
                        progress = show;
                        await restorer.RunAsync(run.Cancel);
                        return true;
                    });
                }
                catch (OperationCanceledException) when (run.Cancel.IsCancellationRequested)
                {
                    throw new CliException(ExitCodes.Interrupted, "interrupted: " + Written(record, blockLength) + " of " + size / blockLength + " blocks are written"
                        + " (" + recordPath + " says which); the rest of the device is as it was; to go on, run the same restore again");
                }
                catch (Exception e) when (e is BridgeException or ScsiCommandException)
                {
                    run.Note("stopped: " + Written(record, blockLength) + " of " + size / blockLength + " blocks are written (" + recordPath
                             + " says which); running the same restore again goes on from there");
                    throw;
                }
                TimeSpan writing = clock.Elapsed;
                long writtenNow = restorer.BytesThisRun;
                RestoreVerifier.Mismatch? mismatch = null;
                long compared = 0;
                if (!run.Get(noVerify))
                {
                    var reader = new BlockReader(session.Client, id, lun, blockLength);
                    (compared, mismatch) = await ProgressView.RunAsync(run, title, show => RestoreVerifier.RunAsync(reader, stream, size, chunk, Math.Max(1, session.Info.Window),
                        done => show(new ImagingProgress("verifying", size, done, 0, done, clock.Elapsed - writing)), run.Cancel));
                }
                if (mismatch == null) File.Delete(recordPath);  // done: a new restore starts afresh
                if (run.Json)
                {
                    var result = new
                    {
                        id, lun, image = file.FullName, blocks = size / blockLength, blockLength, resumed, record = recordPath,
                        bytesWrittenThisRun = writtenNow, rewrites = restorer.Rewrites, seconds = writing.TotalSeconds,
                        bytesPerSecond = writtenNow / Math.Max(writing.TotalSeconds, 1e-9),
                        verify = run.Get(noVerify) ? null : new
                        {
                            blocksCompared = compared,
                            differing = mismatch is { Unreadable: false } m1 ? new[] { m1.Block } : Array.Empty<long>(),
                            unreadable = mismatch is { Unreadable: true } m2 ? new[] { m2.Block } : Array.Empty<long>(),
                        },
                    };
                    if (mismatch != null) run.Note("verify FAILED: " + mismatch.Describe());
                    run.Emit(result);
                }
                else
                {
                    run.Line("wrote " + Sizes.Mib(writtenNow) + " to " + what + " in " + Sizes.Duration(writing) + " (" + Sizes.Rate(writtenNow / Math.Max(writing.TotalSeconds, 1e-9)) + ")"
                             + (resumed ? ", the rest was written before" : ""));
                    if (!run.Get(noVerify))
                    {
                        run.Line(mismatch == null ? "verified: the device now holds the image, all " + compared + " blocks"
                                                  : "verify FAILED: " + mismatch.Describe());
                    }
                }
                return mismatch == null ? ExitCodes.Ok : ExitCodes.Mismatch;
            }
        });
        return command;
    }

    private static long Written(RestoreRecord record, int blockLength) => record.Written.Bytes(RescueMap.Finished) / blockLength;
}
