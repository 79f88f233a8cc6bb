using System.CommandLine;
using ScsiBridge.Cli.Output;
using ScsiBridge.Client.Api;
using ScsiBridge.Client.Transports;

namespace ScsiBridge.Cli.Commands;

/// <summary>
/// scsibridge ports: the serial ports the bridge may be behind, with their stable by-id names;
/// with --probe, what answers on each (a bridge, a board without the firmware, something else).
/// </summary>
internal static class PortsCommand
{
    private const int ListenMs = 1500;

    public static Command Create(CliApp app)
    {
        var probe = new Option<bool>("--probe") { Description = "send HELLO to each port and say what answers (about 1.5 s a port)" };
        var command = new Command("ports", "list the serial ports that could be the bridge, with their /dev/serial/by-id names") { probe };
        app.Handle(command, run =>
        {
            var ports = BridgeClient.ListPorts();
            bool asking = run.Get(probe);
            var answers = ports.Select(p => asking ? Ask(p.Path, run.Baud) : null).ToList();
            if (run.Json)
            {
                run.Emit(new { ports = ports.Select((p, i) => new { path = p.Path, byId = p.ByIdPath, answer = answers[i] }) });
                return Task.FromResult(ExitCodes.Ok);
            }
            if (ports.Count == 0)
            {
                run.Line("no serial port looks like a bridge (no ttyUSB*, ttyACM* or /dev/serial/by-id entry); is it plugged in?");
                return Task.FromResult(ExitCodes.Ok);
            }
            var table = asking ? new TextTable("PORT", "BY-ID", "ANSWER") : new TextTable("PORT", "BY-ID");
            for (int i = 0; i < ports.Count; i++)
            {
                if (asking) table.Add(ports[i].Path, ports[i].ByIdPath ?? "-", answers[i]!);
                else table.Add(ports[i].Path, ports[i].ByIdPath ?? "-");
            }
            table.Write(run.Console);
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    /// <summary>What answers HELLO on one port, in words.</summary>
    internal static string Ask(string path, int baud)
    {
        try
        {
            return PortAnswer.Describe(PortProbe.Identify(path, baud, ListenMs));
        }
        catch (LinkPortBusyException)
        {
            return "in use by another program";
        }
        catch (LinkTransportException e)
        {
            return "cannot be opened: " + e.Message;
        }
    }
}
