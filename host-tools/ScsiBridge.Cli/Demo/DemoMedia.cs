using System.Buffers.Binary;
using System.Text;
using ScsiBridge.SimHost;

namespace ScsiBridge.Cli.Demo;

/// <summary>
/// The demo's media, generated the same every time: a disk laid out as a DOS-era SCSI disk
/// (a master boot record with one FAT16 partition, every block labelled with its address over
/// seeded noise, so a hex dump shows where it came from), and a CD-ROM with an ISO 9660
/// volume descriptor.
/// </summary>
internal static class DemoMedia
{
    public const string DiskLabel = "SCSIBRIDGE DEMO DISK";
    public const string VolumeId = "SCSIBRIDGE_DEMO";

    /// <summary>Generates the disk (ID 0) and the CD-ROM (ID 3) in folder and returns a simulator
    /// configuration with them; the paths of the two images come back too.</summary>
    public static SimConfig Generate(string folder, int diskMib, int cdSectors, bool diskReadOnly, out string disk, out string cdrom)
    {
        disk = Path.Combine(folder, "vintage-disk.hda");
        cdrom = Path.Combine(folder, "demo-cd.iso");
        WriteDisk(disk, diskMib);
        WriteCdrom(cdrom, cdSectors);
        var config = new SimConfig();
        config.Devices.Add(new SimDevice(0, disk, false, diskReadOnly));
        config.Devices.Add(new SimDevice(3, cdrom, true, true));
        return config;
    }

    public static void WriteDisk(string path, int mib)
    {
        const int block = 512;
        int blocks = mib * 2048;
        var noise = new Random(1986);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        byte[] b = new byte[block];
        for (int lba = 0; lba < blocks; lba++)
        {
            noise.NextBytes(b);
            if (lba == 0)
            {
                Array.Clear(b);
                Encoding.ASCII.GetBytes(DiskLabel + " - not bootable\r\n").CopyTo(b, 3);
                // One partition: active, type 06h (FAT16), from LBA 63 to the end.
                b[446] = 0x80;
                b[446 + 4] = 0x06;
                BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(446 + 8), 63);
                BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(446 + 12), (uint)(blocks - 63));
                b[510] = 0x55;
                b[511] = 0xAA;
            }
            else
            {
                Encoding.ASCII.GetBytes("LBA " + lba.ToString("D8") + " of " + DiskLabel + "\n").CopyTo(b, 0);
            }
            file.Write(b);
        }
    }

    public static void WriteCdrom(string path, int sectors)
    {
        const int sector = 2048;
        byte[] image = new byte[sectors * sector];
        Span<byte> pvd = image.AsSpan(16 * sector, sector);
        pvd[0] = 1;  // primary volume descriptor
        Encoding.ASCII.GetBytes("CD001").CopyTo(pvd[1..]);
        pvd[6] = 1;
        Pad(pvd.Slice(8, 32), "SCSIBRIDGE");
        Pad(pvd.Slice(40, 32), VolumeId);
        BothEndian32(pvd[80..], (uint)sectors);
        BothEndian16(pvd[120..], 1);  // volume set size
        BothEndian16(pvd[124..], 1);  // volume sequence number
        BothEndian16(pvd[128..], sector);
        pvd[881] = 1;  // file structure version
        Span<byte> end = image.AsSpan(17 * sector, sector);
        end[0] = 255;  // volume descriptor set terminator
        Encoding.ASCII.GetBytes("CD001").CopyTo(end[1..]);
        end[6] = 1;
        for (int s = 18; s < sectors; s++) Encoding.ASCII.GetBytes("sector " + s + " of " + VolumeId + "\n").CopyTo(image, s * sector);
        File.WriteAllBytes(path, image);
    }

    private static void Pad(Span<byte> field, string text)
    {
        field.Fill((byte)' ');
        Encoding.ASCII.GetBytes(text).CopyTo(field);
    }

    private static void BothEndian32(Span<byte> at, uint v)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(at, v);
        BinaryPrimitives.WriteUInt32BigEndian(at[4..], v);
    }

    private static void BothEndian16(Span<byte> at, int v)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(at, (ushort)v);
        BinaryPrimitives.WriteUInt16BigEndian(at[2..], (ushort)v);
    }
}
