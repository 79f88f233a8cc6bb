using Xunit.Abstractions;

namespace ScsiBridge.Iscsi.Tests;

/// <summary>
/// The gateway judged by initiators that are not ours: libiscsi's iscsi-inq, iscsi-readcapacity16
/// and iscsi-ls, and qemu-img copying a LUN byte for byte, for an image file and for a simulated
/// SCSI-2 drive behind the bridge.
/// </summary>
public sealed class ExternalClientTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);
    private readonly ITestOutputHelper _output;

    public ExternalClientTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [ClientFact("iscsi-inq", "iscsi-readcapacity16", "iscsi-ls")]
    public async Task LibiscsiToolsSeeTheImageLun()
    {
        using var folder = new TempFolder();
        string image = folder.Image("disk.img", 3 << 20);
        await using var g = await Gateway.StartAsync(t => t.AddImageAsync(image, false));

        var inq = Tools.Run("iscsi-inq", new[] { g.Url(0) }, Limit);
        Assert.True(inq.ExitCode == 0, inq.Error);
        Assert.Contains("Vendor:SCSIBRDG", inq.Output);
        Assert.Contains("SPC-3", inq.Output);
        Assert.Contains("SBC-3", inq.Output);

        var cap = Tools.Run("iscsi-readcapacity16", new[] { g.Url(0) }, Limit);
        Assert.True(cap.ExitCode == 0, cap.Error);
        Assert.Contains("RETURNED LOGICAL BLOCK ADDRESS:6143", cap.Output);
        Assert.Contains("LOGICAL BLOCK LENGTH IN BYTES:512", cap.Output);

        var ls = Tools.Run("iscsi-ls", new[] { "-s", "iscsi://" + g.Endpoint }, Limit);
        Assert.True(ls.ExitCode == 0, ls.Error);
        Assert.Contains("Target:" + Gateway.Iqn + " Portal:" + g.Endpoint + ",1", ls.Output);
        Assert.Contains("Lun:0", ls.Output);
        _output.WriteLine(inq.Output + cap.Output + ls.Output);
    }

    [ClientFact("qemu-img")]
    public async Task QemuImgCopiesTheImageLunByteForByte()
    {
        using var folder = new TempFolder();
        string image = folder.Image("disk.img", 8 << 20, seed: 5);
        await using var g = await Gateway.StartAsync(t => t.AddImageAsync(image, false));
        string copy = folder.File("copy.raw");
        var r = Tools.Run("qemu-img", new[] { "convert", "-O", "raw", g.Url(0), copy }, Limit);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Equal(Tools.Sha256(image), Tools.Sha256(copy));
        _output.WriteLine("sha256 " + Tools.Sha256(copy) + " for " + g.Url(0));
    }

    [ClientFact("qemu-img")]
    public async Task QemuImgCopiesASimulatedDriveThroughTheBridgeByteForByte()
    {
        using var folder = new TempFolder();
        string disk = folder.Image("drive.img", 2 << 20, seed: 9);
        await using var drive = await SimulatedDrive.StartAsync(disk);
        await using var g = await Gateway.StartAsync(t => t.AddBridgeDeviceAsync(drive.Client, 0, 0, false));
        Assert.Equal("SCSIBRDG", g.Target.Luns[0].Vendor);
        string copy = folder.File("copy.raw");
        var r = Tools.Run("qemu-img", new[] { "convert", "-O", "raw", g.Url(0), copy }, Limit);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Equal(Tools.Sha256(disk), Tools.Sha256(copy));
        Assert.True(g.Target.Luns[0].BytesRead >= 2L << 20, "the gateway counted " + g.Target.Luns[0].BytesRead + " bytes read");
        _output.WriteLine("sha256 " + Tools.Sha256(copy) + " for " + g.Url(0) + " (" + g.Target.Luns[0].Description + ")");
    }
}
