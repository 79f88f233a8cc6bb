using System.CommandLine;
using ScsiBridge.Client.Transports;

namespace ScsiBridge.Cli;

/// <summary>The options every command takes, and the SCSI address options device commands share.</summary>
internal sealed class GlobalOptions
{
    public Option<string?> Port { get; } = new Option<string?>("--port", "-p")
    {
        Description = "the bridge's serial port, /dev/serial/by-id/... or /dev/ttyACM0 (default: $SCSIBRIDGE_PORT, else the only candidate port)",
        Recursive = true,
        DefaultValueFactory = _ => NullIfEmpty(Environment.GetEnvironmentVariable("SCSIBRIDGE_PORT")),
    };

    public Option<int> Baud { get; } = OptionValues.Whole(new Option<int>("--baud")
    {
        Description = "the link's baud rate (USB ports ignore it)",
        Recursive = true,
        DefaultValueFactory = _ => SerialPortTransport.DefaultBaudRate,
    }, 50, 20_000_000);

    public Option<string> Pin { get; } = new Option<string>("--pin")
    {
        Description = "the bridge's PIN for ELEVATE, when one is configured (default: $SCSIBRIDGE_PIN)",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("SCSIBRIDGE_PIN") ?? "",
    };

    public Option<bool> Json { get; } = new Option<bool>("--json")
    {
        Description = "print one JSON document on stdout instead of text (errors too)",
        Recursive = true,
    };

    public void AddTo(RootCommand root)
    {
        root.Options.Add(Port);
        root.Options.Add(Baud);
        root.Options.Add(Pin);
        root.Options.Add(Json);
    }

    /// <summary>--id: the SCSI ID of the device, 0 to 7.</summary>
    public static Option<int> Id(string description = "the device's SCSI ID (0-7)") => Ranged(new Option<int>("--id", "-i")
    {
        Description = description,
        Required = true,
    }, 0, 7);

    /// <summary>--lun: the logical unit, 0 to 7 (default 0).</summary>
    public static Option<int> Lun() => Ranged(new Option<int>("--lun", "-l")
    {
        Description = "the logical unit (0-7)",
        DefaultValueFactory = _ => 0,
    }, 0, 7);

    /// <summary>A whole-number option from min to max; a wrong value names the option and the range.</summary>
    public static Option<int> Ranged(Option<int> option, int min, int max) => OptionValues.Whole(option, min, max);

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
