using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using ScsiBridge.Client.Api;
using ScsiBridge.Client.Transports;
using ScsiBridge.SimHost;
using Xunit;

namespace ScsiBridge.Client.Tests.EndToEnd;

/// <summary>The simulator host behind a real pseudo-terminal, reached the way a board is.</summary>
public sealed class SimulatorHostTests : IDisposable
{
    private readonly string _image = Path.Combine(Path.GetTempPath(), "scsibridge-simhost-" + Guid.NewGuid().ToString("N") + ".img");
    private readonly byte[] _content = new byte[2048 * 512];

    public SimulatorHostTests()
    {
        new Random(11).NextBytes(_content);
        File.WriteAllBytes(_image, _content);
    }

    public void Dispose()
    {
        File.Delete(_image);
    }

    [Fact]
    public async Task AClientReadsTheImageThroughThePtyThenHangsUpAndAnotherConnects()
    {
        using var bridge = new SimulatedBridge(new[] { new SimDevice(0, _image, false, true) }, LinkModel.Uart(3_000_000));
        var runner = new Thread(bridge.Run) { IsBackground = true };
        runner.Start();
        try
        {
            using (var client = new BridgeClient(SerialPortTransport.Open(bridge.PortPath, 3_000_000)))
            {
                BridgeInfo info = await client.HelloAsync();
                Assert.Equal("ScsiBridge simulator", info.BoardName);
                var scan = await client.ScanAsync();
                Assert.Contains(scan, p => p.TargetId == 0 && p.Result == 0 && p.Inquiry!.PeripheralType == 0);
                await client.ElevateAsync();
                await client.StartDeviceAsync(0, 0);
                (long blocks, int length) = await client.ReadCapacityAsync(0);
                Assert.Equal(2048, blocks);
                Assert.Equal(512, length);
                byte[] first = await client.ReadBlocksAsync(0, 0, 0, 64, 512);
                byte[] last = await client.ReadBlocksAsync(0, 0, 2048 - 16, 16, 512);
                Assert.Equal(_content[..(64 * 512)], first);
                Assert.Equal(_content[^(16 * 512)..], last);
            }
            // The first client hung up; the bridge stopped its session and waits for a new HELLO.
            using (var again = new BridgeClient(SerialPortTransport.Open(bridge.PortPath, 3_000_000)))
            {
                await again.HelloAsync();
                await again.StartDeviceAsync(0, 0);  // would be EINVAL had the old session lived on
            }
        }
        finally
        {
            bridge.Stop();
            Assert.True(runner.Join(TimeSpan.FromSeconds(30)), "the simulator ended when asked");
        }
    }
}
