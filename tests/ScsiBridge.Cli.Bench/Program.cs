using System.Diagnostics;
using System.Globalization;
using ScsiBridge.Cli;
using ScsiBridge.Cli.Demo;
using ScsiBridge.Protocol;
using ScsiBridge.SimHost;

// `scsibridge dump` of a disk and `scsibridge restore --no-verify` of an image onto a disk (64
// MiB unless the first argument says otherwise) through the simulator host over the modelled
// 3 Mbaud UART and USB full-speed links, each whole command run through the CLI's entry point:
// rate in virtual (modelled) time, the fraction of the link's payload capacity (byte rate times
// the efficiency of full data frames), and host CPU seconds per MiB of the whole process (the
// client and the simulated bus and firmware together). The restore's data goes PC to bridge
// under credits, several WRITEs in flight.
int mib = args.Length > 0 && int.TryParse(args[0], out int m) && m > 0 ? m : 64;
byte[] payload = new byte[4096];
byte[] wire = new byte[LinkConstants.MaxEncoded];
new Random(1).NextBytes(payload);
double efficiency = (payload.Length - 4.0) / new FrameWriter().Encode(FrameType.Data, 0, Opcodes.Execute, 1, payload, 0, payload.Length, wire, 0);

string folder = Directory.CreateTempSubdirectory("scsibridge-dumpbench-").FullName;
try
{
    string disk = Path.Combine(folder, "disk.img");
    DemoMedia.WriteDisk(disk, mib);
    Console.WriteLine("scsibridge dump and restore of a " + mib + " MiB disk (READ(10)/WRITE(10) of 64 KiB, four in flight), data frames at " + efficiency.ToString("F4", CultureInfo.InvariantCulture) + " payload per wire byte");
    Console.WriteLine("{0,-8} {1,-26} {2,10} {3,8} {4,12} {5,10} {6,8}", "job", "link", "virtual s", "MB/s", "of capacity", "CPU s/MiB", "wall s");
    bool ok = true;
    string restoreImage = Path.Combine(folder, "restore.img");
    byte[] restoreBytes = new byte[mib << 20];
    new Random(2).NextBytes(restoreBytes);
    File.WriteAllBytes(restoreImage, restoreBytes);
    foreach (var (model, bytesPerSecond) in new[] { (LinkModel.Uart(3_000_000), 300_000.0), (LinkModel.UsbFullSpeed(), 1_216_000.0) })
    {
        foreach (string job in new[] { "dump", "restore" })
        {
            ok &= Run(job, model, bytesPerSecond);
        }
    }
    return ok ? 0 : 1;

    bool Run(string job, LinkModel model, double bytesPerSecond)
    {
        bool restore = job == "restore";
        string target = Path.Combine(folder, "target.img");
        if (restore) File.WriteAllBytes(target, new byte[mib << 20]);
        var config = new SimConfig { Link = model };
        config.Devices.Add(new SimDevice(0, restore ? target : disk, false, !restore));
        using var sim = new RunningSimulator(config);
        string image = Path.Combine(folder, "image.img");
        File.Delete(image);
        File.Delete(image + ".map");
        File.Delete(restoreImage + ".restore.map");
        var console = new CliConsole(TextWriter.Null, TextWriter.Null, TextReader.Null, false, false, false);
        long v0 = sim.Bridge.VirtualTimeNs;
        TimeSpan cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        string[] command = restore
            ? new[] { "restore", "--port", sim.Port, "--id", "0", "--allow-write", "--yes", "--no-verify", restoreImage }
            : new[] { "dump", "--port", sim.Port, "--id", "0", "-o", image };
        int rc = CliApp.RunAsync(command, console, CancellationToken.None).GetAwaiter().GetResult();
        double seconds = (sim.Bridge.VirtualTimeNs - v0) * 1e-9;
        double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
        double rate = mib * 1048576.0 / seconds;
        bool same = rc == 0 && (restore ? File.ReadAllBytes(target).AsSpan().SequenceEqual(restoreBytes)
                                        : File.ReadAllBytes(image).AsSpan().SequenceEqual(File.ReadAllBytes(disk)));
        Console.WriteLine("{0,-8} {1,-26} {2,10:F3} {3,8:F3} {4,12:P1} {5,10:F3} {6,8:F1}{7}", job, model.Name, seconds, rate / 1e6, rate / (bytesPerSecond * efficiency),
                          cpu / mib, wall.Elapsed.TotalSeconds, same ? "" : (restore ? "   DISK DIFFERS" : "   IMAGE DIFFERS") + " (exit " + rc + ")");
        return same;
    }
}
finally
{
    Directory.Delete(folder, recursive: true);
}
