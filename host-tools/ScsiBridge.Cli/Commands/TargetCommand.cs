using System.CommandLine;
using ScsiBridge.Client.Api;

namespace ScsiBridge.Cli.Commands;

/// <summary>
/// scsibridge target: the bridge as a target for vintage hosts. receive opens an SCIOSTARTTGT
/// path and saves what a host SENDs; attach, detach and eject manage emulated images.
/// </summary>
internal static class TargetCommand
{
    public static Command Create(CliApp app)
    {
        var command = new Command("target", "the bridge as a target: receive data a host sends; attach, detach and eject emulated images");
        command.Subcommands.Add(Receive(app));
        command.Subcommands.Add(Attach(app));
        command.Subcommands.Add(Simple(app, "detach", "take an image off an ID (the host sees no device there)", (c, id, lun, ct) => c.DetachImageAsync(id, lun, ct), "detached",
            "nothing is attached at ID {0} LUN {1}; `scsibridge scan` shows what the bridge serves"));
        command.Subcommands.Add(Simple(app, "eject", "eject the medium of a removable unit (the host sees no medium)", (c, id, lun, ct) => c.EjectImageAsync(id, lun, ct), "ejected",
            "ID {0} LUN {1} has no medium to eject: nothing is attached there, it is a fixed disk (attach with --kind removable), or it is empty already"));
        command.Subcommands.Add(Images(app));
        return command;
    }

