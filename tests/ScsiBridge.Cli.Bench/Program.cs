using System.Diagnostics;
using System.Globalization;
using ScsiBridge.Cli;
using ScsiBridge.Cli.Demo;
using ScsiBridge.Protocol;
using ScsiBridge.SimHost;

// `scsibridge dump` of a disk (64 MiB unless the first argument says otherwise) through the
// simulator host over the modelled 3 Mbaud UART and USB full-speed links, the whole command
// run through the CLI's entry point: rate in virtual (modelled) time, the fraction of the link's
// payload capacity (byte rate times the efficiency of full data frames), and host CPU seconds
// per MiB of the whole process (the client and the simulated bus and firmware together).
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
    Console.WriteLine("scsibridge dump of a " + mib + " MiB disk (READ(10) of 64 KiB, four in flight), data frames at " + efficiency.ToString("F4", CultureInfo.InvariantCulture) + " payload per wire byte");
    Console.WriteLine("{0,-26} {1,10} {2,8} {3,12} {4,10} {5,8}", "link", "virtual s", "MB/s", "of capacity", "CPU s/MiB", "wall s");
    bool ok = true;
    foreach (var (model, bytesPerSecond) in new[] { (LinkModel.Uart(3_000_000), 300_000.0), (LinkModel.UsbFullSpeed(), 1_216_000.0) })
    {
        var config = new SimConfig { Link = model };
        config.Devices.Add(new SimDevice(0, disk, false, true));
        using var sim = new RunningSimulator(config);
        string image = Path.Combine(folder, "image.img");
        File.Delete(image);
        File.Delete(image + ".map");
        var console = new CliConsole(TextWriter.Null, TextWriter.Null, TextReader.Null, false, false, false);
        long v0 = sim.Bridge.VirtualTimeNs;
        TimeSpan cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        int rc = await CliApp.RunAsync(new[] { "dump", "--port", sim.Port, "--id", "0", "-o", image }, console, CancellationToken.None);
        double seconds = (sim.Bridge.VirtualTimeNs - v0) * 1e-9;
        double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
        double rate = mib * 1048576.0 / seconds;
        bool same = rc == 0 && File.ReadAllBytes(image).AsSpan().SequenceEqual(File.ReadAllBytes(disk));
        ok &= same;
        Console.WriteLine("{0,-26} {1,10:F3} {2,8:F3} {3,12:P1} {4,10:F3} {5,8:F1}{6}", model.Name, seconds, rate / 1e6, rate / (bytesPerSecond * efficiency),
                          cpu / mib, wall.Elapsed.TotalSeconds, same ? "" : "   IMAGE DIFFERS (exit " + rc + ")");
    }
    return ok ? 0 : 1;
}
finally
{
    Directory.Delete(folder, recursive: true);
}
