using System;
using System.Security.Cryptography;
using ScsiBridge.Firmware.Adapter;
using ScsiBridge.Firmware.Emulation;
using ScsiBridge.Firmware.Target;
using ScsiBridge.Hal;
using Xunit;
using Status = ScsiBridge.Firmware.Adapter.ScsiStatus;

namespace ScsiBridge.Firmware.Tests.Target;

/// <summary>The disk and CD-ROM emulations behind the target engine, driven by the initiator
/// adapter of another bridge over the simulated bus.</summary>
public class DiskOverBusTests
{
    private static byte[] Read10(long lba, int blocks) =>
        new byte[] { 0x28, 0, (byte)(lba >> 24), (byte)(lba >> 16), (byte)(lba >> 8), (byte)lba, 0, (byte)(blocks >> 8), (byte)blocks, 0 };

    private static byte[] Write10(long lba, int blocks) =>
        new byte[] { 0x2A, 0, (byte)(lba >> 24), (byte)(lba >> 16), (byte)(lba >> 8), (byte)lba, 0, (byte)(blocks >> 8), (byte)blocks, 0 };

    private static byte[] Read6(int lba, int blocks) => new byte[] { 0x08, (byte)(lba >> 16), (byte)(lba >> 8), (byte)lba, (byte)blocks, 0 };

    private static byte[] Write6(int lba, int blocks) => new byte[] { 0x0A, (byte)(lba >> 16), (byte)(lba >> 8), (byte)lba, (byte)blocks, 0 };

    private static byte[] RequestSense => new byte[] { 0x03, 0, 0, 0, 18, 0 };

    [Fact]
    public void ImagingA64MibDiskGivesTheSameSha256()
    {
        const int size = 64 * 1024 * 1024;
        byte[] image = new byte[size];
        new Random(64).NextBytes(image);
        using var rig = new TargetRig(new TargetConfig { RingBuffers = 32 });
        var disk = new DiskUnit(new MemoryBlockStore(image, readOnly: true));
        rig.Engine.SetUnit(0, 0, disk, true);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        rig.Run(() =>
        {
            rig.Greet(0, 0);
            Assert.Equal(Errno.Ok, rig.Adapter.StartDevice(0, 0, false, false));
            byte[] piece = new byte[64 * 1024];
            IoRequest r = rig.Request(0, 0, Read10(0, 128), piece, true);
            for (long lba = 0; lba < size / 512; lba += 128)
            {
                r.SetCdb(Read10(lba, 128), 10);
                Assert.Equal(Errno.Ok, rig.Adapter.Execute(r, true));
                sha.AppendData(piece);
            }
        });
        Assert.Equal(SHA256.HashData(image), sha.GetHashAndReset());
        Assert.Equal(rig.Engine.Ring.Count, rig.Engine.Ring.FreeCount);
        Assert.Equal("", rig.Violations());
    }

    [Fact]
    public void WritesReadBackAtTheFirstMiddleAndLastBlocks()
    {
        const int blocks = 4096;
        var store = new MemoryBlockStore(blocks * 512, readOnly: false);
        using var rig = new TargetRig();
        rig.Engine.SetUnit(0, 0, new DiskUnit(store), true);
        var random = new Random(5);
        rig.Run(() =>
        {
            rig.Greet(0, 0);
            Assert.Equal(Errno.Ok, rig.Adapter.StartDevice(0, 0, true, true));
            foreach (int lba in new[] { 0, blocks / 2, blocks - 2 })
            {
                foreach (bool ten in new[] { false, true })
                {
                    byte[] data = new byte[2 * 512], back = new byte[2 * 512];
                    random.NextBytes(data);
                    byte[] write = ten ? Write10(lba, 2) : Write6(lba, 2);
                    byte[] read = ten ? Read10(lba, 2) : Read6(lba, 2);
                    Assert.Equal(Errno.Ok, rig.Adapter.Execute(rig.Request(0, 0, write, data, false), true));
                    Assert.Equal(Errno.Ok, rig.Adapter.Execute(rig.Request(0, 0, read, back, true), true));
                    Assert.Equal(data, back);
                    Assert.Equal(data, store.Data[(lba * 512)..((lba + 2) * 512)]);
                }
            }
        });
        Assert.Equal("", rig.Violations());
    }

