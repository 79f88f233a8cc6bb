using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using ScsiBridge.Client.Api;
using ScsiBridge.Client.Transports;
using ScsiBridge.Protocol;
using ScsiBridge.SimHost;

namespace ScsiBridge.Link.Bench;

/// <summary>
/// The link's figures: framing efficiency (payload bytes per wire byte) of data frames, and an
/// image read through the simulator host over the modelled 3 Mbaud UART and USB full-speed
/// links, as MB/s of virtual (modelled) time and as a fraction of the link's payload capacity,
/// with host CPU seconds per MiB. The client is stop-and-wait (the bridge's window is 1 today).
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        int mib = args.Length > 0 && int.TryParse(args[0], out int m) && m > 0 ? m : 4;
        Console.WriteLine("framing efficiency of data frames (u32 offset + data), random payloads, COBS + CRC-32C");
        foreach (int size in new[] { 512, 4092 })
        {
            byte[] payload = new byte[size + 4];
            new Random(size).NextBytes(payload);
            byte[] wire = new byte[LinkConstants.MaxEncoded];
            int n = new FrameWriter().Encode(FrameType.Data, 0, Opcodes.Execute, 1, payload, 0, payload.Length, wire, 0);
            Console.WriteLine("  {0,5} data bytes: {1,5} wire bytes, efficiency {2:F4}", size, n, (double)size / n);
        }
        Console.WriteLine();
        Console.WriteLine("image read through the simulator host, " + mib + " MiB in 64 KiB READ(10), stop-and-wait client");
        Console.WriteLine("{0,-26} {1,11} {2,11} {3,12} {4,12}", "link", "virtual s", "MB/s", "of capacity", "CPU s/MiB");
        bool ok = Read(LinkModel.Uart(3_000_000), 300_000.0, mib) & Read(LinkModel.UsbFullSpeed(), 1_216_000.0, mib);
        return ok ? 0 : 1;
    }

    private static bool Read(LinkModel model, double capacityBytesPerSecond, int mib)
    {
        string image = Path.Combine(Path.GetTempPath(), "scsibridge-linkbench-" + Guid.NewGuid().ToString("N") + ".img");
        byte[] content = new byte[mib * 1024 * 1024];
        new Random(9).NextBytes(content);
        File.WriteAllBytes(image, content);
        try
        {
            using var bridge = new SimulatedBridge(new[] { new SimDevice(0, image, false, true) }, model);
            var runner = new Thread(bridge.Run) { IsBackground = true };
            runner.Start();
            bool same = true;
            long v0, v1;
            TimeSpan cpu0, cpu1;
            using (var client = new BridgeClient(SerialPortTransport.Open(bridge.PortPath), new BridgeClientOptions { ResponseTimeout = TimeSpan.FromSeconds(60) }))
            {
                client.HelloAsync().GetAwaiter().GetResult();
                client.ElevateAsync().GetAwaiter().GetResult();
                client.ProbeAsync(0).GetAwaiter().GetResult();  // as a host does first: takes the power-on unit attention
                client.StartDeviceAsync(0, 0).GetAwaiter().GetResult();
                client.ReadBlocksAsync(0, 0, 0, 1, 512).GetAwaiter().GetResult();  // warm up
                v0 = bridge.VirtualTimeNs;
                cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                for (int lba = 0; lba < content.Length / 512; lba += 128)
                {
                    byte[] got = client.ReadBlocksAsync(0, 0, lba, 128, 512).GetAwaiter().GetResult();
                    same &= got.AsSpan().SequenceEqual(content.AsSpan(lba * 512, got.Length));
                }
                v1 = bridge.VirtualTimeNs;
                cpu1 = Process.GetCurrentProcess().TotalProcessorTime;
            }
            bridge.Stop();
            runner.Join();
            double seconds = (v1 - v0) * 1e-9;
            double rate = content.Length / seconds;
            Console.WriteLine("{0,-26} {1,11:F3} {2,11:F3} {3,12:P1} {4,12:F3}", model.Name, seconds, rate / 1e6,
                rate / capacityBytesPerSecond, (cpu1 - cpu0).TotalSeconds / mib);
            if (!same) Console.Error.WriteLine("error: the data read differs from the image");
            return same;
        }
        finally
        {
            File.Delete(image);
        }
    }
}
