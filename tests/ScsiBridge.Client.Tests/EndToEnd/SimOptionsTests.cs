using System;
using System.IO;
using ScsiBridge.SimHost;
using Xunit;

namespace ScsiBridge.Client.Tests.EndToEnd;

/// <summary>The simulator host's flags and config file.</summary>
public sealed class SimOptionsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "scsibridge-simopts-" + Guid.NewGuid().ToString("N"));

    public SimOptionsTests()
    {
        Directory.CreateDirectory(_folder);
        File.WriteAllBytes(Path.Combine(_folder, "boot.img"), new byte[4096]);
        File.WriteAllBytes(Path.Combine(_folder, "send.bin"), new byte[10]);
    }

    public void Dispose() => Directory.Delete(_folder, true);

    [Fact]
    public void AConfigFileSaysWhatTheFlagsSay()
    {
        string config = Path.Combine(_folder, "sim.conf");
        File.WriteAllText(config, "# a test bus\n" +
                                  "disk 0 " + Path.Combine(_folder, "boot.img") + " ro\n" +
                                  "processor 4\n" +
                                  "initiator 2 " + Path.Combine(_folder, "send.bin") + "   # sends once a path is open\n" +
                                  "images " + _folder + "\n" +
                                  "target-ids 6\n" +
                                  "link usb-fs\n");
        SimConfig c = SimOptions.Parse(new[] { "--config", config });
        Assert.Single(c.Devices);
        Assert.True(c.Devices[0].ReadOnly);
        Assert.Equal(Path.Combine(_folder, "boot.img"), c.Devices[0].Path);
        Assert.Equal(4, c.Processors[0].Id);
        Assert.Null(c.Processors[0].SinkPath);
        Assert.Equal(2, c.Initiators[0].Id);
        Assert.Equal(new[] { 6 }, c.BridgeTargetIds);
        Assert.Equal(_folder, c.ImageFolder);
        Assert.Equal("USB full-speed CDC", c.Link.Name);
    }

    [Theory]
    [InlineData("--disk", "9:x.img", "not a SCSI ID")]
    [InlineData("--disk", "0", "is not ID:PATH")]
    [InlineData("--cdrom", "3:/no/such.iso", "no image file")]
    [InlineData("--link", "uart:12", "is not one of")]
    [InlineData("--images", "/no/such/folder", "no image folder")]
    [InlineData("--bogus", "1", "unknown option --bogus")]
    public void BadFlagsAreRefusedWithTheReason(string flag, string value, string reason)
    {
        var e = Assert.ThrowsAny<Exception>(() => SimOptions.Parse(new[] { flag, value }));
        Assert.True(e is ArgumentException or FileNotFoundException or DirectoryNotFoundException, e.GetType().Name);  // a file that is not there is a file fault
        Assert.Contains(reason, e.Message);
        Assert.StartsWith(flag + " " + value + ": ", e.Message);  // names the flag it is about
    }

    [Fact]
    public void TwoDevicesAtOneIdAreRefused()
    {
        string img = Path.Combine(_folder, "boot.img");
        SimConfig c = SimOptions.Parse(new[] { "--disk", "0:" + img, "--processor", "0" });
        var e = Assert.Throws<ArgumentException>(() => new SimulatedBridge(c).Dispose());
        Assert.Contains("two devices at ID 0", e.Message);
    }

    [Fact]
    public void ImageNamesCannotLeaveTheFolder()
    {
        var library = new FolderImageLibrary(_folder);
        var store = library.Open("boot.img", true);
        Assert.NotNull(store);
        ((IDisposable)store!).Dispose();
        Assert.Null(library.Open("../boot.img", true));
        Assert.Null(library.Open("/etc/passwd", true));
        Assert.Null(library.Open("missing.img", true));
    }
}
