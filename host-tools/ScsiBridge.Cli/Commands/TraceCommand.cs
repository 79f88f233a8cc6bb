using System.CommandLine;
using System.Text.Json.Nodes;
using ScsiBridge.Cli.Demo;
using ScsiBridge.SimHost;

namespace ScsiBridge.Cli.Commands;

/// <summary>
/// scsibridge trace: runs one scsibridge command against the simulator with the bus recorded,
/// and writes every edge of every signal as a VCD waveform (GTKWave, PulseView, Surfer). The
/// board has no bus recorder yet, so trace always runs on the simulator: with the devices its
/// flags give, or with the demo's disk and CD-ROM.
/// </summary>
internal static class TraceCommand
{
    public static Command Create(CliApp app)
    {
        var flags = new SimFlags();
        var vcd = OptionValues.File(new Option<FileInfo>("--vcd") { Description = "the waveform file to write", Required = true });
        var inner = new Argument<string[]>("command") { Description = "the scsibridge command to record, after --: trace --vcd bus.vcd -- inquiry --id 0", Arity = ArgumentArity.OneOrMore };
        var command = new Command("trace", "record the SCSI bus while a command runs on the simulator and write it as a VCD waveform") { vcd, inner };
        flags.AddTo(command);
        app.Handle(command, async run =>
        {
            string[] args = run.Get(inner);
            if (args.Contains("--port") || args.Contains("-p")) throw new CliException(ExitCodes.Usage, "trace runs the command on its own simulator; leave out --port");
            if (args[0] is "sim" or "demo" or "trace") throw new CliException(ExitCodes.Usage, "trace records a command that talks to a bridge, not '" + args[0] + "'");
            SimConfig config;
            string? media = null;
            if (flags.AnyGiven(run))
            {
                config = flags.Config(run);
            }
            else
            {
                media = Directory.CreateTempSubdirectory("scsibridge-trace-").FullName;
                config = DemoMedia.Generate(media, 1, 64, false, out _, out _);
            }
            try
            {
                using var sim = new RunningSimulator(config);
                var captured = new StringWriter();
                CliConsole console = run.Json ? new CliConsole(captured, run.Console.Error, TextReader.Null, false, false, false) : run.Console;
                string[] withPort = args.Concat(new[] { "--port", sim.Port }).Concat(run.Json ? new[] { "--json" } : Array.Empty<string>()).ToArray();
                long start = sim.Bridge.VirtualTimeNs;
                sim.Bridge.TraceEnabled = true;
                int rc = await CliApp.RunAsync(withPort, console, run.Cancel);
                sim.Bridge.TraceEnabled = false;
                long busNs = sim.Bridge.VirtualTimeNs - start;
                byte[] wave = sim.Bridge.TraceVcd();
                string path = run.Get(vcd).FullName;
                await File.WriteAllBytesAsync(path, wave, run.Cancel);
                if (run.Json)
                {
                    run.Emit(new JsonObject
                    {
                        ["vcd"] = path, ["vcdBytes"] = wave.Length, ["busTimeNs"] = busNs, ["exitCode"] = rc,
                        ["command"] = new JsonArray(args.Select(a => (JsonNode)JsonValue.Create(a)!).ToArray()),
                        ["output"] = captured.ToString().Length > 0 ? JsonNode.Parse(captured.ToString()) : null,
                    });
                }
                else
                {
                    run.Note("bus trace of `scsibridge " + string.Join(" ", args) + "`: " + wave.Length + " bytes of VCD in " + path
                             + " (" + (busNs / 1000.0).ToString("F1", System.Globalization.CultureInfo.InvariantCulture) + " us of bus time)");
                }
                return rc;
            }
            finally
            {
                if (media != null) Directory.Delete(media, recursive: true);
            }
        });
        return command;
    }
}
