using System.Security.Cryptography;
using System.Text;

namespace ScsiBridge.Iscsi.Scsi;

/// <summary>
/// Who the unit says it is: the device's vendor, product and revision as an SPC-3 standard
/// INQUIRY (a SCSI-1 drive's answer grows the version descriptors a modern initiator looks for),
/// and the vital product data pages SBC-3 asks for, which a SCSI-2 drive does not have.
/// </summary>
internal sealed partial class LogicalUnit
{
    private const int StandardInquiryLength = 96;

    private readonly byte[] _identity = new byte[36];
    private string _serial = "";

    public int DeviceType => _identity[0] & 0x1F;

    public bool Removable => (_identity[1] & 0x80) != 0;

    /// <summary>The device's own ANSI version (0 SCSI-1 without CCS, 1 SCSI-1, 2 SCSI-2).</summary>
    public int AnsiVersion => _identity[2] & 0x07;

    public string Vendor => Ascii(8, 8);

    public string Product => Ascii(16, 16);

    public string Revision => Ascii(32, 4);

    private string Ascii(int offset, int length) => Encoding.ASCII.GetString(_identity, offset, length).Trim();

    private async Task IdentifyAsync(CancellationToken ct)
    {
        byte[] inquiry = new byte[36];
        DeviceResult r = await _device.ExecuteAsync(new byte[] { 0x12, 0, 0, 0, 36, 0 }, 0, ReadOnlyMemory<byte>.Empty, inquiry, ct).ConfigureAwait(false);
        if (!r.IsGood || r.Count < 5) throw new IOException(_device.Description + " did not answer INQUIRY" + (r.Sense != null ? " (" + Sense.Describe(r.Sense) + ")" : ""));
        Array.Copy(inquiry, _identity, Math.Min(r.Count, 36));
        for (int i = Math.Max(8, r.Count); i < 36; i++) _identity[i] = (byte)' ';  // a short SCSI-1 answer has no names
        if (DeviceType is not (0x00 or 0x04 or 0x05 or 0x07))
        {
            throw new InvalidDataException(_device.Description + " is a " + Client.Api.InquiryData.TypeName(DeviceType)
                                           + ", not a disk, CD-ROM or optical drive; the gateway serves block devices");
        }

        if (AnsiVersion >= 2)
        {
            byte[] page = new byte[255];
            r = await _device.ExecuteAsync(new byte[] { 0x12, 0x01, 0x80, 0, 255, 0 }, 0, ReadOnlyMemory<byte>.Empty, page, ct).ConfigureAwait(false);
            if (r.IsGood && r.Count > 4) _serial = Encoding.ASCII.GetString(page, 4, Math.Min(page[3], r.Count - 4)).Trim();
        }
        if (_serial.Length == 0)
        {
            byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(_device.Description));
            _serial = Convert.ToHexString(hash, 0, 8);
        }

        // Unit attentions left by a reset or a medium change are the gateway's, not an initiator's.
        for (int i = 0; i < 4; i++)
        {
            r = await _device.ExecuteAsync(new byte[6], 0, ReadOnlyMemory<byte>.Empty, Memory<byte>.Empty, ct).ConfigureAwait(false);
            if (r.IsGood || r.Sense == null || Sense.KeyOf(r.Sense) != Sense.UnitAttention) break;
        }
        await RefreshCapacityAsync(0, ct).ConfigureAwait(false);
        if (_nativeLength == 0) _nativeLength = DeviceType == 0x05 ? 2048 : 512;

