using System.CommandLine;
using ScsiBridge.Cli.Output;
using ScsiBridge.Cli.Scsi;
using ScsiBridge.Client.Api;

namespace ScsiBridge.Cli.Commands;

/// <summary>scsibridge modes: every mode page of the device, decoded where known, in hex always.</summary>
internal static class ModesCommand
{
    public static Command Create(CliApp app)
    {
        var device = new DeviceAddress();
        var command = new Command("modes", "MODE SENSE of every page (current values): decoded where the page is known, in hex always");
        device.AddTo(command);
        app.Handle(command, async run =>
        {
            var (session, id, lun) = await device.OpenAsync(run, settle: true);
            await using (session)
            {
                IReadOnlyList<ModePage> pages = await session.Client.ModeSenseAsync(id, lun, 0x3F, run.Cancel);
                if (run.Json)
                {
                    run.Emit(new
                    {
                        id, lun,
                        pages = pages.Select(p => new
                        {
                            code = p.Code, name = ModePageDecoder.Name(p.Code), savable = p.Savable, bytes = Convert.ToHexString(p.Bytes),
                            fields = ModePageDecoder.Decode(p.Bytes).ToDictionary(x => x.Name, x => x.Value),
                        }),
                    });
                    return ExitCodes.Ok;
                }
                foreach (ModePage p in pages)
                {
                    run.Line("page " + p.Code.ToString("X2") + "h " + ModePageDecoder.Name(p.Code) + " (" + p.Bytes.Length + " bytes" + (p.Savable ? ", savable" : "") + ")");
                    foreach (var (name, value) in ModePageDecoder.Decode(p.Bytes)) run.Line("  " + (name + ":").PadRight(38) + value);
                    run.Line("  " + HexDump.Pairs(p.Bytes));
                    run.Line();
                }
                if (pages.Count == 0) run.Line("the device returned no mode pages");
                return ExitCodes.Ok;
            }
        });
        return command;
    }
}
