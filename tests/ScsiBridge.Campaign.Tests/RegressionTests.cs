using ScsiBridge.Client.Api;
using ScsiBridge.Client.Transports;
using ScsiBridge.SimHost;
using Xunit;

namespace ScsiBridge.Campaign.Tests;

/// <summary>Bugs the campaign found, each pinned by a test of its own.</summary>
public sealed class RegressionTests
{
    private static string Disk(string folder, int blocks)
    {
        string path = Path.Combine(folder, "disk.img");
        byte[] b = new byte[blocks * 512];
        new Random(3).NextBytes(b);
        File.WriteAllBytes(path, b);
        return path;
    }

    /// <summary>
    /// The simulator noticed a PC that closed the port only when a read failed; when it looked at
    /// the port between reads it just waited for the next one, so the session lived on: elevated,
    /// its device session open, until the next HELLO.
    /// </summary>
    [Fact]
    public async Task A_pc_that_closes_the_port_loses_its_privilege_and_sessions()
    {
        string folder = Directory.CreateTempSubdirectory("scsibridge-regress-").FullName;
        try
        {
            var config = new SimConfig();
            config.Devices.Add(new SimDevice(0, Disk(folder, 64), false, false));
            using var sim = new RunningSimulatorForCampaign(config);
            using (var client = new BridgeClient(SerialPortTransport.Open(sim.Bridge.PortPath, 3_000_000)))
            {
                await client.HelloAsync();
                await client.ElevateAsync();
                await client.StartDeviceAsync(0, 0, enableWrites: true);
                Assert.True(sim.Bridge.Health().Elevated);
                Assert.Equal(1, sim.Bridge.Health().SessionsOpen);
            }
            var h = sim.Bridge.Health();
            for (int i = 0; i < 2000 && (h.Elevated || h.SessionsOpen > 0); i++)
            {
                await Task.Delay(5);
                h = sim.Bridge.Health();
            }
            Assert.False(h.Elevated);
            Assert.Equal(0, h.SessionsOpen);
            Assert.Equal(h.RingCount, h.RingFree);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }
}
