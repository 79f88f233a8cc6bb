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
        var noVerify = new Option<bool>("--no-verify") { Description = "do not read the device back to compare" };
        var blocks = GlobalOptions.Ranged(new Option<int>("--blocks") { Description = "blocks per WRITE (a tape: one record per WRITE)", DefaultValueFactory = _ => 128 }, 1, 65535);
        var command = new Command("restore", "write an image onto a device (needs --allow-write; asks first unless --yes; reads it back)") { input, allowWrite, yes, noVerify, blocks };
        device.AddTo(command);
        app.Handle(command, async run =>
        {
            FileInfo file = run.Get(input);
            if (!file.Exists) throw new CliException(ExitCodes.Failure, "no image file " + file.FullName + "; check the path");
            if (!run.Get(allowWrite))
            {
                throw new CliException(ExitCodes.Permission, "restore overwrites everything on the device; add --allow-write to let it write");
            }
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

                int chunk = session.BlocksPerTransfer(run.Get(blocks), blockLength);
                var clock = System.Diagnostics.Stopwatch.StartNew();
                await using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read);
                byte[] buffer = new byte[chunk * blockLength];
                string title = "restore ID " + id;
                long written = 0;
                try
                {
                    await ProgressView.RunAsync(run, title, async show =>
                    {
                        for (long lba = 0; lba < size / blockLength; lba += chunk)
                        {
                            int n = (int)Math.Min(chunk, size / blockLength - lba);
                            stream.Position = lba * blockLength;
                            stream.ReadExactly(buffer, 0, n * blockLength);
                            await session.Client.WriteBlocksAsync(id, lun, lba, buffer.AsMemory(0, n * blockLength), blockLength, run.Cancel);
                            written = lba + n;
                            show(new ImagingProgress("writing", size, written * blockLength, 0, written * blockLength, clock.Elapsed));
                        }
                        return true;
                    });
                }
                catch (OperationCanceledException) when (run.Cancel.IsCancellationRequested)
                {
                    throw new CliException(ExitCodes.Interrupted, "interrupted: blocks 0 to " + (written - 1) + " of " + size / blockLength + " were written, the rest of the device is as it was;"
                        + " run the same restore again to write the whole image");
                }
                TimeSpan writing = clock.Elapsed;
                ImageVerifier.Result? verified = null;
                if (!run.Get(noVerify))
                {
                    var all = new RescueMap(size);
                    all.Mark(0, size, RescueMap.Finished);
                    var reader = new BlockReader(session.Client, id, lun, blockLength);
                    verified = await ProgressView.RunAsync(run, title, show => ImageVerifier.RunAsync(reader, stream, all, chunk, Math.Max(1, session.Info.Window),
                        done => show(new ImagingProgress("verifying", size, done, 0, done, clock.Elapsed - writing)), run.Cancel));
                }
                bool same = verified == null || (verified.Differing.Count == 0 && verified.Unreadable.Count == 0);
                if (run.Json)
                {
                    run.Emit(new
                    {
                        id, lun, image = file.FullName, blocks = size / blockLength, blockLength, seconds = writing.TotalSeconds,
                        bytesPerSecond = size / Math.Max(writing.TotalSeconds, 1e-9),
                        verify = verified == null ? null : new { blocksCompared = verified.BlocksCompared, differing = verified.Differing, unreadable = verified.Unreadable },
                    });
                }
                else
                {
                    run.Line("wrote " + Sizes.Mib(size) + " to " + what + " in " + Sizes.Duration(writing) + " (" + Sizes.Rate(size / Math.Max(writing.TotalSeconds, 1e-9)) + ")");
                    if (verified != null)
                    {
                        run.Line(same ? "verified: the device now holds the image, all " + verified.BlocksCompared + " blocks"
                                      : "verify FAILED: " + verified.Differing.Count + " blocks differ, " + verified.Unreadable.Count + " do not read");
                    }
                }
                return same ? ExitCodes.Ok : ExitCodes.Incomplete;
            }
        });
        return command;
    }
}
