using System.CommandLine;
using System.Text.Json;
using Xunit;

namespace ScsiBridge.Cli.Tests;

/// <summary>
/// Every command with garbage for every option and argument, generated from the command tree,
/// so an option added later is swept too. Whatever the value, the tool ends with a documented
/// exit code, never a stack trace, and with --json prints exactly one document that says the
/// same as the exit code. A number, a choice or a path that is not one is exit 2 with a message
/// naming the option.
/// </summary>
public sealed class OptionSweepTests : IDisposable
{
    /// <summary>A word where a number goes, numbers out of every range, nothing, a path no system
    /// accepts.</summary>
    private static readonly string[] Garbage = { "abc", "-1", "99999999999999999999", "", "bad\0path" };

    /// <summary>For paths, only what no system takes: a word would be a file or folder made in
    /// the test's working folder.</summary>
    private static readonly string[] PathGarbage = { "", "bad\0path" };

    private static readonly int[] Documented =
    {
        ExitCodes.Ok, ExitCodes.Failure, ExitCodes.Usage, ExitCodes.Link, ExitCodes.DeviceNotFound, ExitCodes.CheckCondition,
        ExitCodes.Permission, ExitCodes.Incomplete, ExitCodes.Busy, ExitCodes.Interrupted,
    };

    private readonly TempFolder _folder = new TempFolder();

    public void Dispose() => _folder.Dispose();

    /// <summary>Every command that runs (not the groups), with the words that name it.</summary>
    private static IEnumerable<(string[] Path, Command Command)> Leaves(Command c, string[] path)
    {
        if (c.Action != null) yield return (path, c);
        foreach (Command sub in c.Subcommands)
        {
            foreach (var leaf in Leaves(sub, path.Append(sub.Name).ToArray())) yield return leaf;
        }
    }

    private static bool IsPath(Type t) => typeof(FileSystemInfo).IsAssignableFrom(t);

    private static IEnumerable<Option> OptionsOf(Command command, RootCommand root) =>
        command.Options.Concat(root.Options.Where(o => o.Recursive)).Where(o => !o.Hidden && o.Name is not ("--help" or "--version"));

    public static IEnumerable<object[]> Cases()
    {
        RootCommand root = new CliApp(new CliConsole(TextWriter.Null, TextWriter.Null, TextReader.Null, false, false, false)).Root;
        foreach (var (path, command) in Leaves(root, Array.Empty<string>()))
        {
            foreach (Option o in OptionsOf(command, root))
            {
                foreach (string g in IsPath(o.ValueType) ? PathGarbage : Garbage) yield return new object[] { string.Join(' ', path), o.Name, g };
            }
            foreach (Argument a in command.Arguments)
            {
                foreach (string g in IsPath(a.ValueType) ? PathGarbage : Garbage) yield return new object[] { string.Join(' ', path), "<" + a.Name + ">", g };
            }
        }
    }

    [Fact]
    public void The_sweep_covers_every_command_and_option()
    {
        var cases = Cases().Select(c => ((string)c[0], (string)c[1])).Distinct().ToList();
        Assert.Contains(("dump", "--blocks"), cases);
        Assert.Contains(("target attach", "--kind"), cases);
        Assert.Contains(("cdb", "<hex>"), cases);
        Assert.Contains(("sim", "--bad-blocks"), cases);
        Assert.Contains(("inquiry", "--port"), cases);  // the options every command takes
        Assert.True(cases.Select(c => c.Item1).Distinct().Count() >= 17, string.Join(", ", cases.Select(c => c.Item1).Distinct()));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Garbage_is_a_clean_error_with_one_json_document(string commandPath, string target, string garbage)
    {
        RootCommand root = new CliApp(new CliConsole(TextWriter.Null, TextWriter.Null, TextReader.Null, false, false, false)).Root;
        var (_, command) = Leaves(root, Array.Empty<string>()).Single(l => string.Join(' ', l.Path) == commandPath);
        var args = new List<string>(commandPath.Split(' '));
        Option? option = OptionsOf(command, root).SingleOrDefault(o => o.Name == target);
        foreach (Option required in OptionsOf(command, root).Where(o => o.Required && o != option))
        {
            args.Add(required.Name);
            args.Add(ValidValue(required.Name));
        }
        if (commandPath == "demo" && target != "--dir") args.AddRange(new[] { "--dir", _folder.File("demo") });
        if (option != null)
        {
            args.Add(option.Name);
            args.Add(garbage);
        }
        if (target != "--port") args.AddRange(new[] { "--port", _folder.File("no-such-port") });
        if (target != "--json") args.Add("--json");
        foreach (Argument a in command.Arguments)
        {
            string[] values = "<" + a.Name + ">" == target ? new[] { garbage } : ValidArgument(a.Name);
            if (a.Name == "command") args.Add("--");
            args.AddRange(values);
        }

        // Cancelled from the start: a value that is accepted (a port, a path) runs into the missing
        // port or stops at once, and nothing long-running (sim, demo, events) is left waiting.
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var r = await Cli.RunAsync(cancelled.Token, args.ToArray());
        string shown = string.Join(" ", args.Select(a => "'" + a.Replace("\0", "\\0") + "'"));

        Assert.Contains(r.Code, Documented);
        Assert.DoesNotContain("   at ", r.Err);
        Assert.DoesNotContain("unexpected", r.Err);
        if (target != "--json")
        {
            using JsonDocument doc = JsonDocument.Parse(r.Out);  // exactly one document, or this throws
            Assert.Equal(r.Code == 0, doc.RootElement.GetProperty("ok").GetBoolean());
            if (r.Code != 0) Assert.Equal(r.Code, doc.RootElement.GetProperty("exitCode").GetInt32());
        }
        if (option != null && RefusesAnyGarbage(option))
        {
            Assert.True(r.Code == ExitCodes.Usage, shown + " -> exit " + r.Code + ": " + r.Err);
            Assert.Contains(option.Name, r.Err);
        }
    }

    /// <summary>Options whose every garbage value is wrong: numbers (each range excludes -1 and
    /// 10^20), and paths (garbage that is a path is only "" or has a NUL in it).</summary>
    private static bool RefusesAnyGarbage(Option o) => o.ValueType == typeof(int) || o.ValueType == typeof(long) || o.ValueType == typeof(double)
                                                      || o.ValueType == typeof(int[]) || IsPath(o.ValueType) || o.Name is "--kind" or "--link";

    private string ValidValue(string option) => option switch
    {
        "--id" => "0",
        "--initiator" => "2",
        "--output" => _folder.File("out.bin"),
        "--vcd" => _folder.File("bus.vcd"),
        "--name" => "disk.img",
        _ => throw new InvalidOperationException("the sweep needs a valid value for the required option " + option + "; add one to ValidValue"),
    };

    private string[] ValidArgument(string argument)
    {
        switch (argument)
        {
            case "hex":
                return new[] { "12", "00", "00", "00", "24", "00" };
            case "image":
                string image = _folder.File("image.img");
                File.WriteAllBytes(image, new byte[512]);
                return new[] { image };
            case "command":
                return new[] { "inquiry", "--id", "0" };
            default:
                throw new InvalidOperationException("the sweep needs a valid value for the argument " + argument + "; add one to ValidArgument");
        }
    }
}
