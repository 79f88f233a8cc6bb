using System;
using System.Threading;
using System.Threading.Tasks;
using ScsiBridge.Client.Api;
using ScsiBridge.Firmware.Link;
using ScsiBridge.Firmware.Tests.Targets;
using ScsiBridge.Hal.Sim;
using ScsiBridge.Protocol;
using Xunit;

namespace ScsiBridge.Client.Tests.EndToEnd;

/// <summary>
/// The client library against the real bridge firmware: link server, adapter, simulated bus
/// and a scripted disk, with the link in memory. The simulated side polls the link and lets
/// virtual time pass while it waits, as the simulator host will.
/// </summary>
public sealed class ClientEndToEndTests : IDisposable
{
    private readonly AdapterRig _rig = new AdapterRig();
    private readonly ScriptedTarget _disk;
    private readonly ScriptedTarget _stuck;
    private readonly InMemoryLink _link = new InMemoryLink();
    private readonly Thread _bridge;
    private volatile bool _stop;

    public ClientEndToEndTests()
    {
        _disk = _rig.AddTarget(0);
        _stuck = _rig.AddTarget(1, o => { o.DisconnectOnRead = true; o.NeverReselect = true; });  // a read that never ends
        var server = new LinkServer(_rig.Adapter, new SimPlatform(_rig.Bus), _link, new LinkConfig { BoardName = "sim" }, null, null);
        _rig.AddInstance("link worker", server.RunWorker, () =>
        {
            server.Shutdown();
            while (!server.Stopped) _rig.Bus.Clock.SleepNs(10_000);
        });
        _rig.AddInstance("link transmitter", server.RunTransmitter, () => { });
        _bridge = new Thread(() => _rig.Run(() =>
        {
            byte[] buffer = new byte[8192];
            while (!_stop)
            {
                int n = _link.TakeForBridge(buffer);
                if (n > 0) server.OnBytes(buffer, 0, n);
                else _rig.Bus.Clock.SleepNs(20_000);
            }
        })) { IsBackground = true, Name = "simulated bridge" };
        _bridge.Start();
    }

    public void Dispose()
    {
        _stop = true;
        _bridge.Join(TimeSpan.FromSeconds(30));
        _rig.Dispose();
    }

    private BridgeClient Client(TimeSpan? timeout = null) =>
        new BridgeClient(_link, new BridgeClientOptions { ResponseTimeout = timeout ?? TimeSpan.FromSeconds(5) });

    [Fact]
    public async Task HelloInquiryCapacityAndReadMatchTheDisk()
    {
        using BridgeClient client = Client();
        BridgeInfo info = await client.HelloAsync();
        Assert.Equal(7, info.AdapterId);
        Assert.Equal("sim", info.BoardName);
        await client.ElevateAsync();
        await client.StartDeviceAsync(0, 0);
        InquiryData inquiry = await client.InquiryAsync(0);
        Assert.Equal("SCRIPTED", inquiry.Vendor);
        Assert.Equal(0, inquiry.PeripheralType);
        (long blocks, int length) = await client.ReadCapacityAsync(0);
        Assert.Equal(2048, blocks);
        Assert.Equal(512, length);
        byte[] data = await client.ReadBlocksAsync(0, 0, 100, 20, 512);
        Assert.Equal(_disk.Image[(100 * 512)..(120 * 512)], data);
        var scan = await client.ScanAsync();
        Assert.Contains(scan, p => p.TargetId == 0 && p.Result == 0 && p.Inquiry!.Vendor == "SCRIPTED");
    }

