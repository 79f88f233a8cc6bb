using System.Buffers.Binary;
using ScsiBridge.Iscsi.Scsi;

namespace ScsiBridge.Iscsi.Tests;

/// <summary>
/// What the gateway makes of a SCSI-1 drive: 256-byte blocks shown as 512, READ(6) where the
/// drive has no READ(10), and its medium error reported at the initiator's block.
/// </summary>
public sealed class TranslationTests
{
    /// <summary>A SCSI-1 disk of 256-byte blocks with only 6-byte reads and one unreadable block.</summary>
    private sealed class Scsi1Drive : IScsiDevice
    {
        public const int BadBlock = 41;

        public byte[] Medium { get; } = new byte[256 * 1000];

        public List<byte> Opcodes { get; } = new List<byte>();

        public Scsi1Drive()
        {
            new Random(3).NextBytes(Medium);
        }

        public string Description => "a SCSI-1 test drive";

        public int MaxTransfer => 16 * 256;

        public int Parallelism => 2;

        public Task<DeviceResult> ExecuteAsync(byte[] cdb, int initiator, ReadOnlyMemory<byte> dataOut, Memory<byte> dataIn, CancellationToken ct)
        {
            lock (Opcodes) Opcodes.Add(cdb[0]);
            switch (cdb[0])
            {
                case 0x00:
                    return Good(0);
                case 0x12:
                {
                    byte[] inquiry = new byte[36];
                    inquiry[2] = 0x01;  // SCSI-1
                    inquiry[4] = 31;
                    System.Text.Encoding.ASCII.GetBytes("OLDDISK DRIVE 1986      A1  ").CopyTo(inquiry, 8);
                    int n = Math.Min(36, dataIn.Length);
                    inquiry.AsSpan(0, n).CopyTo(dataIn.Span);
                    return Good(n);
                }
                case 0x25:
                {
                    byte[] rc = new byte[8];
                    BinaryPrimitives.WriteUInt32BigEndian(rc, (uint)(Medium.Length / 256 - 1));
                    BinaryPrimitives.WriteUInt32BigEndian(rc.AsSpan(4), 256);
                    rc.CopyTo(dataIn.Span);
                    return Good(8);
                }
                case 0x08:
                {
                    int lba = ((cdb[1] & 0x1F) << 16) | (cdb[2] << 8) | cdb[3];
                    int count = cdb[4] == 0 ? 256 : cdb[4];
                    if (lba <= BadBlock && BadBlock < lba + count)
                    {
                        byte[] sense = new byte[18];
                        sense[0] = 0xF0;
                        sense[2] = 0x03;
                        BinaryPrimitives.WriteUInt32BigEndian(sense.AsSpan(3), BadBlock);
                        sense[7] = 10;
                        sense[12] = 0x11;
                        return Task.FromResult(new DeviceResult(2, 0, sense));
                    }
                    Medium.AsSpan(lba * 256, count * 256).CopyTo(dataIn.Span);
                    return Good(count * 256);
                }
                default:
                {
                    byte[] sense = new byte[18];
                    sense[0] = 0x70;
                    sense[2] = 0x05;
                    sense[7] = 10;
                    sense[12] = 0x20;  // INVALID COMMAND OPERATION CODE: READ(10) among them
                    return Task.FromResult(new DeviceResult(2, 0, sense));
                }
            }
        }

        private static Task<DeviceResult> Good(int count) => Task.FromResult(new DeviceResult(0, count, null));

