using System.Runtime.InteropServices;

namespace ScsiBridge.Cli;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        // The first Ctrl-C (or SIGTERM) asks the command to stop: a dump finishes the read in
        // flight, writes its image and mapfile, and exits 130. A second Ctrl-C kills at once.
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => Stop(c, cancel));
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => Stop(c, cancel));
        return await CliApp.RunAsync(args, CliConsole.System(), cancel.Token);
    }

    private static void Stop(PosixSignalContext context, CancellationTokenSource cancel)
    {
        if (cancel.IsCancellationRequested) return;  // the default action: the process ends
        context.Cancel = true;
        cancel.Cancel();
    }
}
