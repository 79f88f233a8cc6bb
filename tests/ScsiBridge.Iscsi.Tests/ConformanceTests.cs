using Xunit.Abstractions;

namespace ScsiBridge.Iscsi.Tests;

/// <summary>
/// libiscsi's conformance suite against the gateway: on an image LUN, every test that the
/// reference Linux userspace target (tgt, run here on loopback with a scratch file) passes must
/// pass; on a simulated SCSI-2 drive behind the bridge, the families a read-only drive can
/// answer must pass. Both print the per-family table.
/// </summary>
[Collection(ConformanceCollection.Name)]
public sealed class ConformanceTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);
    private readonly ITestOutputHelper _output;

    public ConformanceTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [ClientFact("iscsi-test-cu", "tgtd", "tgtadm")]
    public async Task AnImageLunPassesWhatTgtPasses()
    {
        using var folder = new TempFolder();
        string scratch = folder.File("gateway.img");
        string tgtScratch = folder.File("tgt.img");
        foreach (string f in new[] { scratch, tgtScratch })
        {
            using var s = File.Create(f);
            s.SetLength(64 << 20);
        }

        Dictionary<string, string> tgt;
        using (var reference = ReferenceTarget.Start(tgtScratch))
        {
            tgt = ConformanceSuite.Run(reference.Url, "ALL", true, Limit);
        }
        Dictionary<string, string> gateway;
        await using (var g = await Gateway.StartAsync(t => t.AddImageAsync(scratch, true)))
        {
            gateway = ConformanceSuite.Run(g.Url(0), "ALL", true, Limit);
        }
        _output.WriteLine(ConformanceSuite.Table(new[] { ("tgt", tgt), ("gateway", gateway) }));
        var missing = tgt.Where(p => p.Value == "PASS" && gateway.GetValueOrDefault(p.Key) != "PASS").Select(p => p.Key + " (" + gateway.GetValueOrDefault(p.Key, "not run") + ")").ToList();
        _output.WriteLine(missing.Count == 0 ? "every test tgt passes passes on the gateway" : "tgt passes, the gateway does not: " + string.Join(", ", missing));
        Assert.Empty(missing);
    }

    /// <summary>The families the issue names for a drive behind the bridge.</summary>
    private const string BridgeFamilies = "ALL.TestUnitReady,ALL.Inquiry,ALL.Mandatory,ALL.ModeSense6,ALL.ReadCapacity10,ALL.ReadCapacity16,"
        + "ALL.Read6,ALL.Read10,ALL.Read12,ALL.Read16,ALL.Verify10,ALL.Verify12,ALL.Verify16,ALL.iSCSIcmdsn,ALL.iSCSIdatasn,ALL.iSCSIResiduals,ALL.iSCSITMF";

    [ClientFact("iscsi-test-cu")]
    public async Task ASimulatedScsi2DriveThroughTheBridgePassesItsFamilies()
    {
        using var folder = new TempFolder();
        string disk = folder.Image("drive.img", 4 << 20, seed: 11);
        await using var drive = await SimulatedDrive.StartAsync(disk);
        Dictionary<string, string> results;
        await using (var g = await Gateway.StartAsync(t => t.AddBridgeDeviceAsync(drive.Client, 0, 0, false)))
        {
            results = ConformanceSuite.Run(g.Url(0), BridgeFamilies, false, Limit);
        }
        _output.WriteLine(ConformanceSuite.Table(new[] { ("bridge LUN", results) }));
        var failed = results.Where(p => p.Value == "FAIL").Select(p => p.Key).ToList();
        Assert.Empty(failed);
        Assert.True(results.Count(p => p.Value == "PASS") >= 40, "too few tests ran: " + results.Count(p => p.Value == "PASS"));
    }
}
