using System.CommandLine;
using ScsiBridge.Cli.Output;
using ScsiBridge.Cli.Scsi;
using ScsiBridge.Client.Api;

namespace ScsiBridge.Cli.Commands;

/// <summary>
/// scsibridge cdb: any CDB, as sg_raw sends it. It can write, format or erase, so it needs
/// --privileged, as a root-only tool would.
/// </summary>
internal static class CdbCommand
{
    public static Command Create(CliApp app)
    {
        var device = new DeviceAddress();
        var hex = new Argument<string[]>("hex") { Description = "the CDB in hex: 12 00 00 00 24 00 or 12:00:00:00:24:00", Arity = ArgumentArity.OneOrMore };
        var dataIn = OptionValues.Whole(new Option<int>("--in") { Description = "bytes of data to read from the device (DATA IN), at most the bridge's largest transfer (`scsibridge info`)" }, 0, int.MaxValue, "bytes");
        var dataOut = OptionValues.OptionalFile(new Option<FileInfo?>("--out") { Description = "a file whose bytes are sent to the device (DATA OUT)" });
        var output = OptionValues.OptionalFile(new Option<FileInfo?>("--output", "-o") { Description = "write the data read to this file, raw, instead of a hex dump" });
        var timeout = OptionValues.Seconds(new Option<double>("--timeout") { Description = "seconds the command may take (0.001 to 3600)", DefaultValueFactory = _ => 30 }, 0.001, 3600);
        var sense = new Option<bool>("--sense") { Description = "after CHECK CONDITION, fetch and decode the sense data (REQUEST SENSE)" };
        var privileged = new Option<bool>("--privileged") { Description = "allow a raw command: it can change or erase the medium" };
        var command = new Command("cdb", "send a raw CDB (needs --privileged): data in as a hex dump or to a file, data out from a file") { hex, dataIn, dataOut, output, timeout, sense, privileged };
        device.AddTo(command);
        app.Handle(command, async run =>
        {
            byte[] cdb = CdbText.Parse(run.Get(hex));
            int inLength = run.Get(dataIn);
            FileInfo? outFile = run.Get(dataOut);
            if (inLength > 0 && outFile != null) throw new CliException(ExitCodes.Usage, "a command moves data one way: give --in or --out, not both");
            double seconds = run.Get(timeout);
            if (!run.Get(privileged))
            {
                throw new CliException(ExitCodes.Permission, "cdb can send commands that write, format or erase; add --privileged to send it");
            }
            byte[] send = outFile == null ? Array.Empty<byte>() : await File.ReadAllBytesAsync(outFile.FullName, run.Cancel);
            int id = run.Get(device.Id), lun = run.Get(device.Lun);
            await using BridgeSession session = await run.ConnectAsync();
            uint largest = session.Info.MaxTransfer;
            if ((uint)inLength > largest)
            {
                throw new CliException(ExitCodes.Usage, "--in " + inLength + " is more than the bridge's largest transfer, " + largest + " bytes (IOCINFO, `scsibridge info`); read in pieces of at most that");
            }
            if ((uint)send.Length > largest)
            {
                throw new CliException(ExitCodes.Usage, "--out " + outFile!.Name + " has " + send.Length + " bytes, more than the bridge's largest transfer, " + largest + " bytes (IOCINFO, `scsibridge info`); send it in pieces");
            }
            // No probe first: an INQUIRY before the user's command would end a pending contingent
            // allegiance (the sense the user is after) and refuse LUNs that report qualifier 011b.
            await session.StartDeviceUnprobedAsync(id, lun, send.Length > 0, run.Cancel);
            {
                TimeSpan limit = TimeSpan.FromSeconds(seconds);
                ScsiResult r = send.Length > 0
                    ? await session.Client.ExecuteWriteAsync(id, lun, cdb, send, limit, run.Get(sense), run.Cancel)
                    : await session.Client.ExecuteAsync(id, lun, cdb, inLength, limit, run.Get(sense), run.Cancel);
                if (r.Errno != 0 && !r.HasScsiStatus && r.AdapterStatus == 1)
                {
                    throw new CliException(ExitCodes.DeviceNotFound, "no device answered at ID " + id + " (selection timeout); `scsibridge scan` lists what is on the bus");
                }
                if (r.Errno != 0 && !r.HasScsiStatus) throw new BridgeErrnoException("EXECUTE", r.Errno);
                // The residual counts what the device did not take: only the rest was moved.
                int sent = send.Length == 0 ? 0 : Math.Clamp(send.Length - r.Residual, 0, send.Length);
                FileInfo? saveTo = run.Get(output);
                if (saveTo != null && r.Data.Length > 0) await File.WriteAllBytesAsync(saveTo.FullName, r.Data, run.Cancel);
                if (run.Json)
                {
                    run.Emit(new
                    {
                        id, lun, cdb = HexDump.Pairs(cdb), status = r.Status, statusName = StatusName(r.Status), residual = r.Residual,
                        bytesIn = r.Data.Length, bytesOut = sent, data = saveTo == null ? Convert.ToHexString(r.Data) : null,
                        savedTo = saveTo?.FullName, sense = UnitCommands.SenseJson(r.Sense),
                    });
                }
                else
                {
                    run.Line("CDB " + HexDump.Pairs(cdb) + " to ID " + id + " LUN " + lun + ": " + StatusName(r.Status)
                             + (send.Length > 0 ? ", " + sent + " of " + send.Length + " bytes sent" : "") + (inLength > 0 ? ", " + r.Data.Length + " of " + inLength + " bytes read" : ""));
                    if (r.Sense != null) run.Line("sense: " + r.Sense);
                    if (saveTo != null) run.Line("data written to " + saveTo.FullName);
                    else if (r.Data.Length > 0) run.Line(HexDump.Format(r.Data).TrimEnd('\n'));
                }
                return r.IsGood ? ExitCodes.Ok : ExitCodes.CheckCondition;
            }
        });
        return command;
    }

    public static string StatusName(int status) => status switch
    {
        0x00 => "GOOD",
        0x02 => "CHECK CONDITION",
        0x04 => "CONDITION MET",
        0x08 => "BUSY",
        0x10 => "INTERMEDIATE",
        0x18 => "RESERVATION CONFLICT",
        0x28 => "TASK SET FULL",
        _ => "status 0x" + status.ToString("X2"),
    };
}
