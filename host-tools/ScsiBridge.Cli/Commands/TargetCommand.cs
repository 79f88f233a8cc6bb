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
        command.Subcommands.Add(Simple(app, "detach", "take an image off an ID (the host sees no device there)", (c, id, lun, ct) => c.DetachImageAsync(id, lun, ct), "detached"));
        command.Subcommands.Add(Simple(app, "eject", "eject the medium of a removable unit (the host sees no medium)", (c, id, lun, ct) => c.EjectImageAsync(id, lun, ct), "ejected"));
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
            TargetPathHandle path = await session.Client.OpenTargetPathAsync(host, 0, 4096, 16, run.Cancel);
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
        var kind = OptionValues.OneOf(new Option<string>("--kind") { Description = "disk, cdrom or removable", DefaultValueFactory = _ => "disk" }, "disk", "cdrom", "removable");
        var name = new Option<string>("--name") { Description = "the image's name in the bridge's image folder", Required = true };
        var readOnly = new Option<bool>("--read-only") { Description = "the host may not write to it" };
        var command = new Command("attach", "attach an image from the bridge's image folder at an ID: hosts see a disk, CD-ROM or removable drive") { kind, name, readOnly };
        device.AddTo(command);
        app.Handle(command, async run =>
        {
            await using BridgeSession session = await run.ConnectAsync();
            int id = run.Get(device.Id), lun = run.Get(device.Lun);
            var k = run.Get(kind) switch { "cdrom" => BridgeClient.ImageKind.Cdrom, "removable" => BridgeClient.ImageKind.Removable, _ => BridgeClient.ImageKind.Disk };
            await session.Client.AttachImageAsync(id, lun, k, run.Get(name), run.Get(readOnly), run.Cancel);
            if (run.Json) run.Emit(new { id, lun, kind = run.Get(kind), name = run.Get(name), readOnly = run.Get(readOnly) });
            else run.Line("attached " + run.Get(name) + " at ID " + id + " LUN " + lun + " as a " + run.Get(kind) + (run.Get(readOnly) ? " (read-only)" : ""));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Simple(CliApp app, string verb, string description, Func<BridgeClient, int, int, CancellationToken, Task> act, string done)
    {
        var device = new DeviceAddress();
        var command = new Command(verb, description);
        device.AddTo(command);
        app.Handle(command, async run =>
        {
            await using BridgeSession session = await run.ConnectAsync();
            int id = run.Get(device.Id), lun = run.Get(device.Lun);
            await act(session.Client, id, lun, run.Cancel);
            if (run.Json) run.Emit(new { id, lun, action = verb });
            else run.Line(done + " the image at ID " + id + " LUN " + lun);
            return ExitCodes.Ok;
        });
        return command;
    }
}
