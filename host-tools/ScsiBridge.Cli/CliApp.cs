using System.CommandLine;
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
        ParseResult parse = _root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            string message = string.Join("; ", parse.Errors.Select(e => e.Message));
            if (parse.GetValue(_globals.Json)) new Invocation(parse, _globals, _console, cancel).EmitError(ExitCodes.Usage, message);
            _console.Error.WriteLine("error: " + message);
            _console.Error.WriteLine("(scsibridge " + (parse.CommandResult.Command == _root ? "" : parse.CommandResult.Command.Name + " ") + "--help shows the usage)");
            return ExitCodes.Usage;
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

    /// <summary>Makes a command run body with its Invocation; failures become exit codes and messages.</summary>
    public void Handle(Command command, Func<Invocation, Task<int>> body)
    {
        command.SetAction(async (parse, cancel) =>
        {
            var run = new Invocation(parse, _globals, _console, cancel);
            try
            {
                return await body(run);
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