    private static Command Receive(CliApp app)
    {
        var initiator = GlobalOptions.Ranged(new Option<int>("--initiator") { Description = "the SCSI ID of the host that sends", Required = true }, 0, 7);
        var output = new Option<string>("--output", "-o") { Description = "where the data goes: a file, or - for stdout", Required = true };
        var bytes = OptionValues.Whole(new Option<long>("--bytes") { Description = "close the path after this many bytes (0: until Ctrl-C)" }, 0, long.MaxValue, "bytes");
        var seconds = OptionValues.Seconds(new Option<double>("--seconds") { Description = "close the path after this long (0: until Ctrl-C)" }, 0, 31_536_000);
        var command = new Command("receive", "open a receive path (SCIOSTARTTGT) for a host's SEND commands and save what arrives; closes on Ctrl-C") { initiator, output, bytes, seconds };
        app.Handle(command, async run =>
        {
            string to = run.Get(output);
            bool toStdout = to == "-";
            if (toStdout && run.Json) throw new CliException(ExitCodes.Usage, "--json and --output - both want stdout; save the data to a file with --output FILE");
            long limit = run.Get(bytes);
            double duration = run.Get(seconds);
            await using BridgeSession session = await run.ConnectAsync();
            int host = run.Get(initiator);
            TargetPathHandle path;
            try
            {
                path = await session.Client.OpenTargetPathAsync(host, 0, 4096, 16, run.Cancel);
            }
            catch (BridgeErrnoException e) when (e.Errno is 19 or 22 or 16)
            {
                throw e.Errno switch
                {
                    19 => new CliException(ExitCodes.Failure, "the bridge has no target side to receive on", e),
                    16 => new CliException(ExitCodes.Busy, "a receive path for the host at ID " + host + " is open already (another scsibridge target receive?); close it first", e),
                    _ => new CliException(ExitCodes.Usage, "cannot open a receive path for ID " + host + ": it is the bridge's own processor ID, or a path for it is open already", e),
                };
            }
            long received = 0;
            int chunks = 0, errors = 0;
            Stream sink = toStdout ? Console.OpenStandardOutput() : new FileStream(to, FileMode.Create, FileAccess.Write);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(run.Cancel);
            if (duration > 0) stop.CancelAfter(TimeSpan.FromSeconds(duration));
            run.Note("receive path open for the host at ID " + host + (toStdout ? "" : ", saving to " + to) + "; Ctrl-C closes it");
            try
            {
                await foreach (TargetData d in path.ReceiveAsync(stop.Token))
                {
                    await sink.WriteAsync(d.Data, CancellationToken.None);
                    received += d.Data.Length;
                    chunks++;
                    if (d.HasErrors) errors++;
                    if (limit > 0 && received >= limit) break;
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Ctrl-C or --seconds: the path is closed below, the data so far kept.
            }
            finally
            {
                await sink.FlushAsync(CancellationToken.None);
                if (!toStdout) await sink.DisposeAsync();
                using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await path.CloseAsync(quick.Token);
            }
            if (run.Json) run.Emit(new { initiator = host, output = toStdout ? "-" : Path.GetFullPath(to), bytes = received, chunks, chunksWithErrors = errors });
            else run.Note("path closed: " + received + " bytes in " + chunks + " pieces" + (errors > 0 ? ", " + errors + " with errors" : ""));
            return errors == 0 ? ExitCodes.Ok : ExitCodes.Incomplete;
        });
        return command;
    }

    private static Command Attach(CliApp app)
    {
        var device = new DeviceAddress();
        var kind = OptionValues.OneOf(new Option<string>("--kind") { Description = "disk, cdrom, removable or tape (a SIMH .tap)", DefaultValueFactory = _ => "disk" }, "disk", "cdrom", "removable", "tape");
        var name = new Option<string>("--name") { Description = "the image's name in the bridge's image folder", Required = true };
        var readOnly = new Option<bool>("--read-only") { Description = "the host may not write to it" };
        var command = new Command("attach", "attach an image from the bridge's image folder at an ID: hosts see a disk, CD-ROM, removable drive or tape drive") { kind, name, readOnly };
        device.AddTo(command);
        app.Handle(command, async run =>
        {
            await using BridgeSession session = await run.ConnectAsync();
            int id = run.Get(device.Id), lun = run.Get(device.Lun);
            var k = run.Get(kind) switch { "cdrom" => BridgeClient.ImageKind.Cdrom, "removable" => BridgeClient.ImageKind.Removable, "tape" => BridgeClient.ImageKind.Tape, _ => BridgeClient.ImageKind.Disk };
            string image = run.Get(name);
            try
            {
                await session.Client.AttachImageAsync(id, lun, k, image, run.Get(readOnly), run.Cancel);
            }
            catch (BridgeErrnoException e) when (e.Errno is 19 or 22 or 16 or 5)
            {
                throw await AttachFailureAsync(session, e, id, lun, image, run.Cancel);
            }
            if (run.Json) run.Emit(new { id, lun, kind = run.Get(kind), name = run.Get(name), readOnly = run.Get(readOnly) });
            else run.Line("attached " + run.Get(name) + " at ID " + id + " LUN " + lun + " as a " + run.Get(kind) + (run.Get(readOnly) ? " (read-only)" : ""));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>What went wrong with IMAGE_ATTACH, in the person's terms: the errno alone
    /// cannot tell a missing image from a bridge without an image folder, so the list is asked.</summary>
    private static async Task<CliException> AttachFailureAsync(BridgeSession session, BridgeErrnoException e, int id, int lun, string image, CancellationToken ct)
    {
        switch (e.Errno)
        {
            case 16:
                return new CliException(ExitCodes.Busy, "an image is attached at ID " + id + " LUN " + lun + " already; `scsibridge target detach --id " + id
                                                        + (lun != 0 ? " --lun " + lun : "") + "` takes it off first", e);
            case 22:
                return new CliException(ExitCodes.Usage, "the bridge serves images only at its own target IDs, not at its processor device's or any other"
                                                         + " (the simulator's default: ID 5); ID " + id + " LUN " + lun + " is not one of them", e);
            case 5:
                return new CliException(ExitCodes.Failure, image.EndsWith(".cue", StringComparison.OrdinalIgnoreCase)
                    ? image + " is not a CUE sheet the bridge can serve (a FILE it names is not in the image folder, or a track mode or command it does not take; `scsibridge sim --cdrom 0:" + image + "` says which line)"
                    : image + " is smaller than one block; it cannot be served", e);
        }
        IReadOnlyList<(string Name, long Size)> images;
        try
        {
            images = await session.Client.ListImagesAsync(ct);
        }
        catch (BridgeErrnoException none) when (none.Errno == 19)
        {
            return new CliException(ExitCodes.Failure, "the bridge has no image folder to attach from (the simulator takes one with --images DIR)", e);
        }
        if (images.Any(i => i.Name == image))
        {
            return new CliException(ExitCodes.Failure, image + " cannot be opened for writing on the bridge (a read-only file?); attach it with --read-only", e);
        }
        return new CliException(ExitCodes.Failure, "the bridge has no image called " + image + " in its image folder (" + images.Count + " there; `scsibridge target images` lists them)", e);
    }

    private static Command Images(CliApp app)
    {
        var command = new Command("images", "list the images in the bridge's image folder: what target attach --name can serve");
        app.Handle(command, async run =>
        {
            await using BridgeSession session = await run.ConnectAsync();
            IReadOnlyList<(string Name, long Size)> images;
            try
            {
                images = await session.Client.ListImagesAsync(run.Cancel);
            }
            catch (BridgeErrnoException e) when (e.Errno == 19)
            {
                throw new CliException(ExitCodes.Failure, "the bridge has no image folder (the simulator takes one with --images DIR)", e);
            }
            if (run.Json)
            {
                run.Emit(new { images = images.Select(i => new { name = i.Name, bytes = i.Size }) });
                return ExitCodes.Ok;
            }
            if (images.Count == 0)
            {
                run.Note("the bridge's image folder is empty");
                return ExitCodes.Ok;
            }
            var table = new Output.TextTable("NAME", "BYTES", "SIZE");
            foreach (var (n, size) in images) table.Add(n, size.ToString(System.Globalization.CultureInfo.InvariantCulture), Output.Sizes.Mib(size));
            table.Write(run.Console);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Simple(CliApp app, string verb, string description, Func<BridgeClient, int, int, CancellationToken, Task> act, string done, string invalid)
    {
        var device = new DeviceAddress();
        var command = new Command(verb, description);
        device.AddTo(command);
        app.Handle(command, async run =>
        {
            await using BridgeSession session = await run.ConnectAsync();
            int id = run.Get(device.Id), lun = run.Get(device.Lun);
            try
            {
                await act(session.Client, id, lun, run.Cancel);
            }
            catch (BridgeErrnoException e) when (e.Errno == 22)
            {
                throw new CliException(ExitCodes.Usage, string.Format(System.Globalization.CultureInfo.InvariantCulture, invalid, id, lun), e);
            }
            catch (BridgeErrnoException e) when (e.Errno == 16)
            {
                throw new CliException(ExitCodes.Busy, "the host at the other end prevents removal of the medium at ID " + id + " LUN " + lun + " (PREVENT ALLOW MEDIUM REMOVAL); try again once it allows it", e);
            }
            if (run.Json) run.Emit(new { id, lun, action = verb });
            else run.Line(done + " the image at ID " + id + " LUN " + lun);
            return ExitCodes.Ok;
        });
        return command;
    }
}
