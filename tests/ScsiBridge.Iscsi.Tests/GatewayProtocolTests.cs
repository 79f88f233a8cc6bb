using System.Buffers.Binary;

namespace ScsiBridge.Iscsi.Tests;

/// <summary>The gateway through our own initiator: login, reads, protection, writes, CHAP, sessions, stopping.</summary>
public sealed class GatewayProtocolTests
{
    private static byte[] Read10(long lba, int blocks) => new byte[] { 0x28, 0, (byte)(lba >> 24), (byte)(lba >> 16), (byte)(lba >> 8), (byte)lba, 0, (byte)(blocks >> 8), (byte)blocks, 0 };

    private static byte[] Write10(long lba, int blocks) => new byte[] { 0x2A, 0, (byte)(lba >> 24), (byte)(lba >> 16), (byte)(lba >> 8), (byte)lba, 0, (byte)(blocks >> 8), (byte)blocks, 0 };

    private static byte[] Read16(long lba, int blocks)
    {
        byte[] c = new byte[16];
        c[0] = 0x88;
        BinaryPrimitives.WriteUInt64BigEndian(c.AsSpan(2), (ulong)lba);
        BinaryPrimitives.WriteUInt32BigEndian(c.AsSpan(10), (uint)blocks);
        return c;
    }

    [Fact]
    public async Task AnImageReadsBackAsItIsOnDiskThroughEveryReadSize()
    {
        using var folder = new TempFolder();
        string image = folder.Image("disk.img", 1 << 20);
        byte[] bytes = File.ReadAllBytes(image);
        await using var g = await Gateway.StartAsync(t => t.AddImageAsync(image, false));
        using var i = g.Connect();

        var r = i.Command(0, Read10(100, 8), 8 * 512);
        Assert.Equal(0, r.Status);
        Assert.Equal(bytes.AsSpan(100 * 512, 8 * 512).ToArray(), r.Data);
        // READ(16) of 600 KiB crosses several Data-In PDUs and the device's pieces.
        r = i.Command(0, Read16(7, 1200), 1200 * 512);
        Assert.Equal(0, r.Status);
        Assert.Equal(bytes.AsSpan(7 * 512, 1200 * 512).ToArray(), r.Data);

        var capacity = i.Command(0, new byte[] { 0x9E, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 32, 0, 0 }, 32);
        Assert.Equal(2047L, (long)BinaryPrimitives.ReadUInt64BigEndian(capacity.Data));
        Assert.Equal(512u, BinaryPrimitives.ReadUInt32BigEndian(capacity.Data.AsSpan(8)));
    }

    [Fact]
    public async Task ReadOnlyByDefaultWritesGetDataProtectAndModeSenseShowsWp()
    {
        using var folder = new TempFolder();
        string image = folder.Image("disk.img", 1 << 20);
        string before = Tools.Sha256(image);
        await using var g = await Gateway.StartAsync(t => t.AddImageAsync(image, false));
        using var i = g.Connect();

        var w = i.Command(0, Write10(0, 1), 0, new byte[512]);
        Assert.Equal(0x02, w.Status);
        Assert.Equal(0x07, w.SenseKey);
        Assert.Equal(0x2700, w.Asc);
        var ms = i.Command(0, new byte[] { 0x1A, 0, 0x3F, 0, 255, 0 }, 255);
        Assert.Equal(0, ms.Status);
        Assert.Equal(0x80, ms.Data[2] & 0x80);
        Assert.Equal(before, Tools.Sha256(image));
    }

    [Fact]
    public async Task AllowWriteWritesThroughR2TAndTheImageChanges()
    {
        using var folder = new TempFolder();
        string image = folder.Image("disk.img", 1 << 20);
        await using var g = await Gateway.StartAsync(t => t.AddImageAsync(image, true));
        using var i = g.Connect();
        byte[] data = new byte[300 * 512];  // more than immediate data: the rest comes after R2Ts
        new Random(7).NextBytes(data);
        var w = i.Command(0, Write10(50, 300), 0, data);
        Assert.Equal(0, w.Status);
        var ms = i.Command(0, new byte[] { 0x1A, 0, 0x3F, 0, 255, 0 }, 255);
        Assert.Equal(0, ms.Data[2] & 0x80);
        var r = i.Command(0, Read10(50, 300), 300 * 512);
        Assert.Equal(data, r.Data);
        i.Logout();
        await g.Target.StopAsync(TimeSpan.Zero);
        Assert.Equal(data, File.ReadAllBytes(image).AsSpan(50 * 512, data.Length).ToArray());
    }

    [Fact]
    public async Task OutOfRangeAndUnknownCommandsGetTheSenseSbc3Names()
    {
        using var folder = new TempFolder();
        string image = folder.Image("disk.img", 1 << 20);
        await using var g = await Gateway.StartAsync(t => t.AddImageAsync(image, false));
        using var i = g.Connect();
        var r = i.Command(0, Read10(2047, 2), 1024);
        Assert.Equal((2, 0x05, 0x2100), (r.Status, r.SenseKey, r.Asc));
        r = i.Command(0, new byte[] { 0xC1, 0, 0, 0, 0, 0 }, 0);
        Assert.Equal((2, 0x05, 0x2000), (r.Status, r.SenseKey, r.Asc));
        r = i.Command(5, new byte[6], 0);  // no LUN 5
        Assert.Equal((2, 0x05, 0x2500), (r.Status, r.SenseKey, r.Asc));
        var luns = i.Command(0, new byte[] { 0xA0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0 }, 256);
        Assert.Equal(8u, BinaryPrimitives.ReadUInt32BigEndian(luns.Data));
    }

