using System;
using System.IO;
using ScsiBridge.Firmware.Emulation;
using Xunit;

namespace ScsiBridge.Firmware.Tests.Emulation;

/// <summary>The stores behind the units: whole transfers or false, never partial data.</summary>
public class BlockStoreTests
{
    [Fact]
    public void MemoryStoreReadsAndWritesWithinItsBounds()
    {
        var store = new MemoryBlockStore(1024, readOnly: false);
        Assert.Equal(1024, store.Length);
        byte[] data = { 1, 2, 3, 4 };
        Assert.True(store.Write(1020, data, 0, 4));
        byte[] back = new byte[6];
        Assert.True(store.Read(1020, back, 2, 4));
        Assert.Equal(new byte[] { 0, 0, 1, 2, 3, 4 }, back);
        Assert.False(store.Read(1021, back, 0, 4));
        Assert.False(store.Write(-1, data, 0, 1));
        Assert.False(store.Read(0, back, 4, 4));   // past the buffer
        Assert.False(store.Write(0, data, -1, 1));
        Assert.True(store.Flush());
    }

    [Fact]
    public void AReadOnlyMemoryStoreRefusesWrites()
    {
        byte[] image = { 9, 9, 9, 9 };
        var store = new MemoryBlockStore(image, readOnly: true);
        Assert.True(store.ReadOnly);
        Assert.False(store.Write(0, new byte[] { 1 }, 0, 1));
        Assert.Equal(new byte[] { 9, 9, 9, 9 }, image);
    }

    [Fact]
    public void FileStoreRoundTripsAndRefusesWhatItCannotDoWhole()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, new byte[4096]);
            using (var store = new FileBlockStore(path, readOnly: false))
            {
                Assert.Equal(4096, store.Length);
                byte[] data = new byte[512];
                new Random(5).NextBytes(data);
                Assert.True(store.Write(1024, data, 0, 512));
                Assert.True(store.Flush());
                byte[] back = new byte[512];
                Assert.True(store.Read(1024, back, 0, 512));
                Assert.Equal(data, back);
                Assert.False(store.Write(4000, data, 0, 512));  // the file never grows
                Assert.False(store.Read(4000, back, 0, 512));
            }
            byte[] onDisk = File.ReadAllBytes(path);
            Assert.Equal(4096, onDisk.Length);

            using (var readOnly = new FileBlockStore(path, readOnly: true))
            {
                Assert.True(readOnly.ReadOnly);
                Assert.False(readOnly.Write(0, new byte[1], 0, 1));
                Assert.True(readOnly.Read(1024, new byte[512], 0, 512));
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AFileThatShrankGivesAShortReadAndFalse()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, new byte[4096]);
            using var store = new FileBlockStore(path, readOnly: true);
            using (var shrink = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
            {
                shrink.SetLength(1000);
            }
            Assert.False(store.Read(512, new byte[1024], 0, 1024));
            Assert.True(store.Read(0, new byte[512], 0, 512));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AClosedFileStoreFailsEverything()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, new byte[1024]);
            var store = new FileBlockStore(path, readOnly: false);
            store.Dispose();
            Assert.False(store.Read(0, new byte[10], 0, 10));
            Assert.False(store.Write(0, new byte[10], 0, 10));
            Assert.False(store.Flush());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AFileStoreServesADiskUnit()
    {
        string path = Path.GetTempFileName();
        try
        {
            byte[] image = new byte[64 * 512];
            new Random(8).NextBytes(image);
            File.WriteAllBytes(path, image);
            using var store = new FileBlockStore(path, readOnly: false);
            var rig = new UnitRig(new DiskUnit(store));
            Assert.Equal(image[(10 * 512)..(12 * 512)], rig.Good(TestCdb.Read10(10, 2)));
            byte[] block = new byte[512];
            Array.Fill(block, (byte)0x5A);
            rig.Good(TestCdb.Write6(63, 1), block);
            rig.Good(TestCdb.SynchronizeCache(0, 0));
            store.Dispose();
            Assert.Equal(block, File.ReadAllBytes(path)[(63 * 512)..]);
            rig.AssertBuffersReturned();
        }
        finally
        {
            File.Delete(path);
        }
    }
}
