using Xunit;

namespace ScsiBridge.Cli.Tests;

/// <summary>The traces `scsibridge trace` makes open in sigrok-cli (and so PulseView): all 18
/// signals, and a non-zero number of samples.</summary>
public sealed class SigrokTests
{
    [Theory]
    [InlineData("inquiry", "--id", "0")]
    [InlineData("tur", "--id", "3")]
    [InlineData("readcap", "--id", "3")]
    [InlineData("scan")]
    [InlineData("tur", "--id", "2")]  // nothing there: selection times out on the bus
    public void A_trace_reads_in_sigrok_with_every_signal_and_its_samples(params string[] command)
    {
        using var folder = new TempFolder();
        string vcd = folder.File("bus.vcd");
        var r = Cli.Run(new[] { "trace", "--vcd", vcd, "--full-speed", "--" }.Concat(command).ToArray());
        Assert.True(File.Exists(vcd), r.Err);
        Sigrok.Reading read = Sigrok.Read(vcd);
        Assert.Equal(18, read.Channels);
        Assert.True(read.Samples > 0, "sigrok read no samples: " + read.Errors);
        Assert.DoesNotContain("Unsupported", read.Errors);
    }
}
