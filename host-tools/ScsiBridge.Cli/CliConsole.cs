using Spectre.Console;

namespace ScsiBridge.Cli;

/// <summary>
/// Where the tool reads and writes: results on Out, messages and progress on Error, answers to
/// questions from In. Whether each is a terminal decides between the human form (tables,
/// colour, a live progress bar) and the plain form for pipes and files.
/// </summary>
internal sealed class CliConsole
{
    public CliConsole(TextWriter output, TextWriter error, TextReader input, bool outputIsTerminal, bool errorIsTerminal, bool inputIsTerminal)
    {
        Out = output;
        Error = error;
        In = input;
        OutIsTerminal = outputIsTerminal;
        ErrorIsTerminal = errorIsTerminal;
        InIsTerminal = inputIsTerminal;
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    public TextReader In { get; }

    public bool OutIsTerminal { get; }

    public bool ErrorIsTerminal { get; }

    public bool InIsTerminal { get; }

    /// <summary>The process's own streams.</summary>
    public static CliConsole System() => new CliConsole(Console.Out, Console.Error, Console.In,
        !Console.IsOutputRedirected, !Console.IsErrorRedirected, !Console.IsInputRedirected);

    /// <summary>Spectre's console over Out (tables) when Out is a terminal.</summary>
    public IAnsiConsole TerminalOut() => Terminal(Out);

    /// <summary>Spectre's console over Error (the progress bar) when Error is a terminal.</summary>
    public IAnsiConsole TerminalError() => Terminal(Error);

    private static IAnsiConsole Terminal(TextWriter writer) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = AnsiSupport.Detect,
        ColorSystem = ColorSystemSupport.Detect,
        Interactive = InteractionSupport.Yes,
        Out = new AnsiConsoleOutput(writer),
    });
}
