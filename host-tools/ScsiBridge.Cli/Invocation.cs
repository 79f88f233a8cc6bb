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
    };

    private readonly ParseResult _parse;
    private readonly GlobalOptions _globals;
    private bool _emitted;

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

    /// <summary>The JSON answer: one document on stdout, with "ok": true in front.</summary>
    public void Emit(object result)
    {
        if (_emitted) throw new InvalidOperationException("a command emits one JSON document");
        _emitted = true;
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
        Console.Out.WriteLine(doc.ToJsonString(JsonOptions));
    }

    /// <summary>The JSON document of a failure (with --json), so a script always has one to parse.</summary>
    public void EmitError(int exitCode, string message)
    {
        if (_emitted) return;
        _emitted = true;
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
