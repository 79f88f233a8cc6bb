using System.CommandLine;
using System.CommandLine.Parsing;
using ScsiBridge.Cli.Commands;

namespace ScsiBridge.Cli;

/// <summary>
/// The scsibridge command line: every command, parsed by System.CommandLine, run with the
/// console and cancellation it is given. Program.Main runs it on the process's streams; tests
/// run the same entry point on their own.
/// </summary>
internal sealed class CliApp
{
    private readonly CliConsole _console;
    private readonly GlobalOptions _globals = new GlobalOptions();
    private readonly RootCommand _root;

    public CliApp(CliConsole console)
    {
        _console = console;
        _root = new RootCommand("scsibridge: image vintage SCSI disks, tapes and CD-ROMs, serve images to vintage computers, through a ScsiBridge board or its simulator.");
        _globals.AddTo(_root);
        foreach (Command c in Commands()) _root.Subcommands.Add(c);
    }

    public static Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancel) => new CliApp(console).RunAsync(args, cancel);

    private IEnumerable<Command> Commands()
    {
        yield return PortsCommand.Create(this);
        yield return InfoCommand.Create(this);
        yield return SelfTestCommand.Create(this);
        yield return ScanCommand.Create(this);
        foreach (Command c in UnitCommands.Create(this)) yield return c;
        yield return ModesCommand.Create(this);
        yield return CdbCommand.Create(this);
        yield return DumpCommand.Create(this);
        yield return RestoreCommand.Create(this);
        yield return IdentityCommand.Create(this);
        yield return EventsCommand.Create(this);
        yield return TargetCommand.Create(this);
        yield return IscsiCommand.Create(this);
        yield return TraceCommand.Create(this);
        yield return SimCommand.Create(this);
        yield return DemoCommand.Create(this);
    }

    public async Task<int> RunAsync(string[] args, CancellationToken cancel)
    {
        ParseResult parse;
        try
        {
            parse = _root.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException)
        {
            // A value a converter of System.CommandLine could not take: still a usage error.
            return UsageError(args.Contains("--json"), "a value on the command line cannot be used: " + e.Message, "scsibridge");
        }
        if (parse.Errors.Count > 0)
        {
            string message = string.Join("; ", parse.Errors.Select(e => e.Message));
            return UsageError(JsonAsked(parse, args), message, CommandPath(parse.CommandResult));
        }
        var config = new InvocationConfiguration
        {
            Output = _console.Out,
            Error = _console.Error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,  // Ctrl-C is ours: it cancels, and a dump saves its map
        };
        return await parse.InvokeAsync(config, cancel);
    }

    /// <summary>A command line that is wrong: exit 2, the message on stderr with where the usage
    /// is, and with --json the one document on stdout.</summary>
    private int UsageError(bool json, string message, string command)
    {
        if (json)
        {
            var doc = new System.Text.Json.Nodes.JsonObject
            {
                ["ok"] = false, ["exitCode"] = ExitCodes.Usage, ["exitName"] = ExitCodes.Name(ExitCodes.Usage), ["error"] = message,
            };
            _console.Out.WriteLine(doc.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        }
        _console.Error.WriteLine("error: " + message);
        _console.Error.WriteLine("(" + command + " --help shows the usage)");
        return ExitCodes.Usage;
    }

    /// <summary>The words that name a command as a person types them: "scsibridge target attach".</summary>
    private static string CommandPath(CommandResult command)
    {
        var words = new List<string>();
        for (SymbolResult? r = command; r != null; r = r.Parent)
        {
            if (r is CommandResult c) words.Insert(0, c.Command is RootCommand ? "scsibridge" : c.Command.Name);
        }
        return string.Join(' ', words);
    }

    /// <summary>Every command, for help and for tests that walk them all.</summary>
    internal RootCommand Root => _root;

    /// <summary>Whether --json was given, even on a command line that failed to parse (a value
    /// that did not convert cannot be read back, so the words are looked at then).</summary>
    private bool JsonAsked(ParseResult parse, string[] args)
    {
        try
        {
            return parse.GetValue(_globals.Json);
        }
        catch (InvalidOperationException)
        {
            return args.Contains("--json");
        }
    }

    /// <summary>Makes a command run body with its Invocation; failures become exit codes and messages.</summary>
    public void Handle(Command command, Func<Invocation, Task<int>> body)
    {
        command.SetAction(async (parse, cancel) =>
        {
            var run = new Invocation(parse, _globals, _console, cancel);
            try
            {
                int code = await body(run);
                run.Finish(code);
                return code;
            }
            catch (Exception e)
            {
                var (code, message) = Failures.Explain(e, cancel);
                if (run.Json) run.EmitError(code, message);
                _console.Error.WriteLine(code == ExitCodes.Interrupted ? "scsibridge: " + message : "error: " + message);
                return code;
            }
        });
    }
}
