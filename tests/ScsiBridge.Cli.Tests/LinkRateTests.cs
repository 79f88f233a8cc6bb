using System.Globalization;
using System.Text.RegularExpressions;
using Xunit;

namespace ScsiBridge.Cli.Tests;

/// <summary>
/// Waits that follow the link's rate and the transfer's size, and rates that say what they are.
/// </summary>
public sealed class LinkRateTests
{
    [Fact]
    public void A_64_KiB_read_at_9600_baud_takes_its_time_and_succeeds()
    {
        // 64 KiB at 9600 baud is 68 s on the wire: longer than the command's own 30 s timeout
        // and than the client's response timeout, so both must allow for the link.
        using var sim = new Simulator(f => File.WriteAllBytes(f.File("small.img"), File.ReadAllBytes(f.File("disk.img"))[..65536]),
                                      "--disk", "1:{dir}/small.img:ro", "--link", "uart:9600");
        sim.Run("tur", "--id", "1");  // takes the power-on unit attention (cdb sends only what it is given)
        string saved = sim.Folder.File("read.bin");
        var r = sim.Run("cdb", "--id", "1", "--privileged", "--in", "65536", "--output", saved, "28 00 00 00 00 00 00 00 80 00", "--json");
        Assert.True(r.Code == 0, "exit " + r.Code + ": " + r.Err + r.Out);
        Assert.Equal(File.ReadAllBytes(sim.Folder.File("small.img")), File.ReadAllBytes(saved));
        Assert.True(sim.Bridge.VirtualTimeNs > 68_000_000_000L, "the read took " + sim.Bridge.VirtualTimeNs / 1e9 + " s of bus time");
    }

    [Fact]
    public void The_demo_keeps_to_the_wall_clock_so_its_rate_is_within_the_links()
    {
        using var folder = new TempFolder();
        var r = Cli.Run("demo", "--dir", folder.Path, "--size", "1");
        Assert.Equal(0, r.Code);
        Assert.Contains("link: UART 3000000 baud 8N1, at most 0.300 MB/s; paced to the wall clock", r.Out);
        Match read = Regex.Match(r.Out, @"read: +1\.0 MiB in [0-9.]+s \(([0-9.]+) MB/s by the wall clock\)");
        Assert.True(read.Success, r.Out);
        // Paced, the simulator never runs ahead of the wall clock: the rate cannot beat the line's.
        Assert.True(double.Parse(read.Groups[1].Value, CultureInfo.InvariantCulture) <= 0.300, read.Value);
    }
}
