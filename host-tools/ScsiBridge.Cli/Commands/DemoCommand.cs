using System.CommandLine;
using System.Text.Json.Nodes;
using ScsiBridge.Cli.Demo;
using ScsiBridge.Cli.Imaging;
using ScsiBridge.Client.Imaging;
using ScsiBridge.SimHost;

namespace ScsiBridge.Cli.Commands;

/// <summary>
/// scsibridge demo: the whole job on a fresh machine, without a board. It starts the simulator
/// with a generated vintage-style disk and a CD-ROM, scans the bus, images the disk with the
/// progress bar, checks the image's sha256 against the simulated disk, and says where the image
/// and its mapfile are. The steps are the real commands, run through the simulator's port.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(CliApp app)
    {
        var dir = OptionValues.Folder(new Option<DirectoryInfo>("--dir") { Description = "where the media, image and mapfile go", DefaultValueFactory = _ => new DirectoryInfo("scsibridge-demo") });
        var size = GlobalOptions.Ranged(new Option<int>("--size") { Description = "the disk's size in MiB", DefaultValueFactory = _ => 4 }, 1, 1024);
        var link = OptionValues.LinkModel(new Option<string>("--link") { Description = "the link's timing model: uart[:BAUD] or usb-fs", DefaultValueFactory = _ => "uart:3000000" });
        var fullSpeed = new Option<bool>("--full-speed") { Description = "run the simulator as fast as this computer can instead of in step with the wall clock (rates are then not the board's)" };
        var command = new Command("demo", "the main job on the simulator: a vintage disk and CD-ROM, scan, image the disk with ddrescue's mapfile, check its sha256") { dir, size, link, fullSpeed };
        app.Handle(command, async run =>
        {
            string folder = run.Get(dir).FullName;
            Directory.CreateDirectory(folder);
            string image = Path.Combine(folder, "disk0.img");
            SimConfig config = DemoMedia.Generate(folder, run.Get(size), 512, true, out string disk, out string cd);
            config.Link = LinkModel.Parse(run.Get(link));
            config.Paced = !run.Get(fullSpeed);
            using var sim = new RunningSimulator(config);
            run.Line("simulated bridge on " + sim.Port + ": a " + run.Get(size) + " MiB disk at ID 0, a CD-ROM at ID 3");
            run.Line("link: " + RunningSimulator.Describe(config));
            run.Line();

            var steps = new JsonObject { ["port"] = sim.Port, ["disk"] = disk, ["cdrom"] = cd };
            int rc = await StepAsync(run, steps, "scan", "scan", "--port", sim.Port);
            if (rc != ExitCodes.Ok) return rc;
            run.Line();
            rc = await StepAsync(run, steps, "dump", "dump", "--port", sim.Port, "--id", "0", "-o", image, "--force");
            if (rc != ExitCodes.Ok) return rc;

            string expected = await ImageFiles.Sha256Async(disk, run.Cancel);
            string got = await ImageFiles.Sha256Async(image, run.Cancel);
            bool same = expected == got;
            steps["sourceSha256"] = expected;
            steps["imageMatches"] = same;
            if (run.Json)
            {
                run.Emit(steps);
            }
            else
            {
                run.Line();
                run.Line(same ? "sha256 check: the image is identical to the simulated disk"
                              : "sha256 check FAILED: the image differs from the simulated disk");
                run.Line("disk:    " + expected);
                if (!same) run.Line("image:   " + got);
                run.Line("image:   " + image);
                run.Line("mapfile: " + image + ".map");
            }
            return same ? ExitCodes.Ok : ExitCodes.Incomplete;
        });
        return command;
    }

    /// <summary>Runs one real command on the simulator: its text straight through, or with
    /// --json its document kept as one member of the demo's.</summary>
    private static async Task<int> StepAsync(Invocation run, JsonObject steps, string name, params string[] args)
    {
        if (!run.Json) return await CliApp.RunAsync(args, run.Console, run.Cancel);
        var captured = new StringWriter();
        var console = new CliConsole(captured, run.Console.Error, TextReader.Null, false, false, false);
        int rc = await CliApp.RunAsync(args.Append("--json").ToArray(), console, run.Cancel);
        steps[name] = JsonNode.Parse(captured.ToString());
        if (rc != ExitCodes.Ok) run.Emit(steps);
        return rc;
    }
}