        public Task ResetAsync(CancellationToken ct) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    [Fact]
    public async Task AScsi1DriveOf256ByteBlocksIsReadWithRead6AsA512ByteDisk()
    {
        var drive = new Scsi1Drive();
        await using var g = await Gateway.StartAsync(t => t.AddAsync(drive, false, 1 << 20, CancellationToken.None));
        Assert.True(g.Target.Luns[0].UsesSixByteCommands);
        using var i = g.Connect();

        var capacity = i.Command(0, new byte[] { 0x9E, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 32, 0, 0 }, 32);
        Assert.Equal(499L, (long)BinaryPrimitives.ReadUInt64BigEndian(capacity.Data));     // 1000 blocks of 256 bytes: 500 of 512
        Assert.Equal(512u, BinaryPrimitives.ReadUInt32BigEndian(capacity.Data.AsSpan(8)));

        lock (drive.Opcodes) drive.Opcodes.Clear();
        byte[] read16 = new byte[16];
        read16[0] = 0x88;
        read16[9] = 100;      // LBA 100 (512-byte blocks): the drive's 200
        read16[13] = 40;      // 40 blocks: 80 of the drive's, more than one READ(6) of its 16-block limit
        var r = i.Command(0, read16, 40 * 512);
        Assert.Equal(0, r.Status);
        Assert.Equal(drive.Medium.AsSpan(200 * 256, 40 * 512).ToArray(), r.Data);
        lock (drive.Opcodes) Assert.All(drive.Opcodes, op => Assert.Equal(0x08, op));

        var inquiry = i.Command(0, new byte[] { 0x12, 0, 0, 0, 96, 0 }, 96);
        Assert.Equal(0x05, inquiry.Data[2]);  // shown as SPC-3
        Assert.Equal("OLDDISK ", System.Text.Encoding.ASCII.GetString(inquiry.Data, 8, 8));
    }

    [Fact]
    public async Task TheDrivesMediumErrorNamesTheInitiatorsBlock()
    {
        var drive = new Scsi1Drive();
        await using var g = await Gateway.StartAsync(t => t.AddAsync(drive, false, 1 << 20, CancellationToken.None));
        using var i = g.Connect();
        var r = i.Command(0, new byte[] { 0x28, 0, 0, 0, 0, 16, 0, 0, 8, 0 }, 8 * 512);  // 512-byte blocks 16-23: the drive's 32-47
        Assert.Equal(2, r.Status);
        Assert.Equal(0x03, r.SenseKey);
        Assert.Equal(0x1100, r.Asc);
        Assert.Equal(Scsi1Drive.BadBlock / 2, (int)BinaryPrimitives.ReadUInt32BigEndian(r.Sense.AsSpan(3)));
        Assert.Equal(1, g.Target.Luns[0].Errors);
        lock (g.Messages) Assert.Contains(g.Messages, m => m.Contains("MEDIUM ERROR"));
        // The blocks before it still read (the cache did not swallow the error either).
        Assert.Equal(0, i.Command(0, new byte[] { 0x28, 0, 0, 0, 0, 16, 0, 0, 4, 0 }, 4 * 512).Status);
    }

    [Fact]
    public async Task ALinkThatGoesDownBecomesACommunicationFailureNotAHang()
    {
        using var folder = new TempFolder();
        string disk = folder.Image("drive.img", 1 << 20, seed: 4);
        await using var drive = await SimulatedDrive.StartAsync(disk);
        await using var g = await Gateway.StartAsync(t => t.AddBridgeDeviceAsync(drive.Client, 0, 0, false));
        using var i = g.Connect();
        Assert.Equal(0, i.Command(0, new byte[] { 0x28, 0, 0, 0, 0, 0, 0, 0, 1, 0 }, 512).Status);

        drive.Bridge.Stop();  // the board goes away
        i.ReadTimeout = 60000;  // the client retries the bridge a few times before it gives up
        var r = i.Command(0, new byte[] { 0x28, 0x10, 0, 0, 0, 9, 0, 0, 1, 0 }, 512);  // DPO: from the drive, not the cache
        Assert.Equal(2, r.Status);
        Assert.Equal(0x0B, r.SenseKey);                  // ABORTED COMMAND
        Assert.True(r.Asc is 0x0800 or 0x0801, "ASC/ASCQ " + r.Asc.ToString("X4"));
        lock (g.Messages) Assert.Contains(g.Messages, m => m.Contains("ABORTED COMMAND"));
    }
}