        if (BlockCount > 0 && AnsiVersion < 2)
        {
            // A SCSI-1 drive may lack the 10-byte commands: one block read with READ(10) says.
            byte[] block = new byte[_nativeLength];
            r = await _device.ExecuteAsync(Cdb.Read10(0, 1), 0, ReadOnlyMemory<byte>.Empty, block, ct).ConfigureAwait(false);
            UsesSixByteCommands = !r.IsGood && r.Sense != null && Sense.KeyOf(r.Sense) == Sense.IllegalRequest && Sense.CodeOf(r.Sense) == Sense.InvalidCommandOperationCode;
        }
    }

    private void Inquiry(ScsiTask task)
    {
        byte[] cdb = task.Cdb;
        int allocation = Cdb.U16(cdb, 3);
        if ((cdb[1] & 0x02) != 0)
        {
            task.FailField(1);  // CmdDt: obsolete
            return;
        }
        if ((cdb[1] & 0x01) == 0)
        {
            if (cdb[2] != 0)
            {
                task.FailField(2);
                return;
            }
            byte[] std = StandardInquiry();
            task.SetDataIn(std, Math.Min(std.Length, allocation));
            return;
        }
        byte[]? vpd = VitalProductData(cdb[2]);
        if (vpd == null)
        {
            task.FailField(2);
            return;
        }
        task.SetDataIn(vpd, Math.Min(vpd.Length, allocation));
    }

    private byte[] StandardInquiry()
    {
        byte[] d = new byte[StandardInquiryLength];
        Array.Copy(_identity, d, 36);
        d[0] = (byte)DeviceType;          // connected
        d[1] = (byte)(Removable ? 0x80 : 0x00);
        d[2] = 0x05;                      // SPC-3
        d[3] = 0x12;                      // HiSup, response data format 2
        d[4] = StandardInquiryLength - 5;
        d[5] = 0x00;
        d[6] = 0x00;
        d[7] = 0x02;                      // CmdQue: the gateway queues commands
        for (int i = 36; i < 58; i++) d[i] = 0;
        int v = 58;
        Cdb.Put16(d, v, 0x0060);          // SAM-3
        Cdb.Put16(d, v + 2, 0x0960);      // iSCSI
        Cdb.Put16(d, v + 4, 0x0300);      // SPC-3
        Cdb.Put16(d, v + 6, DeviceType == 0x05 ? 0x02A0 : 0x04C0);  // MMC-3 or SBC-3
        return d;
    }

    private static readonly byte[] SupportedPages = { 0x00, 0x80, 0x83, 0xB0, 0xB1 };

    private byte[]? VitalProductData(int page)
    {
        switch (page)
        {
            case 0x00:
            {
                byte[] d = new byte[4 + SupportedPages.Length];
                d[0] = (byte)DeviceType;
                d[3] = (byte)SupportedPages.Length;
                SupportedPages.CopyTo(d, 4);
                return d;
            }
            case 0x80:
            {
                byte[] serial = Encoding.ASCII.GetBytes(_serial);
                byte[] d = new byte[4 + serial.Length];
                d[0] = (byte)DeviceType;
                d[1] = 0x80;
                d[3] = (byte)serial.Length;
                serial.CopyTo(d, 4);
                return d;
            }
            case 0x83: return IdentificationPage();
            case 0xB0: return BlockLimitsPage();
            case 0xB1:
            {
                byte[] d = new byte[64];
                d[0] = (byte)DeviceType;
                d[1] = 0xB1;
                Cdb.Put16(d, 2, 0x3C);
                Cdb.Put16(d, 4, _device is EmulatedDevice ? 0x0001 : 0x0000);  // an image does not rotate; a drive's rate is not known
                return d;
            }
            default:
                return null;
        }
    }

    /// <summary>Device identification (83h): a locally assigned NAA name derived from the serial
    /// number, and a T10 vendor ID designator with vendor, product and serial.</summary>
    private byte[] IdentificationPage()
    {
        byte[] hash = SHA256.HashData(Encoding.ASCII.GetBytes(Vendor + "|" + Product + "|" + _serial + "|" + Lun));
        byte[] t10 = Encoding.ASCII.GetBytes(Vendor.PadRight(8).Substring(0, 8) + Product.PadRight(16).Substring(0, 16) + _serial);
        int t10Length = Math.Min(t10.Length, 200);
        byte[] d = new byte[4 + 12 + 4 + t10Length];
        d[0] = (byte)DeviceType;
        d[1] = 0x83;
        Cdb.Put16(d, 2, d.Length - 4);
        int p = 4;
        d[p] = 0x01;                       // binary
        d[p + 1] = 0x03;                   // logical unit, NAA
        d[p + 3] = 8;
        Array.Copy(hash, 0, d, p + 4, 8);
        d[p + 4] = (byte)(0x30 | (d[p + 4] & 0x0F));  // NAA 3: locally assigned
        p += 12;
        d[p] = 0x02;                       // ASCII
        d[p + 1] = 0x01;                   // logical unit, T10 vendor ID
        d[p + 3] = (byte)t10Length;
        Array.Copy(t10, 0, d, p + 4, t10Length);
        return d;
    }

    private byte[] BlockLimitsPage()
    {
        byte[] d = new byte[64];
        d[0] = (byte)DeviceType;
        d[1] = 0xB0;
        Cdb.Put16(d, 2, 0x3C);
        int bl = Math.Max(1, BlockLength);
        long maxBlocks = MaxCommandBytes / bl;
        Cdb.Put16(d, 6, 1);                                               // optimal granularity: one block
        Cdb.Put32(d, 8, maxBlocks);                                       // maximum transfer length
        Cdb.Put32(d, 12, Math.Max(1, Math.Min(maxBlocks, (_device.MaxTransfer * (long)Math.Max(1, _device.Parallelism)) / bl)));  // optimal
        Cdb.Put64(d, 36, maxBlocks);                                      // maximum WRITE SAME length
        return d;
    }
}
