using System.CommandLine;
using ScsiBridge.Client.Api;
using ScsiBridge.Cli.Output;

namespace ScsiBridge.Cli.Commands;

/// <summary>
/// scsibridge selftest: the bridge runs its on-board self-tests (ring, codec, link echo, and with
/// --unplugged the pin loopback) and the tool prints each result. Exit 0 when none failed.
/// </summary>
internal static class SelfTestCommand
{
    public static Command Create(CliApp app)
    {
        var unplugged = new Option<bool>("--unplugged")
        {
            Description = "the cable is unplugged and the bus terminated: also run the pin loopback, which drives every bus line (elevates the session)",
        };
        var command = new Command("selftest", "run the bridge's self-tests and print their results") { unplugged };
        app.Handle(command, async run =>
        {
            bool busUnplugged = run.Get(unplugged);
            await using BridgeSession session = await run.ConnectAsync(elevate: busUnplugged);
            IReadOnlyList<SelfTestReport> reports = await session.Client.SelfTestAsync(busUnplugged, run.Cancel);
            int passed = reports.Count(r => r.Passed);
            int skipped = reports.Count(r => r.Skipped);
            int failed = reports.Count - passed - skipped;
            if (run.Json)
            {
                run.Emit(new { port = session.Client.PortName, board = session.Info.BoardName, passed, failed, skipped, tests = reports });
            }
            else
            {
                var table = new TextTable("TEST", "RESULT", "MESSAGE");
                foreach (SelfTestReport r in reports) table.Add(r.Name, r.Outcome, r.Message);
                table.Write(run.Console, "self-tests of " + session.Info.BoardName + " on " + session.Client.PortName);
                run.Line(passed + " passed, " + failed + " failed, " + skipped + " skipped");
                if (skipped > 0 && !busUnplugged) run.Note("the pin loopback needs the cable unplugged and the bus terminated: scsibridge selftest --unplugged");
            }

            return failed == 0 ? ExitCodes.Ok : ExitCodes.Failure;
        });
        return command;
    }
}
