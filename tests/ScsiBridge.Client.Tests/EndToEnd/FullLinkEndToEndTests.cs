using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ScsiBridge.Client.Api;
using ScsiBridge.Client.Transports;
using ScsiBridge.SimHost;
using Xunit;

namespace ScsiBridge.Client.Tests.EndToEnd;

/// <summary>
/// Everything the link does, through a real pseudo-terminal to the simulator host running the
/// real firmware: HELLO, scan, a raw INQUIRY, a 16 MiB image read byte-exact with the window
/// full, writes through injected CRC errors in both directions (each applied once), device
/// events, a host's SEND stream delivered through a target path, and a hang-up and reconnect.
/// </summary>
public sealed class FullLinkEndToEndTests : IDisposable
{
    private const int Blocks = 16 * 2048;  // 16 MiB of 512-byte blocks
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "scsibridge-e2e-" + Guid.NewGuid().ToString("N"));
    private readonly string _image;
    private readonly string _hostFile;
    private readonly byte[] _content = new byte[Blocks * 512];
    private readonly byte[] _hostData = new byte[40_000];

    public FullLinkEndToEndTests()
    {
        Directory.CreateDirectory(_folder);
        _image = Path.Combine(_folder, "disk.img");
        _hostFile = Path.Combine(_folder, "from-host.bin");
        new Random(16).NextBytes(_content);
        new Random(17).NextBytes(_hostData);
        File.WriteAllBytes(_image, _content);
        File.WriteAllBytes(_hostFile, _hostData);
    }

    public void Dispose() => Directory.Delete(_folder, true);

    [Fact]
    public async Task TheWholeLinkThroughAPseudoTerminal()
    {
        var config = new SimConfig();
        config.Devices.Add(new SimDevice(0, _image, false, false));
        config.Initiators.Add(new SimInitiator(2, _hostFile));
        using var bridge = new SimulatedBridge(config);
        var runner = new Thread(bridge.Run) { IsBackground = true };
        runner.Start();
        var options = new BridgeClientOptions { ResponseTimeout = TimeSpan.FromSeconds(1) };
        try
        {
            var wire = new DamagingTransport(SerialPortTransport.Open(bridge.PortPath, 3_000_000));
            using (var client = new BridgeClient(wire, options))
            {
                BridgeInfo info = await client.HelloAsync();
                Assert.Equal(4, info.Window);
                Assert.True(info.Credits >= 1);

                var scan = await client.ScanAsync();
                Assert.Contains(scan, p => p.TargetId == 0 && p.Result == 0 && p.Inquiry!.PeripheralType == 0);
                Assert.Contains(scan, p => p.TargetId == bridge.BridgeProcessorId && p.Inquiry!.PeripheralType == 3);

                await client.ElevateAsync();
                await client.StartDeviceAsync(0, 0, enableWrites: true);
                ScsiResult inquiry = await client.ExecuteAsync(0, 0, new byte[] { 0x12, 0, 0, 0, 36, 0 }, 36);
                Assert.True(inquiry.IsGood);
                Assert.Equal("SCSIBRDG", System.Text.Encoding.ASCII.GetString(inquiry.Data, 8, 8));

                // 16 MiB with four reads of 64 KiB in flight.
                byte[] read = new byte[_content.Length];
                const int per = 128;
                var inFlight = new Queue<Task>();
                for (int lba = 0; lba < Blocks; lba += per)
                {
                    int at = lba;
                    if (inFlight.Count == 4) await inFlight.Dequeue();
                    inFlight.Enqueue(Task.Run(async () =>
                    {
                        byte[] part = await client.ReadBlocksAsync(0, 0, at, per, 512);
                        Buffer.BlockCopy(part, 0, read, at * 512, part.Length);
                    }));
                }
                while (inFlight.Count > 0) await inFlight.Dequeue();
                Assert.True(read.AsSpan().SequenceEqual(_content), "the 16 MiB image read back byte-exact");

                // A write whose request and first data frame are damaged on the way to the bridge.
                byte[] first = Pattern(64 * 512, 1);
                wire.DamageNext(2);
                await client.WriteBlocksAsync(0, 0, 1000, first, 512);
                Assert.Equal(2, wire.Damaged);
                // A write whose response is damaged on the way back: the retransmission is replayed.
                byte[] second = Pattern(16 * 512, 2);
                int before = client.Retransmissions;
                bridge.DamageResponsesToPc(1);
                await client.WriteBlocksAsync(0, 0, 3000, second, 512);
                Assert.True(client.Retransmissions > before, "the damaged answer was recovered by sending the request again");
                Assert.Equal(2, bridge.CommandsServed(0x2A));  // two writes, each applied once
                byte[] back1 = await client.ReadBlocksAsync(0, 0, 1000, 64, 512);
                byte[] back2 = await client.ReadBlocksAsync(0, 0, 3000, 16, 512);
                Assert.Equal(first, back1);
                Assert.Equal(second, back2);

                // Device events.
                await client.RegisterEventsAsync(0, 0, 0xBEEF);
                bridge.ResetBus();
                using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
                {
                    await foreach (DeviceEvent e in client.EventsAsync(cts.Token))
                    {
                        Assert.Equal("bus reset", e.KindName);
                        Assert.Equal(0xBEEFu, e.Correlator);
                        break;
                    }
                }

                // The host at ID 2 SENDs its file once the path is open; it arrives in order.
                byte[] received = new byte[_hostData.Length];
                int total = 0, sendBase = 0, lastOffset = -1;
                await using (TargetPathHandle path = await client.OpenTargetPathAsync(2, 0x5E11))
                {
                    using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                    await foreach (TargetData d in path.ReceiveAsync(cts.Token))
                    {
                        Assert.Equal(2, d.Initiator);
                        Assert.Equal(0x5E11u, d.Correlator);
                        Assert.False(d.HasErrors);
                        if (d.Offset <= lastOffset) sendBase = total;  // the next SEND command starts at 0 again
                        lastOffset = d.Offset;
                        Buffer.BlockCopy(d.Data, 0, received, sendBase + d.Offset, d.Data.Length);
                        total += d.Data.Length;
                        if (total == _hostData.Length) break;
                    }
                }
                Assert.Equal(_hostData, received);
            }

            // The hang-up ended the session: a new client starts afresh.
            using (var again = new BridgeClient(SerialPortTransport.Open(bridge.PortPath, 3_000_000), options))
            {
                await again.HelloAsync();
                await again.ElevateAsync();
                await again.StartDeviceAsync(0, 0);  // EINVAL had the old session lived on
                ScsiResult tur = await again.ExecuteAsync(0, 0, new byte[6], autoSense: true);
                Assert.Equal(0x29, tur.Sense?.Asc);   // the bus reset's unit attention, kept for this host
                byte[] block = await again.ReadBlocksAsync(0, 0, 1000, 1, 512);
                Assert.Equal(Pattern(64 * 512, 1)[..512], block);
                LinkStatistics stats = await again.StatisticsAsync();
                Assert.Equal(stats.RingFree, (await again.IocInfoAsync()).RingBuffers);
            }
        }
        finally
        {
            bridge.Stop();
            Assert.True(runner.Join(TimeSpan.FromSeconds(60)), "the simulator ended when asked");
        }
    }

    private static byte[] Pattern(int length, int seed)
    {
        byte[] b = new byte[length];
        new Random(seed).NextBytes(b);
        return b;
    }
}
