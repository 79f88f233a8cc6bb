using ScsiBridge.Client.Api;
using ScsiBridge.Client.Transports;
using ScsiBridge.SimHost;
using Xunit;

namespace ScsiBridge.Campaign.Tests;

/// <summary>Bugs the campaign found, each pinned by a test of its own.</summary>
public sealed class RegressionTests
{
    /// <summary>The tool's entry point with its output thrown away; the exit code.</summary>
    private static Task<int> RunCli(params string[] args)
        => ScsiBridge.Cli.CliApp.RunAsync(args, new ScsiBridge.Cli.CliConsole(TextWriter.Null, TextWriter.Null, TextReader.Null, false, false, false), CancellationToken.None);

    /// <summary>A scratch folder for one test, deleted with everything in it.</summary>
    private sealed class ScratchFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("scsibridge-regress-").FullName;

        public void Dispose() => Directory.Delete(Path, true);
    }

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
        using var scratch = new ScratchFolder();
        string folder = scratch.Path;
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
    /// <summary>
    /// A port that hung up while a write's data was going out made the data pump fail with the
    /// transport's own error, which escaped the request's cleanup half way: its window slot and
    /// the write gate were never given back, so the next write waited for ever.
    /// </summary>
    [Fact]
    public async Task A_hang_up_during_a_writes_data_fails_that_write_and_the_next_at_once()
    {
        using var scratch = new ScratchFolder();
        string folder = scratch.Path;
        var config = new SimConfig();
        config.Devices.Add(new SimDevice(0, Disk(folder, 256), false, false));
        using var sim = new RunningSimulatorForCampaign(config);
        // Requests: HELLO 1, ELEVATE 2, START_DEVICE 3, the write 4: the port hangs up after the
        // write's fourth data frame.
        var trouble = new LinkTrouble(1, new Tally(), 0, null, null, hangupAfter: new LinkTrouble.FrameName(4, 4));
        using var client = new BridgeClient(new NoisyLink(SerialPortTransport.Open(sim.Bridge.PortPath, 3_000_000), trouble),
                                            new BridgeClientOptions { ResponseTimeout = TimeSpan.FromMilliseconds(500) });
        await client.HelloAsync();
        await client.ElevateAsync();
        await client.StartDeviceAsync(0, 0, enableWrites: true);
        byte[] data = new byte[64 * 512];
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        Exception first = await Assert.ThrowsAnyAsync<Exception>(() => client.WriteBlocksAsync(0, 0, 0, data, 512, limit.Token));
        Assert.IsNotType<OperationCanceledException>(first);
        Exception second = await Assert.ThrowsAnyAsync<Exception>(() => client.WriteBlocksAsync(0, 0, 64, data, 512, limit.Token));
        Assert.IsNotType<OperationCanceledException>(second);  // it failed for the link, not for waiting 20 s on a leaked gate
        Assert.IsNotType<TaskCanceledException>(second);
    }
    /// <summary>
    /// A READ the drive ended with ABORTED COMMAND (it saw a parity error in the command) stopped
    /// the whole dump with exit 5; it is the bus's passing trouble, and the read is made again.
    /// </summary>
    [Fact]
    public async Task A_read_aborted_for_a_parity_error_is_read_again_and_the_dump_finishes()
    {
        using var scratch = new ScratchFolder();
        string folder = scratch.Path;
        string disk = Disk(folder, 256);
        var config = new SimConfig();
        config.Devices.Add(new SimDevice(0, disk, false, true));
        config.WrapUnit = (_, unit) => new TroubledDrive(unit, new Dictionary<int, FaultKind> { [2] = FaultKind.ParityCommand }, new Tally());
        using var sim = new RunningSimulatorForCampaign(config);
        string image = Path.Combine(folder, "out.img");
        int code = await RunCli("dump", "--id", "0", "-o", image, "--blocks", "32", "--port", sim.Bridge.PortPath);
        Assert.Equal(0, code);
        Assert.Equal(File.ReadAllBytes(disk), File.ReadAllBytes(image));
    }

    /// <summary>
    /// A dump killed after it made its image but before its first mapfile was saved left an image
    /// without a map, which the next run refuses to touch (exit 1, "--force"): the kill had made
    /// the job impossible to resume. The map now goes to disk first, and a map that claims
    /// nothing resumes even when the image was never made.
    /// </summary>
    [Fact]
    public async Task A_dump_killed_before_its_image_existed_resumes_from_the_empty_map()
    {
        using var scratch = new ScratchFolder();
        string folder = scratch.Path;
        string disk = Disk(folder, 256);
        var config = new SimConfig();
        config.Devices.Add(new SimDevice(0, disk, false, true));
        using var sim = new RunningSimulatorForCampaign(config);
        string image = Path.Combine(folder, "out.img");
        new ScsiBridge.Client.Imaging.RescueMap(256 * 512).Save(image + ".map", "killed", DateTime.Now);  // what the kill left: the map alone
        int code = await RunCli("dump", "--id", "0", "-o", image, "--port", sim.Bridge.PortPath);
        Assert.Equal(0, code);
        Assert.Equal(File.ReadAllBytes(disk), File.ReadAllBytes(image));
    }
    /// <summary>
    /// A read whose data frame was lost on the way came back GOOD with zeros where the frame
    /// should have been (the client counted nothing), and a dump would have marked them
    /// finished. The read now fails as data lost, and the imaging reader reads it again.
    /// </summary>
    [Fact]
    public async Task A_read_that_lost_a_data_frame_is_never_handed_on_with_a_hole()
    {
        using var scratch = new ScratchFolder();
        string folder = scratch.Path;
        string disk = Disk(folder, 64);
        byte[] want = File.ReadAllBytes(disk);
        var config = new SimConfig();
        config.Devices.Add(new SimDevice(0, disk, false, true));
        using var sim = new RunningSimulatorForCampaign(config);
        // Requests: HELLO 1, ELEVATE 2, START_DEVICE 3, TEST UNIT READY 4, the read 5: its second
        // data frame is lost.
        var trouble = new LinkTrouble(1, new Tally(), 0, new LinkTrouble.FrameName(5, 1), null, null);
        using var client = new BridgeClient(new NoisyLink(SerialPortTransport.Open(sim.Bridge.PortPath, 3_000_000), trouble),
                                            new BridgeClientOptions { ResponseTimeout = TimeSpan.FromMilliseconds(500) });
        await client.HelloAsync();
        await client.ElevateAsync();
        await client.StartDeviceAsync(0, 0);
        await client.ExecuteAsync(0, 0, new byte[6], autoSense: true);  // takes the power-on unit attention
        var lost = await Assert.ThrowsAsync<BridgeDataLostException>(() => client.ReadBlocksAsync(0, 0, 0, 32, 512));
        Assert.True(lost.Received < lost.Expected);
        var reader = new ScsiBridge.Client.Imaging.BlockReader(client, 0, 0, 512);
        var again = await reader.ReadAsync(0, 32, CancellationToken.None);
        Assert.Equal(want.AsSpan(0, 32 * 512).ToArray(), again.Data);
    }

    /// <summary>
    /// A restore whose READ CAPACITY lost its data frame on the way ended with exit 3 ("read it
    /// again", but nobody did) before it wrote anything. A command that only reports is now
    /// asked again when its data is lost, and the restore goes on.
    /// </summary>
    [Fact]
    public async Task A_restore_whose_read_capacity_lost_its_data_asks_again_and_finishes()
    {
        using var scratch = new ScratchFolder();
        string folder = scratch.Path;
        string drive = Disk(folder, 256);
        string image = Path.Combine(folder, "payload.img");
        byte[] payload = new byte[256 * 512];
        new Random(9).NextBytes(payload);
        File.WriteAllBytes(image, payload);
        var config = new SimConfig();
        config.Devices.Add(new SimDevice(0, drive, false, false));
        using var sim = new RunningSimulatorForCampaign(config);
        // The restore's requests: HELLO, ELEVATE, the probe's INQUIRY, START_DEVICE, TEST UNIT
        // READY, then READ CAPACITY, request 6: its one data frame is lost.
        var tally = new Tally();
        var trouble = new LinkTrouble(1, tally, 0, new LinkTrouble.FrameName(6, 0), null, null);
        string? lost = null;
        BridgeClient.WrapTransportForTests = t => new NoisyLink(t, trouble) { Lost = f => lost = f };
        int code;
        try
        {
            code = await RunCli("restore", "--id", "0", "--allow-write", "--yes", image, "--port", sim.Bridge.PortPath);
        }
        finally
        {
            BridgeClient.WrapTransportForTests = null;
        }
        Assert.Equal("type 4 opcode 0x20 id 6 length 12 error 0", lost);  // READ CAPACITY's 8 bytes after a 4-byte offset
        Assert.Equal(0, code);
        Assert.Equal(payload, File.ReadAllBytes(drive));
    }
}
