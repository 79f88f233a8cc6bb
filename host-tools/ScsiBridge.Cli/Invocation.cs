using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using ScsiBridge.Client.Api;

namespace ScsiBridge.Cli;

/// <summary>
/// One run of one command: its parsed values, the console, the cancellation Ctrl-C triggers,
/// the connection to the bridge, and the two ways of answering (JSON document or text).
/// </summary>
internal sealed class Invocation
{
    private static readonly JsonSerializerOptions JsonOptions = new JsonSerializerOptions
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,  // messages keep their ` and '
    };

    private readonly ParseResult _parse;
    private readonly GlobalOptions _globals;
    private JsonObject? _document;
    private bool _written;

    public Invocation(ParseResult parse, GlobalOptions globals, CliConsole console, CancellationToken cancel)
    {
        _parse = parse;
        _globals = globals;
        Console = console;
        Cancel = cancel;
    }

    public CliConsole Console { get; }

    public CancellationToken Cancel { get; }

    public bool Json => _parse.GetValue(_globals.Json);

    public T Get<T>(Option<T> option) => _parse.GetValue(option)!;

    public T Get<T>(Argument<T> argument) => _parse.GetValue(argument)!;

    public string? Port => _parse.GetValue(_globals.Port);

    public int Baud => _parse.GetValue(_globals.Baud);

    /// <summary>Opens the bridge's port, says HELLO and (unless told not to) ELEVATE.</summary>
    public Task<BridgeSession> ConnectAsync(bool elevate = true) =>
        BridgeSession.OpenAsync(Port, _parse.GetValue(_globals.Baud), elevate ? _parse.GetValue(_globals.Pin) ?? "" : null, Cancel);

    /// <summary>The JSON answer: one document, written to stdout when the command ends (<see
    /// cref="Finish"/>), so that its "ok" and exit code say how the command ended.</summary>
    public void Emit(object result)
    {
        if (_document != null || _written) throw new InvalidOperationException("a command emits one JSON document");
        JsonNode? node = JsonSerializer.SerializeToNode(result, JsonOptions);
        var doc = new JsonObject { ["ok"] = true };
        if (node is JsonObject o)
        {
            foreach (var (key, value) in o.ToList())
            {
                o.Remove(key);
                doc[key] = value;
            }
        }
        else
        {
            doc["result"] = node;
        }
        _document = doc;
    }

    /// <summary>The document of a command that goes on serving once it is up (sim): written at
    /// once, as a success, so a script can read the port while the command runs.</summary>
    public void EmitNow(object result)
    {
        Emit(result);
        Finish(ExitCodes.Ok);
    }

    /// <summary>
    /// Writes the JSON document of a command that returned exitCode: "ok" is true only for 0;
    /// any other code adds exitCode and exitName to what the command reported (a dump with
    /// unreadable blocks still says where they are). A command that emitted nothing still gets
    /// a document, so a script always has one to parse.
    /// </summary>
    public void Finish(int exitCode)
    {
        if (!Json || _written) return;
        _written = true;
        JsonObject doc = _document ?? new JsonObject { ["ok"] = true };
        doc["ok"] = exitCode == ExitCodes.Ok;
        if (exitCode != ExitCodes.Ok)
        {
            doc["exitCode"] = exitCode;
            doc["exitName"] = ExitCodes.Name(exitCode);
        }
        Console.Out.WriteLine(doc.ToJsonString(JsonOptions));
    }

    /// <summary>The JSON document of a failure (with --json), so a script always has one to parse.</summary>
    public void EmitError(int exitCode, string message)
    {
        if (_written) return;
        _written = true;
        var doc = new JsonObject
        {
            ["ok"] = false,
            ["exitCode"] = exitCode,
            ["exitName"] = ExitCodes.Name(exitCode),
            ["error"] = message,
        };
        Console.Out.WriteLine(doc.ToJsonString(JsonOptions));
    }

    /// <summary>A line of the text answer (never with --json: stdout holds the document only).</summary>
    public void Line(string text = "")
    {
        if (!Json) Console.Out.WriteLine(text);
    }

    /// <summary>Name and value pairs, names aligned.</summary>
    public void Fields(IEnumerable<(string Name, string Value)> fields)
    {
        var list = fields.ToList();
        int width = list.Count == 0 ? 0 : list.Max(f => f.Name.Length) + 1;
        foreach (var (name, value) in list) Line((name + ":").PadRight(width + 1) + value);
    }

    /// <summary>A message for the person (stderr, so it never mixes into the results).</summary>
    public void Note(string text) => Console.Error.WriteLine(text);
}
