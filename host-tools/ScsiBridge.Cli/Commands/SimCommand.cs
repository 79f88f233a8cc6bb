using System.CommandLine;
using ScsiBridge.SimHost;

namespace ScsiBridge.Cli.Commands;

/// <summary>
/// scsibridge sim: the bridge's firmware on the simulated bus behind a pseudo-terminal, with the
/// devices the flags or a config file give. Other scsibridge commands use its port as a board's.
/// </summary>
internal static class SimCommand
{
    public static Command Create(CliApp app)
    {
        var flags = new SimFlags();
        var command = new Command("sim", "run the simulator: the bridge's firmware on a simulated SCSI bus behind a pseudo-terminal, until Ctrl-C");
        flags.AddTo(command);
        app.Handle(command, async run =>
        {
            SimConfig config = flags.Config(run);
            using var sim = new RunningSimulator(config);
            if (run.Json)
            {
                run.EmitNow(new
                {
                    port = sim.Port, link = config.Link.Name, linkBytesPerSecond = config.Link.BytesPerSecond, paced = config.Paced,
                    devices = config.Devices.Select(d => new { id = d.Id, kind = d.Tape ? "tape" : d.Cdrom ? "cdrom" : "disk", path = d.Path, readOnly = d.ReadOnly, badBlocks = d.BadBlocks?.ToString(), profile = d.Profile?.Name }),
                    processors = config.Processors.Select(p => new { id = p.Id, sink = p.SinkPath }),
                    initiators = config.Initiators.Select(h => new { id = h.Id, source = h.SourcePath }),
                    bridgeTargetIds = config.BridgeTargetIds, bridgeProcessorId = sim.Bridge.BridgeProcessorId, images = config.ImageFolder,
                });
            }
            else
            {
                run.Line("ScsiBridge simulator on " + sim.Port);
                run.Line("  link: " + RunningSimulator.Describe(config));
                foreach (SimDevice d in config.Devices)
                {
                    run.Line("  ID " + d.Id + ": " + (d.Tape ? "tape " : d.Cdrom ? "CD-ROM " : "disk ") + d.Path + (d.ReadOnly ? " (read-only)" : "")
                             + (d.Profile != null ? ", as " + d.Profile.Name : "") + (d.BadBlocks != null ? ", unreadable blocks " + d.BadBlocks : ""));
                }
                foreach (SimProcessor p in config.Processors) run.Line("  ID " + p.Id + ": processor" + (p.SinkPath != null ? " -> " + p.SinkPath : ""));
                foreach (SimInitiator h in config.Initiators) run.Line("  ID " + h.Id + ": host sending " + h.SourcePath);
                run.Line("  bridge target IDs " + string.Join(",", config.BridgeTargetIds) + " (processor at " + sim.Bridge.BridgeProcessorId + ")"
                         + (config.ImageFolder != null ? ", images from " + config.ImageFolder : ""));
                run.Line("ready: use --port " + sim.Port + " (or export SCSIBRIDGE_PORT=" + sim.Port + "); Ctrl-C ends it");
            }
            run.Console.Out.Flush();
            await RunningSimulator.WaitAsync(run.Cancel);
            run.Note("simulator stopped after " + (sim.Bridge.VirtualTimeNs / 1_000_000) + " ms of bus time");
            return ExitCodes.Ok;
        });
        return command;
    }
}
