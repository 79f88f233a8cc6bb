using System;
using System.Threading;
using System.Threading.Tasks;
using ScsiBridge.Client.Api;
using ScsiBridge.Client.Transports;
using ScsiBridge.SimHost;
using Xunit;

namespace ScsiBridge.Client.Tests.EndToEnd;

/// <summary>The tool on the simulator's clock (SimulatedBridge.Time) and the simulator in step
/// with it (SimConfig.LockStepQuietMs).</summary>
public sealed class SimulatorClockTests
{
    private static (SimulatedBridge Bridge, Thread Runner) Start(int quietMs)
    {
        var config = new SimConfig { LockStepQuietMs = quietMs };
        var bridge = new SimulatedBridge(config);
        var runner = new Thread(bridge.Run) { IsBackground = true };
        runner.Start();
        return (bridge, runner);
    }

    private static void Stop(SimulatedBridge bridge, Thread runner)
    {
        bridge.Stop();
        runner.Join();
        bridge.Dispose();
    }

    [Fact]
    public async Task ADelayOnTheSimulatorsClockEndsWhenVirtualTimeReachesItNotBefore()
    {
        var (bridge, runner) = Start(quietMs: 2);
        try
        {
            using var port = SerialPortTransport.Open(bridge.PortPath, 3_000_000);  // a PC there: the link receiver runs
            long start = bridge.VirtualTimeNs;
            // An idle bridge in step with a quiet tool jumps to the tool's next timer.
            await Task.Delay(TimeSpan.FromSeconds(30), bridge.Time).WaitAsync(TimeSpan.FromMinutes(2));
            long passed = bridge.VirtualTimeNs - start;
            Assert.InRange(passed, 30_000_000_000L, 31_000_000_000L);
            Assert.Equal(0, bridge.Time.Pending);
        }
        finally
        {
            Stop(bridge, runner);
        }
    }

    [Fact]
    public async Task InStepTheToolsWorkTakesNoVirtualTime()
    {
        var (bridge, runner) = Start(quietMs: 5);
        try
        {
            await using var client = new BridgeClient(SerialPortTransport.Open(bridge.PortPath, 3_000_000),
                                                      new BridgeClientOptions { Time = bridge.Time });
            await client.HelloAsync();
            long before = bridge.VirtualTimeNs;
            // The tool busy for a while in real time (hashing 64 MiB), the bridge idle.
            byte[] work = new byte[64 << 20];
            for (int i = 0; i < 4; i++) work[0] ^= System.Security.Cryptography.SHA256.HashData(work)[0];
            long after = bridge.VirtualTimeNs;
            // What is left is the bridge ending its answer (microseconds); running on as a real
            // bridge does, its idle loop would have counted the whole real time and more.
            Assert.InRange(after - before, 0L, 1_000_000L);
            await client.HelloAsync();  // and the link still answers
            Assert.True(bridge.VirtualTimeNs > after);
        }
        finally
        {
            Stop(bridge, runner);
        }
    }
}
