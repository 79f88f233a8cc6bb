using ScsiBridge.Client.Api;
using ScsiBridge.Client.Transports;

namespace ScsiBridge.Cli;

/// <summary>
/// Every way a command can fail, as an exit code and a message a person can act on: what
/// happened, and what to try.
/// </summary>
internal static class Failures
{
    public static (int ExitCode, string Message) Explain(Exception e, CancellationToken cancel) => e switch
    {
        CliException c => (c.ExitCode, c.Message),
        OperationCanceledException when cancel.IsCancellationRequested => (ExitCodes.Interrupted, "interrupted"),
        LinkPortBusyException b => (ExitCodes.Busy, b.Message),
        LinkTransportException t when t.ErrnoName is "EACCES" or "EPERM" =>
            (ExitCodes.Permission, t.Message + " (on Linux, join the group that owns the port, usually dialout, and log in again)"),
        LinkTransportException t when t.ErrnoName is "ENOENT" =>
            (ExitCodes.Link, t.Message + " (`scsibridge ports` lists the ports that could be the bridge)"),
        LinkTransportException t => (ExitCodes.Link, t.Message),
        BridgeTimeoutException t => (ExitCodes.Link, t.Message),
        BridgeLinkException l => (ExitCodes.Link, l.Message),
        BridgeErrnoException { Errno: 1 } p => (ExitCodes.Permission, p.Message),
        BridgeErrnoException { Errno: 19 } n => (ExitCodes.DeviceNotFound, n.Message + "; `scsibridge scan` lists what is on the bus"),
        BridgeErrnoException { Errno: 16 } b => (ExitCodes.Busy, b.Message + "; another program may be using it, or a previous command is still running"),
        BridgeErrnoException other => (ExitCodes.Failure, other.Message),
        ScsiCommandException s => (ExitCodes.CheckCondition, "the device refused the command: " + s.Message + Advice(s.Result.Sense)),
        BridgeException b => (ExitCodes.Link, b.Message),
        FormatException f => (ExitCodes.Usage, f.Message),
        ArgumentException a => (ExitCodes.Usage, WithoutParameter(a)),
        // Every file fault is exit 1 (docs/cli.md), whichever way the system reports it.
        FileNotFoundException or DirectoryNotFoundException => (ExitCodes.Failure, e.Message.TrimEnd('.') + "; check the path"),
        UnauthorizedAccessException u => (ExitCodes.Failure, u.Message + " (no permission on that file or folder)"),
        IOException io => (ExitCodes.Failure, io.Message),
        _ => (ExitCodes.Failure, "unexpected " + e.GetType().Name + ": " + e.Message),
    };

    /// <summary>An argument exception's message without .NET's " (Parameter 'x')" tail, which
    /// names a variable in the code, not anything the person typed.</summary>
    private static string WithoutParameter(ArgumentException a) =>
        a.ParamName == null ? a.Message : a.Message.Replace(" (Parameter '" + a.ParamName + "')", "", StringComparison.Ordinal);

    /// <summary>What a person does about the common sense keys.</summary>
    private static string Advice(SenseData? sense) => sense?.Key switch
    {
        2 when sense.Asc == 0x3A => " (no medium: insert one)",
        2 => " (not ready: the drive may still be spinning up; try again in a moment)",
        5 => " (the device does not support this command or a field of it)",
        6 => " (unit attention: the device was reset or its medium changed; run the command again)",
        7 => " (the medium is write-protected)",
        _ => "",
    };
}
