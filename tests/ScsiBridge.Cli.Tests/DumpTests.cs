using System.Security.Cryptography;
using ScsiBridge.Cli.Imaging;
using ScsiBridge.Client.Imaging;
using Xunit;

namespace ScsiBridge.Cli.Tests;

/// <summary>Imaging disks: whole, with unreadable blocks, and interrupted then resumed.</summary>
public sealed class DumpTests
{
    [Fact]
    public void Dump_images_the_disk_byte_for_byte_with_a_finished_map_and_its_sha256()
    {
        using var sim = new Simulator();
        string image = sim.Folder.File("out.img");
        var r = sim.Run("dump", "--id", "0", "-o", image, "--verify", "--json");
        Assert.Equal(0, r.Code);
        Assert.Equal(File.ReadAllBytes(sim.Disk), File.ReadAllBytes(image));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(sim.Disk))), r.Json.GetProperty("sha256").GetString());
        Assert.True(r.Json.GetProperty("complete").GetBoolean());
        Assert.Equal(2048, r.Json.GetProperty("verify").GetProperty("blocksCompared").GetInt64());
        Assert.Equal(0, r.Json.GetProperty("verify").GetProperty("differing").GetArrayLength());
        var map = RescueMap.Parse(File.ReadAllText(image + ".map"), 1 << 20, "map");
        Assert.Equal(RescueMap.Finished, map.CurrentStatus);
        Assert.Single(map.Extents);

        var again = sim.Run("dump", "--id", "0", "-o", image);
        Assert.Equal(0, again.Code);  // the map says finished: nothing to read, same image
        Assert.Contains("resuming", again.Err);
        Assert.Equal(File.ReadAllBytes(sim.Disk), File.ReadAllBytes(image));
    }

    [Fact]
    public void Bad_blocks_are_marked_exactly_in_the_map_and_the_rest_is_imaged()
    {
        using var sim = new Simulator("--disk", "1:{dir}/disk.img", "--bad-blocks", "1:100-103,777,2047");
        string image = sim.Folder.File("worn.img");
        var r = sim.Run("dump", "--id", "1", "-o", image, "--retries", "1", "--json");
        Assert.Equal(ExitCodes.Incomplete, r.Code);
        Assert.Equal(6, r.Json.GetProperty("unreadableBlocks").GetInt64());

        var map = RescueMap.Parse(File.ReadAllText(image + ".map"), 1 << 20, "map");
        var bad = map.Extents.Where(e => e.Status != RescueMap.Finished).Select(e => (e.Position / 512, e.Size / 512, e.Status)).ToList();
        Assert.Equal(new[] { (100L, 4L, '-'), (777L, 1L, '-'), (2047L, 1L, '-') }, bad);

        byte[] source = File.ReadAllBytes(sim.Disk);
        byte[] got = File.ReadAllBytes(image);
        foreach (RescueMap.Extent e in map.Extents.Where(e => e.Status == RescueMap.Finished))
        {
            Assert.True(source.AsSpan((int)e.Position, (int)e.Size).SequenceEqual(got.AsSpan((int)e.Position, (int)e.Size)));
        }
        Assert.All(got.AsSpan(100 * 512, 4 * 512).ToArray(), b => Assert.Equal(0, b));
    }

    [Fact]
    public async Task An_interrupted_dump_leaves_a_true_map_and_resumes_to_the_same_image()
    {
        using var sim = new Simulator(f => ScsiBridge.Cli.Demo.DemoMedia.WriteDisk(f.File("big.img"), 4), "--disk", "1:{dir}/big.img");
        string source = sim.Folder.File("big.img");
        string image = sim.Folder.File("resumed.img");
        using var interrupt = new CancellationTokenSource();
        // Ctrl-C once the bridge has served some of the reads (the dump reads 64 KiB at a time).
        Task trigger = Task.Run(async () =>
        {
            while (sim.Bridge.CommandsServed(0x28) < 12) await Task.Delay(1);
            interrupt.Cancel();
        });
        var first = await sim.RunAsync(interrupt.Token, "dump", "--id", "1", "-o", image, "--blocks", "32");
        await trigger;
        Assert.Equal(ExitCodes.Interrupted, first.Code);

        long size = new FileInfo(source).Length;
        var map = RescueMap.Parse(File.ReadAllText(image + ".map"), size, "map");
        Assert.False(map.IsFinished);
        long done = map.Bytes(RescueMap.Finished);
        Assert.True(done > 0 && done < size, "interrupted part way: " + done);
        Assert.Equal(0, map.Bytes(RescueMap.BadSector));
        byte[] want = File.ReadAllBytes(source);
        byte[] partial = File.ReadAllBytes(image);
        foreach (RescueMap.Extent e in map.Extents.Where(e => e.Status == RescueMap.Finished))
        {
            Assert.True(want.AsSpan((int)e.Position, (int)e.Size).SequenceEqual(partial.AsSpan((int)e.Position, (int)e.Size)), "the map claims data the image does not hold");
        }

        int readsBefore = sim.Bridge.CommandsServed(0x28);
        var second = sim.Run("dump", "--id", "1", "-o", image, "--blocks", "32", "--json");
        Assert.Equal(0, second.Code);
        Assert.True(second.Json.GetProperty("resumed").GetBoolean());
        Assert.Equal(size - done, second.Json.GetProperty("bytesReadThisRun").GetInt64());
        Assert.Equal(want, File.ReadAllBytes(image));
        Assert.True(RescueMap.Parse(File.ReadAllText(image + ".map"), size, "map").IsFinished);
        Assert.True(sim.Bridge.CommandsServed(0x28) - readsBefore < size / (32 * 512));  // only the rest was read
    }

    [Fact]
    public void An_existing_image_without_a_map_is_not_overwritten()
    {
        using var sim = new Simulator();
        string image = sim.Folder.File("keep.img");
        File.WriteAllText(image, "precious");
        var r = sim.Run("dump", "--id", "0", "-o", image);
        Assert.Equal(ExitCodes.Failure, r.Code);
        Assert.Contains("--force", r.Err);
        Assert.Equal("precious", File.ReadAllText(image));
    }

    [Fact]
    public void Restore_writes_the_image_and_verifies_it()
    {
        using var sim = new Simulator(f => File.WriteAllBytes(f.File("target.img"), new byte[1 << 20]), "--disk", "2:{dir}/target.img");
        string image = sim.Folder.File("payload.img");
        byte[] payload = new byte[256 * 512];
        new Random(5).NextBytes(payload);
        File.WriteAllBytes(image, payload);
        var r = sim.Run("restore", "--id", "2", "--allow-write", "--yes", image, "--json");
        Assert.Equal(0, r.Code);
        Assert.Equal(256, r.Json.GetProperty("verify").GetProperty("blocksCompared").GetInt64());
        Assert.Equal(0, r.Json.GetProperty("verify").GetProperty("differing").GetArrayLength());
        Assert.Equal(payload, File.ReadAllBytes(sim.Folder.File("target.img")).AsSpan(0, payload.Length).ToArray());

        File.WriteAllBytes(image, new byte[3 << 20]);
        var tooBig = sim.Run("restore", "--id", "2", "--allow-write", "--yes", image);
        Assert.Equal(ExitCodes.Usage, tooBig.Code);
        Assert.Contains("the device has only 2048", tooBig.Err);
    }
}
