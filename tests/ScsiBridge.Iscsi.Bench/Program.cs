using System.Diagnostics;
using System.Globalization;
using System.Net;
using ScsiBridge.Iscsi;
using ScsiBridge.Iscsi.Tests;

// qemu-img convert reading a LUN to a file, wall-clock MiB/s: an image LUN of the gateway (the
// firmware's disk emulation over a file) beside the same image served by tgt, and a simulated
// SCSI-2 drive behind the bridge over the modelled USB full-speed link, where the virtual-time
// rate is the figure a board would give. Image LUNs: the better of two runs (the first one
// also pays for compiling the gateway's code). Arguments: image MiB (64), drive MiB (4).
int imageMib = args.Length > 0 && int.TryParse(args[0], out int a) && a > 0 ? a : 64;
int driveMib = args.Length > 1 && int.TryParse(args[1], out int b) && b > 0 ? b : 4;
foreach (string tool in new[] { "qemu-img" })
{
    if (Tools.Find(tool) == null)
    {
        Console.Error.WriteLine("needs " + tool + " (Debian: qemu-utils, qemu-block-extra)");
        return 2;
    }
}

string folder = Directory.CreateTempSubdirectory("scsibridge-iscsibench-").FullName;
try
{
    string image = Path.Combine(folder, "image.img");
    WriteImage(image, imageMib << 20, 1);
    string sha = Tools.Sha256(image);
    Console.WriteLine("qemu-img convert -O raw iscsi://... (wall clock; " + Environment.ProcessorCount + " CPUs)");
    Console.WriteLine("{0,-44} {1,8} {2,9} {3,10}  {4}", "LUN", "MiB", "seconds", "MiB/s", "sha256");

    await using (var target = await StartAsync(t => t.AddImageAsync(image, false)))
    {
        Report("gateway, image (firmware disk emulation)", Best(Copy(target.UrlOf(0), folder, sha, imageMib), Copy(target.UrlOf(0), folder, sha, imageMib)));
    }
    if (Tools.Find("tgtd") != null)
    {
        using var tgt = ReferenceTarget.Start(image);
        Report("tgt, same image", Best(Copy(tgt.Url, folder, sha, imageMib), Copy(tgt.Url, folder, sha, imageMib)));
    }
    else
    {
        Console.WriteLine("tgt, same image: skipped (tgtd not installed; Debian package tgt)");
    }

    string disk = Path.Combine(folder, "drive.img");
    WriteImage(disk, driveMib << 20, 2);
    await using (var drive = await SimulatedDrive.StartAsync(disk))
    await using (var target = await StartAsync(t => t.AddBridgeDeviceAsync(drive.Client, 0, 0, false)))
    {
        long v0 = drive.Bridge.VirtualTimeNs;
        var r = Copy(target.UrlOf(0), folder, Tools.Sha256(disk), driveMib);
        double virtualSeconds = (drive.Bridge.VirtualTimeNs - v0) * 1e-9;
        Report("gateway, simulated drive over USB full speed", r);
        Console.WriteLine("{0,-44} {1,8} {2,9:F3} {3,10:F3}  (modelled link time: what a board would give)", "  same, in virtual time", driveMib, virtualSeconds, driveMib / virtualSeconds);
    }
    return 0;
}
finally
{
    Directory.Delete(folder, recursive: true);
}

static void WriteImage(string path, int bytes, int seed)
{
    byte[] data = new byte[bytes];
    new Random(seed).NextBytes(data);
    File.WriteAllBytes(path, data);
}

static async Task<IscsiTarget> StartAsync(Func<IscsiTarget, Task> add)
{
    var target = new IscsiTarget(new GatewayOptions { TargetName = "iqn.2026-12.invalid.scsibridge:bench", Listen = new IPEndPoint(IPAddress.Loopback, 0) });
    await add(target);
    target.Start();
    return target;
}

static (double Seconds, int Mib, bool Same) Copy(string url, string folder, string sha, int mib)
{
    string copy = Path.Combine(folder, "copy.raw");
    File.Delete(copy);
    var clock = Stopwatch.StartNew();
    var r = Tools.Run("qemu-img", new[] { "convert", "-O", "raw", url, copy }, TimeSpan.FromMinutes(10));
    double seconds = clock.Elapsed.TotalSeconds;
    if (r.ExitCode != 0) throw new InvalidOperationException("qemu-img failed: " + r.Error);
    bool same = Tools.Sha256(copy) == sha;
    File.Delete(copy);
    return (seconds, mib, same);
}

static (double Seconds, int Mib, bool Same) Best((double Seconds, int Mib, bool Same) x, (double Seconds, int Mib, bool Same) y) =>
    (Math.Min(x.Seconds, y.Seconds), x.Mib, x.Same && y.Same);

static void Report(string name, (double Seconds, int Mib, bool Same) r) =>
    Console.WriteLine("{0,-44} {1,8} {2,9:F3} {3,10:F1}  {4}", name, r.Mib, r.Seconds, (r.Mib / r.Seconds).ToString("F1", CultureInfo.InvariantCulture), r.Same ? "identical" : "DIFFERS");
