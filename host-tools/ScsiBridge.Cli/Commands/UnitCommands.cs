using System.CommandLine;
using ScsiBridge.Cli.Output;
using ScsiBridge.Client.Api;

namespace ScsiBridge.Cli.Commands;

/// <summary>The one-command queries of a device: inquiry, tur, readcap, sense.</summary>
internal static class UnitCommands
{
    public static IEnumerable<Command> Create(CliApp app)
    {
        yield return Inquiry(app);
        yield return Tur(app);
        yield return ReadCapacity(app);
        yield return Sense(app);
    }

    private static Command Inquiry(CliApp app)
    {
        var device = new DeviceAddress();
        var command = new Command("inquiry", "INQUIRY: the device's type, vendor, product and revision, decoded and in hex");
        device.AddTo(command);
        app.Handle(command, async run =>
        {
            var (session, id, lun) = await device.OpenAsync(run, settle: false);
            await using (session)
            {
                byte[] data = await session.Client.CommandAsync(id, lun, new byte[] { 0x12, 0, 0, 0, 0xFF, 0 }, 0xFF, run.Cancel);
                InquiryData inq = InquiryData.Decode(data);
                if (run.Json)
                {
                    run.Emit(new
                    {
                        id, lun, type = inq.PeripheralType, typeName = InquiryData.TypeName(inq.PeripheralType), qualifier = inq.Qualifier,
                        removable = inq.Removable, ansiVersion = inq.AnsiVersion, vendor = inq.Vendor, product = inq.Product,
                        revision = inq.Revision, data = Convert.ToHexString(data),
                    });
                    return ExitCodes.Ok;
                }
                run.Fields(new[]
                {
                    ("device", "ID " + id + " LUN " + lun),
                    ("type", inq.PeripheralType.ToString("X2") + "h " + InquiryData.TypeName(inq.PeripheralType) + (inq.Removable ? ", removable" : "")),
                    ("qualifier", inq.Qualifier == 0 ? "0 (connected)" : inq.Qualifier + (inq.Qualifier == 3 ? " (no unit at this LUN)" : "")),
                    ("version", "SCSI-" + (inq.AnsiVersion == 0 ? "1 or earlier (CCS)" : inq.AnsiVersion.ToString())),
                    ("vendor", inq.Vendor),
                    ("product", inq.Product),
                    ("revision", inq.Revision),
                    ("length", data.Length + " bytes"),
                });
                run.Line();
                run.Line(HexDump.Format(data).TrimEnd('\n'));
                return ExitCodes.Ok;
            }
        });
        return command;
    }

    private static Command Tur(CliApp app)
    {
        var device = new DeviceAddress();
        var command = new Command("tur", "TEST UNIT READY: ready, or why not (exit 5 when not ready)");
        device.AddTo(command);
        app.Handle(command, async run =>
        {
            var (session, id, lun) = await device.OpenAsync(run, settle: false);
            await using (session)
            {
                ScsiResult r = await session.Client.ExecuteAsync(id, lun, new byte[6], 0, null, true, run.Cancel);
                if (run.Json)
                {
                    run.Emit(new { id, lun, ready = r.IsGood, status = r.Status, sense = SenseJson(r.Sense) });
                }
                else
                {
                    run.Line(r.IsGood ? "ID " + id + " LUN " + lun + ": ready" : "ID " + id + " LUN " + lun + ": not ready: " + (r.Sense?.ToString() ?? "status 0x" + r.Status.ToString("X2")));
                }
                return r.IsGood ? ExitCodes.Ok : ExitCodes.CheckCondition;
            }
        });
        return command;
    }

    private static Command ReadCapacity(CliApp app)
    {
        var device = new DeviceAddress();
        var command = new Command("readcap", "READ CAPACITY: the number of blocks and their length");
        device.AddTo(command);
        app.Handle(command, async run =>
        {
            var (session, id, lun) = await device.OpenAsync(run, settle: true);
            await using (session)
            {
                var (blocks, length) = await session.Client.ReadCapacityAsync(id, lun, run.Cancel);
                if (run.Json)
                {
                    run.Emit(new { id, lun, blocks, blockLength = length, lastLba = blocks - 1, bytes = blocks * length });
                    return ExitCodes.Ok;
                }
                run.Fields(new[]
                {
                    ("blocks", blocks.ToString()),
                    ("block length", length + " bytes"),
                    ("last LBA", (blocks - 1).ToString()),
                    ("capacity", Sizes.Capacity(blocks, length)),
                });
                return ExitCodes.Ok;
            }
        });
        return command;
    }

    private static Command Sense(CliApp app)
    {
        var device = new DeviceAddress();
        var command = new Command("sense", "REQUEST SENSE: the device's sense data (after a failed command, or a pending unit attention)");
        device.AddTo(command);
        app.Handle(command, async run =>
        {
            var (session, id, lun) = await device.OpenAsync(run, settle: false);
            await using (session)
            {
                byte[] d = await session.Client.CommandAsync(id, lun, new byte[] { 0x03, 0, 0, 0, 18, 0 }, 18, run.Cancel);
                SenseData? sense = SenseData.Decode(d, d.Length);
                if (run.Json)
                {
                    run.Emit(new { id, lun, sense = SenseJson(sense), data = Convert.ToHexString(d) });
                    return ExitCodes.Ok;
                }
                run.Line(sense == null ? "no fixed-format sense data (" + d.Length + " bytes)" : sense.Key == 0 && sense.Asc == 0 ? "no sense (nothing to report)" : sense.ToString());
                run.Line(HexDump.Format(d).TrimEnd('\n'));
                return ExitCodes.Ok;
            }
        });
        return command;
    }

    public static object? SenseJson(SenseData? s) => s == null ? null : new
    {
        key = s.Key, keyName = SenseData.KeyName(s.Key), asc = s.Asc, ascq = s.Ascq, information = s.Information,
    };
}
