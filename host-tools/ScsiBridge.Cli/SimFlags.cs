using System.CommandLine;
using ScsiBridge.SimHost;

namespace ScsiBridge.Cli;

/// <summary>
/// The simulator's device flags as options of a command (sim, trace), turned into the
/// simulator host's own flags so that its parser and config-file reader decide what they mean.
/// </summary>
internal sealed class SimFlags
{
    private readonly (Option<string[]> Option, string Flag)[] _options;

    public SimFlags()
    {
        _options = new[]
        {
            Many("--config", "FILE", "read devices from a config file, one flag a line ('disk 0 boot.img ro')"),
            Many("--disk", "ID:PATH[:ro]", "a disk image at that SCSI ID"),
            Many("--cdrom", "ID:PATH", "a CD-ROM image at that ID: an ISO, or a CUE sheet with its BINs (audio and data tracks)"),
            Many("--tape", "ID:PATH[:rw]", "a tape drive with a SIMH .tap image at that ID (rw: hosts may write it; a new file is a blank tape)"),
            Many("--tape-drive", "ID:NAME", "the tape at ID answers as generic, dds (HP C1533A), exabyte (EXB-8200) or qic (Archive Viper 2150S)"),
            Many("--processor", "ID[:FILE]", "a processor device taking what the bridge SENDs (to FILE)"),
            Many("--initiator", "ID:FILE", "a vintage host that SENDs FILE to the bridge once a receive path is open"),
            Many("--images", "DIR", "the folder `target attach --name` finds images in"),
            Many("--target-ids", "LIST", "the bridge's own target IDs (default 5,6; the processor at the highest)"),
            Many("--link", "uart[:BAUD]|usb-fs", "the link's timing model (default uart:3000000)"),
            Many("--profile", "ID:FILE", "the device at ID answers as the drive in this profile (from `scsibridge identity`)"),
            Many("--bad-blocks", "ID:LIST", "blocks of the device at ID that cannot be read, like 100-103,2000"),
        };
    }

    private static (Option<string[]>, string) Many(string flag, string value, string description) =>
        (new Option<string[]>(flag) { Description = description, HelpName = value, Arity = ArgumentArity.ZeroOrMore }, flag);

    /// <summary>--full-speed: run the simulator as fast as the host can, not paced to the wall
    /// clock (tests, and a quick look); rates then are not the board's.</summary>
    public Option<bool> FullSpeed { get; } = new Option<bool>("--full-speed")
    {
        Description = "run the simulator as fast as this computer can instead of in step with the wall clock (rates are then not the board's)",
    };

    public void AddTo(Command command)
    {
        foreach (var (option, _) in _options) command.Options.Add(option);
        command.Options.Add(FullSpeed);
    }

    /// <summary>True when any device flag was given (trace falls back to the demo's media without).</summary>
    public bool AnyGiven(Invocation run) => _options.Any(o => (run.Get(o.Option) ?? Array.Empty<string>()).Length > 0);

    /// <summary>The configuration: flags in the order above, so that --profile and --bad-blocks
    /// find the devices they amend, and ones from a config file come first.</summary>
    public SimConfig Config(Invocation run)
    {
        var args = new List<string>();
        foreach (var (option, flag) in _options)
        {
            foreach (string value in run.Get(option) ?? Array.Empty<string>())
            {
                args.Add(flag);
                args.Add(value);
            }
        }
        SimConfig config = SimOptions.Parse(args);
        config.Paced = !run.Get(FullSpeed);
        return config;
    }
}
