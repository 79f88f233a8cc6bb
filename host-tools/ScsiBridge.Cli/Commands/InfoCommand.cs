using System.CommandLine;

namespace ScsiBridge.Cli.Commands;

/// <summary>scsibridge info: who the bridge is (HELLO) and what its adapter can do (IOCINFO).</summary>
internal static class InfoCommand
{
    public static Command Create(CliApp app)
    {
        var command = new Command("info", "show the bridge's firmware, board, link window and adapter (HELLO and IOCINFO)");
        app.Handle(command, async run =>
        {
            await using BridgeSession session = await run.ConnectAsync(elevate: false);
            var hello = session.Info;
            var adapter = await session.Client.IocInfoAsync(run.Cancel);
            if (run.Json)
            {
                run.Emit(new { port = session.Client.PortName, hello, adapter });
                return ExitCodes.Ok;
            }
            run.Fields(new[]
            {
                ("port", session.Client.PortName),
                ("board", hello.BoardName),
                ("firmware", hello.FirmwareVersion),
                ("protocol", hello.Version.ToString()),
                ("adapter SCSI ID", adapter.ScsiId.ToString()),
                ("max transfer", adapter.MaxTransfer + " bytes"),
                ("buffer ring", adapter.RingBuffers + " x " + adapter.RingBufferSize + " bytes"),
                ("request window", hello.Window.ToString()),
                ("write credits", hello.Credits.ToString()),
                ("max frame payload", hello.MaxPayload + " bytes"),
                ("capabilities", Capabilities(adapter.Capabilities)),
            });
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The IOCINFO capability bits in words (docs/adapter.md).</summary>
    private static string Capabilities(uint bits)
    {
        string[] names = { "disconnect", "synchronous", "parity", "target mode", "SCSI-1 selection" };
        var set = names.Where((_, i) => (bits & (1u << i)) != 0).ToList();
        return set.Count == 0 ? "none" : string.Join(", ", set);
    }
}
