using System.CommandLine;
using ScsiBridge.Cli.Output;
using ScsiBridge.Client.Api;

namespace ScsiBridge.Cli.Commands;

/// <summary>scsibridge ports: the serial ports the bridge may be behind, with their stable by-id names.</summary>
internal static class PortsCommand
{
    public static Command Create(CliApp app)
    {
        var command = new Command("ports", "list the serial ports that could be the bridge, with their /dev/serial/by-id names");
        app.Handle(command, run =>
        {
            var ports = BridgeClient.ListPorts();
            if (run.Json)
            {
                run.Emit(new { ports = ports.Select(p => new { path = p.Path, byId = p.ByIdPath }) });
                return Task.FromResult(ExitCodes.Ok);
            }
            if (ports.Count == 0)
            {
                run.Line("no serial port looks like a bridge (no ttyUSB*, ttyACM* or /dev/serial/by-id entry); is it plugged in?");
                return Task.FromResult(ExitCodes.Ok);
            }
            var table = new TextTable("PORT", "BY-ID");
            foreach (var p in ports) table.Add(p.Path, p.ByIdPath ?? "-");
            table.Write(run.Console);
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }
}
