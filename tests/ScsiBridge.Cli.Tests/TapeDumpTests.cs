using ScsiBridge.Cli.Imaging;
using ScsiBridge.Client.Imaging;
using Xunit;

namespace ScsiBridge.Cli.Tests;

/// <summary>A tape imaged file by file into SIMH .tap, against the emulated tape drive.</summary>
public sealed class TapeDumpTests
{
    private static byte[] Tape(bool badRecord)
    {
        var stream = new MemoryStream();
        var tap = new SimhTapeWriter(stream);
        var noise = new Random(11);
        foreach (int length in new[] { 512, 1000, 777 })
        {
            byte[] r = new byte[length];
            noise.NextBytes(r);
            tap.Record(r);
        }
        tap.Mark();
        for (int i = 0; i < 3; i++)
        {
            byte[] r = new byte[10240];
            noise.NextBytes(r);
            tap.Record(r, bad: badRecord && i == 1);
        }
        tap.Mark();
        tap.End();
        return stream.ToArray();
    }

    [Fact]
    public void A_tape_is_dumped_file_by_file_to_the_same_tap_image()
    {
        byte[] source = Tape(badRecord: false);
        using var sim = new Simulator(f => File.WriteAllBytes(f.File("backup.tap"), source), "--tape", "4:{dir}/backup.tap");
        string image = sim.Folder.File("dumped.tap");
        var r = sim.Run("dump", "--id", "4", "-o", image, "--json");
        Assert.True(r.Code == 0, r.Err);
        Assert.Equal("simh-tap", r.Json.GetProperty("format").GetString());
        Assert.Equal(2, r.Json.GetProperty("files").GetInt32());
        Assert.Equal(6, r.Json.GetProperty("records").GetInt32());
        Assert.Equal(source, File.ReadAllBytes(image));

        var scan = sim.Run("scan", "--json").Json.GetProperty("devices").EnumerateArray().Single(d => d.GetProperty("id").GetInt32() == 4);
        Assert.Equal("tape", scan.GetProperty("typeName").GetString());
    }

    [Fact]
    public void A_record_read_with_an_error_is_kept_as_a_bad_record()
    {
        byte[] source = Tape(badRecord: true);
        using var sim = new Simulator(f => File.WriteAllBytes(f.File("worn.tap"), source), "--tape", "4:{dir}/worn.tap");
        string image = sim.Folder.File("dumped.tap");
        var r = sim.Run("dump", "--id", "4", "-o", image, "--json");
        Assert.Equal(ExitCodes.Incomplete, r.Code);
        Assert.Equal(1, r.Json.GetProperty("badRecords").GetInt32());
        Assert.Equal(source, File.ReadAllBytes(image));
    }
}