    [Fact]
    public async Task ResidualsFollowTheExpectedLength()
    {
        using var folder = new TempFolder();
        string image = folder.Image("disk.img", 1 << 20);
        await using var g = await Gateway.StartAsync(t => t.AddImageAsync(image, false));
        using var i = g.Connect();
        var r = i.Command(0, Read10(0, 2), 512, expected: 512);  // two blocks asked, one expected
        Assert.Equal(0, r.Status);
        Assert.Equal(512, r.Data.Length);
        Assert.Equal((0x04, 512u), (r.ResidualFlags, r.Residual));
        r = i.Command(0, Read10(0, 1), 10000, expected: 10000);
        Assert.Equal((0x02, 10000u - 512), (r.ResidualFlags, r.Residual));
    }

    [Fact]
    public async Task ChapLetsTheRightSecretInAndKeepsAWrongOneOut()
    {
        using var folder = new TempFolder();
        string image = folder.Image("disk.img", 65536);
        var options = new GatewayOptions { ChapUser = "archivist", ChapSecret = System.Text.Encoding.UTF8.GetBytes("vintage-secret-1") };
        await using var g = await Gateway.StartAsync(t => t.AddImageAsync(image, false), options);

        using (var wrong = new TestInitiator(g.Endpoint))
        {
            Assert.False(wrong.Login(Gateway.Iqn, "archivist", "not-the-secret"));
            Assert.Equal(0x0201, wrong.LoginStatus);
        }
        using (var none = new TestInitiator(g.Endpoint))
        {
            Assert.False(none.Login(Gateway.Iqn));
            Assert.Equal(0x0201, none.LoginStatus);
        }
        using var right = new TestInitiator(g.Endpoint);
        Assert.True(right.Login(Gateway.Iqn, "archivist", "vintage-secret-1"));
        Assert.Equal(0, right.Command(0, new byte[6], 0).Status);
    }

    [Fact]
    public async Task SeveralSessionsReadAtOnceAndAReservationKeepsTheOthersOut()
    {
        using var folder = new TempFolder();
        string image = folder.Image("disk.img", 1 << 20);
        byte[] bytes = File.ReadAllBytes(image);
        await using var g = await Gateway.StartAsync(t => t.AddImageAsync(image, false));
        var sessions = Enumerable.Range(0, 4).Select(n =>
        {
            var i = new TestInitiator(g.Endpoint);
            Assert.True(i.Login(Gateway.Iqn, isid: "40000137000" + n));
            return i;
        }).ToList();
        try
        {
            await Task.WhenAll(sessions.Select((s, n) => Task.Run(() =>
            {
                for (int k = 0; k < 20; k++)
                {
                    int lba = (n * 97 + k * 31) % 2000;
                    var r = s.Command(0, Read10(lba, 16), 16 * 512);
                    Assert.Equal(bytes.AsSpan(lba * 512, 16 * 512).ToArray(), r.Data);
                }
            })));
            Assert.Equal(4, g.Target.SessionCount);

            Assert.Equal(0, sessions[0].Command(0, new byte[] { 0x16, 0, 0, 0, 0, 0 }, 0).Status);
            Assert.Equal(0x18, sessions[1].Command(0, Read10(0, 1), 512).Status);  // RESERVATION CONFLICT
            sessions[0].Logout();                                                    // the reservation ends with its session
            await WaitFor(() => g.Target.SessionCount == 3);
            Assert.Equal(0, sessions[1].Command(0, Read10(0, 1), 512).Status);
        }
        finally
        {
            foreach (var s in sessions) s.Dispose();
        }
    }

    [Fact]
    public async Task StoppingAsksEverySessionToLogOutAndClosesIt()
    {
        using var folder = new TempFolder();
        string image = folder.Image("disk.img", 65536);
        await using var g = await Gateway.StartAsync(t => t.AddImageAsync(image, false));
        using var i = g.Connect();
        Task stop = g.Target.StopAsync(TimeSpan.FromSeconds(1));
        var message = i.Receive();
        Assert.NotNull(message);
        Assert.Equal(0x32, message!.Opcode);      // Async Message
        Assert.Equal(1, message.Header[36]);      // AsyncEvent 1: logout requested
        await stop;
        Assert.Null(i.Receive());                 // and the connection is closed
        Assert.Equal(0, g.Target.SessionCount);
    }

    [Fact]
    public async Task DiscoveryListsTheTargetAndItsAddress()
    {
        using var folder = new TempFolder();
        string image = folder.Image("disk.img", 65536);
        await using var g = await Gateway.StartAsync(t => t.AddImageAsync(image, false));
        using var i = new TestInitiator(g.Endpoint);
        Assert.True(i.Login(null));
        byte[] h = new byte[48];
        h[0] = 0x04;
        h[1] = 0x80;
        BinaryPrimitives.WriteUInt32BigEndian(h.AsSpan(16), 77);
        BinaryPrimitives.WriteUInt32BigEndian(h.AsSpan(20), 0xFFFFFFFF);
        BinaryPrimitives.WriteUInt32BigEndian(h.AsSpan(24), 1);
        i.Send(h, System.Text.Encoding.UTF8.GetBytes("SendTargets=All\0"));
        var r = i.Receive()!;
        Assert.Equal(0x24, r.Opcode);
        var keys = TestInitiator.Keys(r.Data);
        Assert.Equal(Gateway.Iqn, keys["TargetName"]);
        Assert.Equal(g.Endpoint.ToString() + ",1", keys["TargetAddress"]);
    }

    private static async Task WaitFor(Func<bool> condition)
    {
        for (int i = 0; i < 200 && !condition(); i++) await Task.Delay(25);
        Assert.True(condition());
    }
}