    [Fact]
    public async Task ErrorsArriveTyped()
    {
        using BridgeClient client = Client();
        await client.HelloAsync();
        var perm = await Assert.ThrowsAsync<BridgeErrnoException>(() => client.ExecuteAsync(0, 0, new byte[6]));
        Assert.Equal(1, perm.Errno);  // EPERM: TMIOCMD needs an elevated session
        Assert.Contains("elevate the session", perm.Message);
        var link = await Assert.ThrowsAsync<BridgeLinkException>(() => client.StartDeviceAsync(9, 0));
        Assert.Equal(LinkErrors.BadArgument, link.Code);  // ID 9: refused at the link
        await client.ElevateAsync();
        await client.StartDeviceAsync(0, 0);
        var errno = await Assert.ThrowsAsync<BridgeErrnoException>(() => client.StartDeviceAsync(0, 0));
        Assert.Equal(22, errno.Errno);
        var scsi = await Assert.ThrowsAsync<ScsiCommandException>(() => client.CommandAsync(0, 0, new byte[] { 0x02, 0, 0, 0, 0, 0 }, 0));
        Assert.Equal(0x02, scsi.Result.Status);
        Assert.Equal(5, scsi.Result.Sense!.Key);    // ILLEGAL REQUEST
        Assert.Equal(0x20, scsi.Result.Sense.Asc);  // INVALID COMMAND OPERATION CODE
        Assert.Contains("ILLEGAL REQUEST", scsi.Message);
    }

    [Fact]
    public async Task ALostResponseIsRecoveredByRetransmissionWithoutRunningTwice()
    {
        using BridgeClient client = Client(TimeSpan.FromMilliseconds(300));
        await client.HelloAsync();
        _link.DropFrames = 1;                 // the START_DEVICE response is lost
        await client.StartDeviceAsync(0, 0);  // would be EINVAL if the bridge ran it twice
        Assert.True(client.Retransmissions >= 1, "the lost response was recovered by sending the request again");
    }

    [Fact]
    public async Task DeviceEventsStreamWithTheCorrelator()
    {
        using BridgeClient client = Client();
        await client.HelloAsync();
        await client.StartDeviceAsync(0, 0);
        await client.RegisterEventsAsync(0, 0, 0xCAFE);
        _rig.Bus.Inject(SimFault.ResetAt(_rig.Bus.NowNs + 100_000));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await foreach (DeviceEvent e in client.EventsAsync(cts.Token))
        {
            Assert.Equal("bus reset", e.KindName);
            Assert.Equal(0xCAFEu, e.Correlator);
            break;
        }
    }

    [Fact]
    public async Task ConcurrentReadsShareTheWindowAndAllArriveIntact()
    {
        using BridgeClient client = Client();
        await client.HelloAsync();
        await client.ElevateAsync();
        await client.StartDeviceAsync(0, 0);
        var reads = new Task<byte[]>[10];
        for (int i = 0; i < reads.Length; i++) reads[i] = client.ReadBlocksAsync(0, 0, i * 16, 16, 512);
        byte[][] got = await Task.WhenAll(reads);
        for (int i = 0; i < reads.Length; i++) Assert.Equal(_disk.Image[(i * 16 * 512)..((i + 1) * 16 * 512)], got[i]);
    }

    [Fact]
    public async Task AWriteLargerThanTheCreditsLandsAndReadsBack()
    {
        using BridgeClient client = Client();
        BridgeInfo info = await client.HelloAsync();
        await client.ElevateAsync();
        await client.StartDeviceAsync(0, 0, enableWrites: true);
        byte[] data = new byte[(info.Credits + 3) * 4096];  // more frames than credits: they must come back
        new Random(3).NextBytes(data);
        await client.WriteBlocksAsync(0, 0, 200, data, 512);
        Assert.Equal(data, _disk.Image[(200 * 512)..(200 * 512 + data.Length)]);
        Assert.Equal(1, _disk.CountOf(0x2A));
        LinkStatistics stats = await client.StatisticsAsync();
        Assert.Equal(0, stats.DataHeld);
        Assert.Equal(16, stats.RingFree);
    }

    [Fact]
    public async Task CancellingACommandHaltsItOnTheBusAndFreesTheBridge()
    {
        using BridgeClient client = Client();
        await client.HelloAsync();
        await client.ElevateAsync();
        await client.StartDeviceAsync(0, 0);
        await client.StartDeviceAsync(1, 0);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            client.ExecuteAsync(1, 0, new byte[] { 0x28, 0, 0, 0, 0, 0, 0, 0, 8, 0 }, 4096, TimeSpan.FromSeconds(3600), false, cts.Token));
        // Had the read run on for its hour the bridge's worker would still be busy with it.
        InquiryData inquiry = await client.InquiryAsync(0);
        Assert.Equal("SCRIPTED", inquiry.Vendor);
        Assert.True(_stuck.AbortsReceived + _stuck.DeviceResetsReceived >= 1, "the halt reached the device");
    }
}
