using System.Text.Json;
using ScsiBridge.Cli;

namespace ScsiBridge.Cli.Tests;

/// <summary>Runs scsibridge through its real entry point with captured stdout and stderr.</summary>
internal static class Cli
{
    public sealed record Result(int Code, string Out, string Err)
    {
        public JsonElement Json => JsonDocument.Parse(Out).RootElement;
    }

    public static Result Run(params string[] args) => RunAsync(CancellationToken.None, args).GetAwaiter().GetResult();

    public static async Task<Result> RunAsync(CancellationToken cancel, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole(TextWriter.Synchronized(output), TextWriter.Synchronized(error), TextReader.Null, false, false, false);
        int code = await CliApp.RunAsync(args, console, cancel);
        return new Result(code, output.ToString(), error.ToString());
    }
}
