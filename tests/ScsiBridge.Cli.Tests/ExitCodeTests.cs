using System.Text.RegularExpressions;
using Xunit;

namespace ScsiBridge.Cli.Tests;

/// <summary>
/// Every exit code of docs/cli.md, each brought about through the real command line against a
/// simulator, with --json saying the same: "ok" only for 0, otherwise the code and its name.
/// </summary>
public sealed class ExitCodeTests : IClassFixture<ExitCodeTests.Bus>
{
    public sealed class Bus : IDisposable
    {
        internal Simulator Sim { get; } = new Simulator(f =>
                                                         {
                                                             ScsiBridge.Cli.Demo.DemoMedia.WriteDisk(f.File("worn.img"), 1);
                                                             ScsiBridge.Cli.Demo.DemoMedia.WriteDisk(f.File("worn4.img"), 1);
                                                         },
                                                         "--disk", "1:{dir}/worn.img:ro", "--bad-blocks", "1:5",
                                                         "--disk", "4:{dir}/worn4.img", "--bad-blocks", "4:5");

        public void Dispose() => Sim.Dispose();
    }

    private readonly Simulator _sim;

    public ExitCodeTests(Bus bus)
    {
        _sim = bus.Sim;
    }

    private static string Repository()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "ScsiBridge.sln"))) return d.FullName;
        }
        throw new InvalidOperationException("the repository (ScsiBridge.sln) is not above " + AppContext.BaseDirectory);
    }

    /// <summary>The exit code table of docs/cli.md: code and name.</summary>
    private static Dictionary<int, string> DocumentedCodes()
    {
        string doc = File.ReadAllText(Path.Combine(Repository(), "docs", "cli.md"));
        string section = doc[doc.IndexOf("## Exit codes", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        return Regex.Matches(section, @"^\| (\d+) \| ([a-z-]+) \|", RegexOptions.Multiline)
                    .ToDictionary(m => int.Parse(m.Groups[1].Value), m => m.Groups[2].Value);
    }

    [Fact]
    public void The_documented_table_is_the_one_the_tool_uses()
    {
        Dictionary<int, string> documented = DocumentedCodes();
        Assert.Equal(new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 130 }, documented.Keys.OrderBy(k => k));
        foreach (var (code, name) in documented) Assert.Equal(name, ExitCodes.Name(code));
    }

    public static IEnumerable<object[]> Codes() => new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 130 }.Select(c => new object[] { c });

    [Theory]
    [MemberData(nameof(Codes))]
    public async Task Each_exit_code_happens_as_documented_and_json_says_so(int expected)
    {
        Cli.Result r = await CauseAsync(expected, json: true);
        Assert.True(expected == r.Code, "expected exit " + expected + ", got " + r.Code + ": " + r.Err);
        Assert.Equal(expected == 0, r.Json.GetProperty("ok").GetBoolean());
        if (expected != 0)
        {
            Assert.Equal(expected, r.Json.GetProperty("exitCode").GetInt32());
            Assert.Equal(DocumentedCodes()[expected], r.Json.GetProperty("exitName").GetString());
        }
        Cli.Result text = await CauseAsync(expected, json: false);
        Assert.Equal(expected, text.Code);
        // A failure says so on stderr; 5, 7 and 9 are answers (the sense, the unreadable blocks, the block that differs) on stdout.
        if (expected is not (0 or 5 or 7 or 9)) Assert.Matches("^(error|scsibridge): ", text.Err.Split('\n').Last(l => l.Length > 0 && !l.StartsWith("(")));
    }

    private async Task<Cli.Result> CauseAsync(int code, bool json)
    {
        string[] j = json ? new[] { "--json" } : Array.Empty<string>();
        string fresh = _sim.Folder.File("out-" + Guid.NewGuid().ToString("N"));
        switch (code)
        {
            case ExitCodes.Ok:
                return _sim.Run(new[] { "info" }.Concat(j).ToArray());
            case ExitCodes.Failure:  // a file fault: the image's folder is not there
                return _sim.Run(new[] { "dump", "--id", "0", "-o", Path.Combine(fresh, "x.img") }.Concat(j).ToArray());
            case ExitCodes.Usage:
                return _sim.Run(new[] { "inquiry", "--id", "9" }.Concat(j).ToArray());
            case ExitCodes.Link:
                return Cli.Run(new[] { "info", "--port", _sim.Folder.File("no-such-port") }.Concat(j).ToArray());
            case ExitCodes.DeviceNotFound:
                return _sim.Run(new[] { "tur", "--id", "2" }.Concat(j).ToArray());
            case ExitCodes.CheckCondition:
                return _sim.Run(new[] { "cdb", "--id", "0", "--privileged", "--in", "512", "28 00 00 01 00 00 00 00 01 00" }.Concat(j).ToArray());
            case ExitCodes.Permission:
                return _sim.Run(new[] { "cdb", "--id", "0", "--in", "36", "12 00 00 00 24 00" }.Concat(j).ToArray());
            case ExitCodes.Incomplete:
                return _sim.Run(new[] { "dump", "--id", "1", "-o", fresh + ".img", "--retries", "0" }.Concat(j).ToArray());
            case ExitCodes.Busy:
                await using (await ScsiBridge.Client.Api.BridgeClient.ConnectAsync(_sim.Port))
                {
                    return _sim.Run(new[] { "info" }.Concat(j).ToArray());
                }
            case ExitCodes.Mismatch:  // a restore onto a drive whose block 5 does not read back
                File.WriteAllBytes(fresh + ".img", new byte[16 * 512]);
                return _sim.Run(new[] { "restore", "--id", "4", "--allow-write", "--yes", fresh + ".img" }.Concat(j).ToArray());
            case ExitCodes.Interrupted:
                return await InterruptedDumpAsync(fresh + ".img", j);
            default:
                throw new ArgumentOutOfRangeException(nameof(code));
        }
    }

    /// <summary>A dump stopped as Ctrl-C stops it: the moment its copy phase starts.</summary>
    private async Task<Cli.Result> InterruptedDumpAsync(string image, string[] json)
    {
        using var stop = new CancellationTokenSource();
        var output = new StringWriter();
        var error = new CancelOnText("copying", stop);
        var console = new CliConsole(TextWriter.Synchronized(output), TextWriter.Synchronized(error), TextReader.Null, false, false, false);
        string[] args = new[] { "dump", "--id", "0", "-o", image, "--port", _sim.Port }.Concat(json).ToArray();
        if (json.Length > 0)
        {
            // No progress lines with --json: stop when the image file appears instead.
            var watch = Task.Run(async () =>
            {
                while (!File.Exists(image) && !stop.IsCancellationRequested) await Task.Delay(1);
                stop.Cancel();
            });
            int rc = await CliApp.RunAsync(args, console, stop.Token);
            await watch;
            return new Cli.Result(rc, output.ToString(), error.ToString());
        }
        int code = await CliApp.RunAsync(args, console, stop.Token);
        return new Cli.Result(code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Ctrl_c_says_what_was_saved_and_the_command_that_resumes_it()
    {
        string image = _sim.Folder.File("stopped.img");
        Cli.Result r = await InterruptedDumpAsync(image, Array.Empty<string>());
        Assert.Equal(ExitCodes.Interrupted, r.Code);
        Assert.Contains("saved in " + image + ", with the mapfile " + image + ".map", r.Err);
        Match resume = Regex.Match(r.Err, "to resume, run: (scsibridge [^\n]+)");
        Assert.True(resume.Success, r.Err);
        Assert.True(File.Exists(image + ".map"));

        string[] words = resume.Groups[1].Value.Trim().Split(' ');
        Cli.Result resumed = Cli.Run(words.Skip(1).ToArray());
        Assert.Equal(0, resumed.Code);
        Assert.Contains("resuming from " + image + ".map", resumed.Err);
        Assert.Equal(File.ReadAllBytes(_sim.Disk), File.ReadAllBytes(image));
    }

    /// <summary>Stderr that cancels the run once a given text has been written to it.</summary>
    private sealed class CancelOnText : StringWriter
    {
        private readonly string _text;
        private readonly CancellationTokenSource _cancel;

        public CancelOnText(string text, CancellationTokenSource cancel)
        {
            _text = text;
            _cancel = cancel;
        }

        public override void Write(char value)
        {
            base.Write(value);
            Check();
        }

        public override void Write(string? value)
        {
            base.Write(value);
            Check();
        }

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            Check();
        }

        private void Check()
        {
            if (!_cancel.IsCancellationRequested && ToString().Contains(_text, StringComparison.Ordinal)) _cancel.Cancel();
        }
    }
}
