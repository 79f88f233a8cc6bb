using ScsiBridge.Client.Api;
using ScsiBridge.SimHost;

namespace ScsiBridge.Iscsi.Tests;

/// <summary>The simulated bridge (a SCSI-2 disk behind the modelled link) with a client connected to it.</summary>
internal sealed class SimulatedDrive : IAsyncDisposable
{
    private readonly Thread _thread;

    private SimulatedDrive(SimulatedBridge bridge, Thread thread, BridgeClient client)
    {
        Bridge = bridge;
        _thread = thread;
        Client = client;
    }

    public SimulatedBridge Bridge { get; }

    public BridgeClient Client { get; }

    public static async Task<SimulatedDrive> StartAsync(string disk, bool readOnly = true, string link = "usb-fs")
    {
        SimConfig config = SimOptions.Parse(new[] { "--disk", "0:" + disk + (readOnly ? ":ro" : ""), "--link", link });
        var bridge = new SimulatedBridge(config);
        var thread = new Thread(bridge.Run) { IsBackground = true, Name = "simulated bridge" };
        thread.Start();
        BridgeClient client = await BridgeClient.ConnectAsync(bridge.PortPath, ct: CancellationToken.None);
        await client.ElevateAsync("");
        await client.StartDeviceAsync(0, 0, !readOnly);
        return new SimulatedDrive(bridge, thread, client);
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        Bridge.Stop();
        _thread.Join();
        Bridge.Dispose();
    }
}
