using ScsiBridge.Client.Imaging;
using Xunit;

namespace ScsiBridge.Cli.Tests;

/// <summary>Restoring images: resumed from its record without writing anything twice, and a
/// read-back that stops at the first block the drive does not hold.</summary>
public sealed class RestoreTests
{
    private static Simulator WithBlankDisk(params string[] flags) =>
        new Simulator(f => File.WriteAllBytes(f.File("target.img"), new byte[4 << 20]), new[] { "--disk", "2:{dir}/target.img" }.Concat(flags).ToArray());

    [Fact]
    public async Task An_interrupted_restore_resumes_from_its_record_and_writes_only_the_rest()
    {
        using var sim = WithBlankDisk();
        string image = sim.Folder.File("payload.img");
        byte[] payload = new byte[4 << 20];
        new Random(21).NextBytes(payload);
        File.WriteAllBytes(image, payload);
        string record = image + ".restore.map";

        using var interrupt = new CancellationTokenSource();
        Task trigger = Task.Run(async () =>
        {
            while (sim.Bridge.CommandsServed(0x2A) < 20) await Task.Delay(1);
            interrupt.Cancel();
        });
        var first = await sim.RunAsync(interrupt.Token, "restore", "--id", "2", "--allow-write", "--yes", "--blocks", "32", image);
        await trigger;
        Assert.Equal(ExitCodes.Interrupted, first.Code);
        Assert.Contains(record, first.Err);

        var map = RestoreRecord.Load(record, await RestoreRecord.Sha256Async(image, default), payload.Length, 2, 0, 8192, 512).Written;
        long done = map.Bytes(RescueMap.Finished);
        Assert.True(done > 0 && done < payload.Length, "interrupted part way: " + done);
        byte[] drive = File.ReadAllBytes(sim.Folder.File("target.img"));
        foreach (RescueMap.Extent e in map.With(RescueMap.Finished))
        {
            Assert.True(payload.AsSpan((int)e.Position, (int)e.Size).SequenceEqual(drive.AsSpan((int)e.Position, (int)e.Size)), "the record claims blocks the drive does not hold");
        }

        int writesBefore = sim.Bridge.CommandsServed(0x2A);
        var second = sim.Run("restore", "--id", "2", "--allow-write", "--yes", "--blocks", "32", image, "--json");
        Assert.Equal(0, second.Code);
        Assert.True(second.Json.GetProperty("resumed").GetBoolean());
        Assert.Equal(payload.Length - done, second.Json.GetProperty("bytesWrittenThisRun").GetInt64());
        Assert.Equal((payload.Length - done + 32 * 512 - 1) / (32 * 512), sim.Bridge.CommandsServed(0x2A) - writesBefore);  // only the rest
        Assert.Equal(payload, File.ReadAllBytes(sim.Folder.File("target.img")));
        Assert.False(File.Exists(record));  // done: the next restore starts afresh
    }

    [Fact]
    public void A_record_of_another_image_is_refused()
    {
        using var sim = WithBlankDisk();
        string image = sim.Folder.File("payload.img");
        File.WriteAllBytes(image, new byte[64 * 512]);
        RestoreRecord.Start(new string('0', 64), 64 * 512, 2, 0, 8192, 512).Save(image + ".restore.map", "test", DateTime.Now);
        var r = sim.Run("restore", "--id", "2", "--allow-write", "--yes", image);
        Assert.Equal(ExitCodes.Usage, r.Code);
        Assert.Contains("record of another restore", r.Err);
        Assert.Equal(0, sim.Bridge.CommandsServed(0x2A));
    }

    [Fact]
    public void Verify_stops_at_the_first_block_the_drive_does_not_hold_with_exit_9()
    {
        using var sim = WithBlankDisk("--bad-blocks", "2:300-301");
        string image = sim.Folder.File("payload.img");
        byte[] payload = new byte[1024 * 512];
        new Random(22).NextBytes(payload);
        File.WriteAllBytes(image, payload);
        var r = sim.Run("restore", "--id", "2", "--allow-write", "--yes", "--verify", image, "--json");
        Assert.Equal(ExitCodes.Mismatch, r.Code);
        Assert.Equal("mismatch", r.Json.GetProperty("exitName").GetString());
        Assert.Equal(300, r.Json.GetProperty("verify").GetProperty("unreadable")[0].GetInt64());
        Assert.Contains("block 300 does not read back", r.Err);
        Assert.True(r.Json.GetProperty("verify").GetProperty("blocksCompared").GetInt64() < 1024);  // it stopped there
        Assert.True(File.Exists(image + ".restore.map"));  // kept: the drive does not hold the image
    }
}
