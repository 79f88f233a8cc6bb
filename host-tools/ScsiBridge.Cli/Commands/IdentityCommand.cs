using System.CommandLine;
using System.Text;
using ScsiBridge.Client.Api;
using ScsiBridge.Firmware.Emulation;

namespace ScsiBridge.Cli.Commands;

/// <summary>
/// scsibridge identity: clones a drive's identity (INQUIRY, every mode page with its changeable
/// mask, the serial number, the block length) into a profile file (docs/profiles.md), which
/// target mode and the simulator serve (`scsibridge sim --profile ID:FILE`), so a vintage host
/// that insists on a particular drive sees it.
/// </summary>
internal static class IdentityCommand
{
    /// <summary>The pages the emulations define unless a profile removes them.</summary>
    private static readonly int[] DiskPages = { 0x01, 0x02, 0x03, 0x04, 0x08, 0x0A };
    private static readonly int[] CdromPages = { 0x01, 0x02, 0x0A, 0x0D, 0x0E, 0x2A };
    private static readonly int[] TapePages = { 0x02, 0x10 };

    public static Command Create(CliApp app)
    {
        var device = new DeviceAddress();
        var output = OptionValues.File(new Option<FileInfo>("--output", "-o") { Description = "the profile file to write", Required = true });
        var command = new Command("identity", "save a drive's INQUIRY and every mode page to a profile file that target mode can serve") { output };
        device.AddTo(command);
        app.Handle(command, async run =>
        {
            var (session, id, lun) = await device.OpenAsync(run, settle: true);
            await using (session)
            {
                BridgeClient c = session.Client;
                byte[] inquiry = await c.CommandAsync(id, lun, new byte[] { 0x12, 0, 0, 0, 0xFF, 0 }, 0xFF, run.Cancel);
                if (inquiry.Length < 36) throw new CliException(ExitCodes.Failure, "the drive returned " + inquiry.Length + " bytes of INQUIRY data; a profile needs 36");
                InquiryData decoded = InquiryData.Decode(inquiry);
                var profile = new DeviceProfile(decoded.PeripheralType, decoded.Vendor, decoded.Product, decoded.Revision)
                {
                    RawInquiry = inquiry,
                    Removable = decoded.Removable,
                };
                profile.Serial = await SerialAsync(c, id, lun, run.Cancel) ?? "";
                if (decoded.PeripheralType is 0 or 5 or 7)
                {
                    try
                    {
                        profile.BlockLength = (await c.ReadCapacityAsync(id, lun, run.Cancel)).BlockLength;
                    }
                    catch (ScsiCommandException)
                    {
                        // No medium: the unit's default block length stays.
                    }
                }
                // Tape drives of the SCSI-1 and SCSI-2 years answer MODE SENSE(6) only.
                bool tape = decoded.PeripheralType == 1;
                IReadOnlyList<ModePage> current = tape ? await ModeSense6Async(c, id, lun, 0x3F, run.Cancel) : await c.ModeSenseAsync(id, lun, 0x3F, run.Cancel);
                var changeable = tape ? await ModeSense6Async(c, id, lun, 0x7F, run.Cancel) : await ChangeableAsync(c, id, lun, run.Cancel);
                foreach (ModePage p in current.Where(p => p.Code != 0x3F && p.Bytes.Length == p.Bytes[1] + 2))
                {
                    byte[]? mask = changeable.FirstOrDefault(m => m.Code == p.Code)?.Bytes;
                    profile.SetModePage(p.Bytes, mask != null && mask.Length == p.Bytes.Length ? mask : null);
                }
                int[] builtIn = decoded.PeripheralType == 5 ? CdromPages : tape ? TapePages : DiskPages;
                foreach (int code in builtIn.Where(code => current.All(p => p.Code != code))) profile.RemoveModePage(code);

                string text = ProfileFile.Write(profile);
                ProfileFile.Parse(text);  // what target mode will read must read
                string path = run.Get(output).FullName;
                await File.WriteAllTextAsync(path, text, run.Cancel);
                if (run.Json)
                {
                    run.Emit(new { id, lun, profile = path, vendor = decoded.Vendor, product = decoded.Product, revision = decoded.Revision, serial = profile.Serial,
                                   blockLength = profile.BlockLength, pages = current.Select(p => p.Code), removedPages = builtIn.Where(code => current.All(p => p.Code != code)) });
                    return ExitCodes.Ok;
                }
                run.Line("saved the identity of ID " + id + " (" + decoded.Vendor + " " + decoded.Product + " " + decoded.Revision + ") to " + path);
                run.Line("  " + current.Count + " mode pages: " + string.Join(" ", current.Select(p => p.Code.ToString("X2"))) + (profile.Serial.Length > 0 ? "; serial " + profile.Serial : ""));
                run.Line("  serve it: scsibridge sim " + (tape ? "--tape 0:IMAGE.tap" : "--disk 0:IMAGE") + " --profile 0:" + Path.GetFileName(path));
                return ExitCodes.Ok;
            }
        });
        return command;
    }

    /// <summary>VPD page 80h, the unit serial number; null when the drive has none (most SCSI-1 drives).</summary>
    private static async Task<string?> SerialAsync(BridgeClient c, int id, int lun, CancellationToken ct)
    {
        ScsiResult r = await c.ExecuteAsync(id, lun, new byte[] { 0x12, 0x01, 0x80, 0, 0xFF, 0 }, 0xFF, null, true, ct);
        if (!r.IsGood || r.Data.Length < 4 || r.Data[1] != 0x80) return null;
        int n = Math.Min(r.Data[3], r.Data.Length - 4);
        string serial = Encoding.ASCII.GetString(r.Data, 4, n).Trim();
        return serial.Length > 0 ? serial : null;
    }

    /// <summary>MODE SENSE(6), DBD, of <paramref name="pageField"/> (PC bits included); none when
    /// the drive refuses it (current values: its error).</summary>
    private static async Task<IReadOnlyList<ModePage>> ModeSense6Async(BridgeClient c, int id, int lun, int pageField, CancellationToken ct)
    {
        ScsiResult r = await c.ExecuteAsync(id, lun, new byte[] { 0x1A, 0x08, (byte)pageField, 0, 0xFF, 0 }, 0xFF, null, true, ct);
        if (!r.IsGood && pageField == 0x3F) throw new ScsiCommandException(r);
        return r.IsGood ? ModePage.Parse(r.Data, tenByteHeader: false) : Array.Empty<ModePage>();
    }

    /// <summary>MODE SENSE with PC = changeable values; none when the drive refuses it.</summary>
    private static async Task<IReadOnlyList<ModePage>> ChangeableAsync(BridgeClient c, int id, int lun, CancellationToken ct)
    {
        ScsiResult r = await c.ExecuteAsync(id, lun, new byte[] { 0x5A, 0x08, 0x7F, 0, 0, 0, 0, 0x10, 0x00, 0 }, 4096, null, true, ct);
        return r.IsGood ? ModePage.Parse(r.Data, tenByteHeader: true) : Array.Empty<ModePage>();
    }
}
