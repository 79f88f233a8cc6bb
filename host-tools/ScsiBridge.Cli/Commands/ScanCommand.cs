using System.CommandLine;
using ScsiBridge.Cli.Output;
using ScsiBridge.Client.Api;

namespace ScsiBridge.Cli.Commands;

/// <summary>scsibridge scan: probe every ID (and LUN), and read the capacity of block devices.</summary>
internal static class ScanCommand
{
    public static Command Create(CliApp app)
    {
        var luns = new Option<bool>("--luns") { Description = "probe LUNs 1-7 of every device found, not only LUN 0" };
        var command = new Command("scan", "probe every SCSI ID on the bus: type, vendor, product, revision and capacity of what answers") { luns };
        app.Handle(command, async run =>
        {
            await using BridgeSession session = await run.ConnectAsync();
            var reports = await session.Client.ScanAsync(run.Get(luns), run.Cancel);
            var rows = new List<ScanRow>();
            foreach (ProbeReport p in reports)
            {
                rows.Add(new ScanRow(p.TargetId, p.Lun, p.ResultName, p.Inquiry, await CapacityAsync(session, p, run.Cancel)));
            }
            if (run.Json)
            {
                run.Emit(new
                {
                    devices = rows.Select(r => new
                    {
                        id = r.Id,
                        lun = r.Lun,
                        probe = r.Probe,
                        type = r.Inquiry?.PeripheralType,
                        typeName = r.Inquiry == null ? null : InquiryData.TypeName(r.Inquiry.PeripheralType),
                        vendor = r.Inquiry?.Vendor,
                        product = r.Inquiry?.Product,
                        revision = r.Inquiry?.Revision,
                        blocks = r.Capacity?.Blocks,
                        blockLength = r.Capacity?.BlockLength,
                        bytes = r.Capacity == null ? (long?)null : r.Capacity.Value.Blocks * r.Capacity.Value.BlockLength,
                    }),
                });
                return ExitCodes.Ok;
            }
            // ID and LUN share a column (0:0), and the capacity gives the size and the block length
            // without the count, so that a row fits 80 columns with a disk of hundreds of GB.
            var table = new TextTable("ID:LUN", "TYPE", "VENDOR", "PRODUCT", "REV", "CAPACITY (BLOCK)", "PROBE");
            foreach (ScanRow r in rows)
            {
                table.Add(r.Id + ":" + r.Lun, r.Inquiry == null ? "-" : InquiryData.TypeName(r.Inquiry.PeripheralType),
                          r.Inquiry?.Vendor ?? "-", r.Inquiry?.Product ?? "-", r.Inquiry?.Revision ?? "-",
                          r.Capacity == null ? "-" : Sizes.CapacityAndBlock(r.Capacity.Value.Blocks, r.Capacity.Value.BlockLength), r.Probe);
            }
            table.Write(run.Console);
            if (rows.Count == 0) run.Line("nothing answered on the bus (check termination, power to the devices and the cable)");
            return ExitCodes.Ok;
        });
        return command;
    }

    private sealed record ScanRow(int Id, int Lun, string Probe, InquiryData? Inquiry, (long Blocks, int BlockLength)? Capacity);

    /// <summary>READ CAPACITY of the block devices found (disk, CD-ROM, optical); none for the rest,
    /// or for a drive with no medium.</summary>
    private static async Task<(long, int)?> CapacityAsync(BridgeSession session, ProbeReport p, CancellationToken ct)
    {
        if (p.Inquiry == null || p.Inquiry.Qualifier != 0 || p.Inquiry.PeripheralType is not (0 or 5 or 7)) return null;
        await session.StartDeviceAsync(p.TargetId, p.Lun, false, ct, probed: p);
        try
        {
            await session.SettleAsync(p.TargetId, p.Lun, ct);
            return await session.Client.ReadCapacityAsync(p.TargetId, p.Lun, ct);
        }
        catch (ScsiCommandException)
        {
            return null;  // no medium, or not ready: the table says "-"
        }
    }
}
