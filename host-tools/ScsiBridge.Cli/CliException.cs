namespace ScsiBridge.Cli;

/// <summary>A failure the tool explains itself: the message says what happened and what to do,
/// the exit code says which kind it was (<see cref="ExitCodes"/>).</summary>
internal sealed class CliException : Exception
{
    public CliException(int exitCode, string message, Exception? inner = null)
        : base(message, inner)
    {
        ExitCode = exitCode;
    }

    public int ExitCode { get; }
}
