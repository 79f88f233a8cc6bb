using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using ScsiBridge.Client.Api;
using ScsiBridge.Client.Transports;
using ScsiBridge.Protocol;
using ScsiBridge.SimHost;

namespace ScsiBridge.Link.Bench;

/// <summary>
/// The link's figures: framing efficiency (payload bytes per wire byte) of data frames, and an
/// image read through the simulator host over the modelled 3 Mbaud UART and USB full-speed
/// links, by a pipelined client (four requests in flight, the bridge's window) beside a
/// stop-and-wait client on the same simulated bridge: MB/s of virtual (modelled) time, the
/// fraction of the link's payload capacity (its byte rate times the efficiency of full data
/// frames), and host CPU seconds per MiB. With the argument "codec": the native frame codec
/// beside the C# one (CodecBench).
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "codec") return CodecBench.Run();
        int mib = args.Length > 0 && int.TryParse(args[0], out int m) && m > 0 ? m : 4;
        Console.WriteLine("framing efficiency of data frames (u32 offset + data), random payloads, COBS + CRC-32C");
        double fullFrame = 0;
        foreach (int size in new[] { 512, 4092 })
        {
            byte[] payload = new byte[size + 4];
            new Random(size).NextBytes(payload);
            byte[] wire = new byte[LinkConstants.MaxEncoded];
            int n = new FrameWriter().Encode(FrameType.Data, 0, Opcodes.Execute, 1, payload, 0, payload.Length, wire, 0);
            Console.WriteLine("  {0,5} data bytes: {1,5} wire bytes, efficiency {2:F4}", size, n, (double)size / n);
            fullFrame = (double)size / n;
        }
        Console.WriteLine();
        Console.WriteLine("image read through the simulator host, " + mib + " MiB per row, READ(10)");
        Console.WriteLine("{0,-26} {1,-14} {2,7} {3,10} {4,8} {5,12} {6,10}", "link", "client", "read", "virtual s", "MB/s", "of capacity", "CPU s/MiB");
        bool ok = Run(LinkModel.Uart(3_000_000), 300_000.0 * fullFrame, mib)
                  & Run(LinkModel.UsbFullSpeed(), 1_216_000.0 * fullFrame, mib);
        return ok ? 0 : 1;
    }

    private static bool Run(LinkModel model, double capacity, int mib)
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
            foreach (int blocks in new[] { 8, 128 })
            {
                foreach (int window in new[] { 1, 4 })
                {
                    same &= Read(bridge, content, blocks, window, capacity, mib);
                }
            }
            bridge.Stop();
            runner.Join();
            return same;
        }
        finally
        {
            File.Delete(image);
        }
    }

    private static bool Read(SimulatedBridge bridge, byte[] content, int blocks, int window, double capacity, int mib)
    {
        using var client = new BridgeClient(SerialPortTransport.Open(bridge.PortPath), new BridgeClientOptions { ResponseTimeout = TimeSpan.FromSeconds(60) });
        client.HelloAsync().GetAwaiter().GetResult();
        client.ElevateAsync().GetAwaiter().GetResult();
        client.ProbeAsync(0).GetAwaiter().GetResult();  // as a host does first: takes a pending unit attention
        client.StartDeviceAsync(0, 0).GetAwaiter().GetResult();
        client.ReadBlocksAsync(0, 0, 0, 1, 512).GetAwaiter().GetResult();  // warm up
        long v0 = bridge.VirtualTimeNs;
        TimeSpan cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        bool same = true;
        var inFlight = new Queue<Task<bool>>();
        for (int lba = 0; lba < content.Length / 512; lba += blocks)
        {
            int at = lba;
            if (inFlight.Count == window) same &= inFlight.Dequeue().GetAwaiter().GetResult();
            inFlight.Enqueue(Task.Run(async () =>
            {
                byte[] got = await client.ReadBlocksAsync(0, 0, at, blocks, 512);
                return got.AsSpan().SequenceEqual(content.AsSpan(at * 512, got.Length));
            }));
        }
        while (inFlight.Count > 0) same &= inFlight.Dequeue().GetAwaiter().GetResult();
        long v1 = bridge.VirtualTimeNs;
        TimeSpan cpu1 = Process.GetCurrentProcess().TotalProcessorTime;
        double seconds = (v1 - v0) * 1e-9;
        double rate = content.Length / seconds;
        Console.WriteLine("{0,-26} {1,-14} {2,7} {3,10:F3} {4,8:F3} {5,12:P1} {6,10:F3}", bridge.Model.Name,
            window == 1 ? "stop-and-wait" : "pipelined x" + window, blocks * 512 / 1024 + " KiB", seconds, rate / 1e6,
            rate / capacity, (cpu1 - cpu0).TotalSeconds / (content.Length / 1048576.0));
        if (!same) Console.Error.WriteLine("error: the data read differs from the image");
        return same;
    }
}