    [Fact]
    public void SenseCasesArriveOverTheBus()
    {
        using var rig = new TargetRig();
        var ro = new DiskUnit(new MemoryBlockStore(1024 * 512, readOnly: true));
        rig.Engine.SetUnit(0, 0, ro, true);
        var empty = new DiskUnit(null);
        rig.Engine.SetUnit(0, 1, empty, true);
        byte[] sense = new byte[18];
        (int key, int asc) Check(int lun, byte[] cdb, byte[]? data, bool read)
        {
            IoRequest r = rig.Request(0, lun, cdb, data, read);
            Assert.Equal(Errno.EIO, rig.Adapter.Execute(r, true));
            Assert.Equal(Status.CheckCondition, r.ScsiStatus);
            Assert.Equal(Errno.Ok, rig.Adapter.Execute(rig.Request(0, lun, RequestSense, sense, true), true));
            return (sense[2] & 0x0F, sense[12]);
        }
        rig.Run(() =>
        {
            rig.Greet(0, 0);
            Assert.Equal(Errno.Ok, rig.Adapter.StartDevice(0, 0, true, true));
            Assert.Equal(Errno.Ok, rig.Adapter.StartDevice(0, 1, false, false));
            Assert.Equal((SenseData.IllegalRequest, 0x21), Check(0, Read10(1024, 1), new byte[512], true));
            Assert.Equal(0x80, sense[0] & 0x80);  // the information field holds the block
            Assert.Equal((SenseData.IllegalRequest, 0x20), Check(0, new byte[] { 0xC5, 0, 0, 0, 0, 0 }, null, true));
            Assert.Equal((SenseData.DataProtect, 0x27), Check(0, Write10(0, 1), new byte[512], false));
            // The second LUN has no medium; its power-on attention comes first.
            Assert.Equal((SenseData.UnitAttention, 0x29), Check(1, new byte[6], null, true));
            Assert.Equal((SenseData.NotReady, 0x3A), Check(1, new byte[6], null, true));
        });
        Assert.Equal("", rig.Violations());
    }

    [Fact]
    public void CdromSwitchesTo512ByteBlocksAndReportsMediaChanges()
    {
        byte[] iso = new byte[200 * 2048];
        new Random(6).NextBytes(iso);
        using var rig = new TargetRig();
        var cd = new CdromUnit(new MemoryBlockStore(iso, readOnly: true));
        rig.Engine.SetUnit(0, 0, cd, true);
        byte[] capacity = new byte[8], block = new byte[512], sense = new byte[18];
        rig.Run(() =>
        {
            rig.Greet(0, 0);
            Assert.Equal(Errno.Ok, rig.Adapter.StartDevice(0, 0, true, true));
            Assert.Equal(Errno.Ok, rig.Adapter.Execute(rig.Request(0, 0, new byte[] { 0x25, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, capacity, true), true));
            Assert.Equal(2048, (capacity[4] << 24) | (capacity[5] << 16) | (capacity[6] << 8) | capacity[7]);
            // MODE SELECT(6) with a block descriptor of 512-byte blocks.
            byte[] select = { 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0x02, 0x00 };
            Assert.Equal(Errno.Ok, rig.Adapter.Execute(rig.Request(0, 0, new byte[] { 0x15, 0x10, 0, 0, 12, 0 }, select, false), true));
            Assert.Equal(Errno.Ok, rig.Adapter.Execute(rig.Request(0, 0, new byte[] { 0x25, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, capacity, true), true));
            Assert.Equal(512, (capacity[4] << 24) | (capacity[5] << 16) | (capacity[6] << 8) | capacity[7]);
            Assert.Equal(200 * 4 - 1, (capacity[0] << 24) | (capacity[1] << 16) | (capacity[2] << 8) | capacity[3]);
            Assert.Equal(Errno.Ok, rig.Adapter.Execute(rig.Request(0, 0, Read10(5, 1), block, true), true));
            Assert.Equal(iso[(5 * 512)..(6 * 512)], block);
            // Eject from the bus (START STOP UNIT, LoEj), insert another disc from the PC side.
            Assert.Equal(Errno.Ok, rig.Adapter.Execute(rig.Request(0, 0, new byte[] { 0x1B, 0, 0, 0, 0x02, 0 }, null, true), true));
            Assert.False(cd.MediumPresent);
            cd.Insert(new MemoryBlockStore(iso, readOnly: true));
            IoRequest tur = rig.Request(0, 0, new byte[6], null, true);
            Assert.Equal(Errno.EIO, rig.Adapter.Execute(tur, true));
            Assert.Equal(Errno.Ok, rig.Adapter.Execute(rig.Request(0, 0, RequestSense, sense, true), true));
            Assert.Equal(SenseData.UnitAttention, sense[2] & 0x0F);
            Assert.Equal(0x28, sense[12]);
            Assert.Equal(Errno.Ok, rig.Adapter.Execute(rig.Request(0, 0, new byte[6], null, true), true));
        });
        Assert.Equal("", rig.Violations());
    }

    [Fact]
    public void BusDeviceResetFromTheHostGivesAUnitAttentionThatSciolresetConsumes()
    {
        using var rig = new TargetRig();
        var disk = new DiskUnit(new MemoryBlockStore(1024 * 512, readOnly: false));
        rig.Engine.SetUnit(0, 0, disk, true);
        var outcome = new ResetOutcome();
        rig.Run(() =>
        {
            rig.Greet(0, 0);
            Assert.Equal(Errno.Ok, rig.Adapter.StartDevice(0, 0, false, false));
            Assert.Equal(Errno.Ok, rig.Adapter.Execute(rig.Request(0, 0, new byte[6], null, true), true));
            Assert.Equal(Errno.Ok, rig.Adapter.Reset(0, 0, outcome));
            Assert.Equal(Errno.Ok, rig.Adapter.Execute(rig.Request(0, 0, new byte[6], null, true), true));
        });
        Assert.True(outcome.HadUnitAttention);
        Assert.Equal(0x29, outcome.Asc);
        Assert.Equal("", rig.Violations());
    }
}
