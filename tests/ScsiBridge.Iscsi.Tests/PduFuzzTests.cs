using System.Buffers.Binary;

namespace ScsiBridge.Iscsi.Tests;

/// <summary>
/// Malformed PDUs, before and after login, from a fixed seed: each gets a Reject or a closed
/// connection, never an error inside the gateway, and the target serves a clean session after
/// every one of them.
/// </summary>
public sealed class PduFuzzTests
{
    private const int Seed = 17;

    [Fact]
    public Task MalformedPdusNeverStopTheTarget() => FuzzAsync(200);

    [Fact]
    [Trait("Category", "Long")]
    public Task MalformedPdusNeverStopTheTargetLong() => FuzzAsync(10000);

    private static async Task FuzzAsync(int rounds)
    {
        using var folder = new TempFolder();
        string image = folder.Image("disk.img", 1 << 20);
        byte[] bytes = File.ReadAllBytes(image);
        await using var g = await Gateway.StartAsync(t => t.AddImageAsync(image, true));
        var random = new Random(Seed);
        int rejects = 0, closes = 0;
        for (int round = 0; round < rounds; round++)
        {
            using (var i = new TestInitiator(g.Endpoint))
            {
                int kind = random.Next(4);
                if (kind < 2) i.ReadTimeout = 100;
                if (kind == 0)
                {
                    byte[] junk = new byte[random.Next(1, 200)];
                    random.NextBytes(junk);
                    TrySend(() => i.SendRaw(junk));
                }
                else if (kind == 1)
                {
                    TrySend(() => i.Send(MutatedHeader(random, login: true), Junk(random)));
                }
                else
                {
                    if (!i.Login(Gateway.Iqn, isid: "4000013700" + (round % 200).ToString("X2"))) continue;
                    i.ReadTimeout = 100;
                    TrySend(() => i.Send(MutatedHeader(random, login: false), Junk(random)));
                }
                var answer = TryReceive(i);
                if (answer == null) closes++;
                else if (answer.Opcode == 0x3F) rejects++;
            }
            if (round % 25 == 24) AssertStillServes(g, bytes);
        }
        AssertStillServes(g, bytes);
        lock (g.Messages) Assert.DoesNotContain(g.Messages, m => m.Contains("error in the gateway"));
        Assert.True(rejects + closes > rounds / 4, "the fuzzer hardly ever hit a refusal: " + rejects + " rejects, " + closes + " closes");
    }

    /// <summary>A header of a real opcode with random fields, so that it gets past the first checks.</summary>
    private static byte[] MutatedHeader(Random random, bool login)
    {
        byte[] h = new byte[48];
        random.NextBytes(h);
        int[] opcodes = login ? new[] { 0x03, 0x43, 0x01, 0x00 } : new[] { 0x00, 0x01, 0x02, 0x04, 0x05, 0x06, 0x10, 0x03, 0x1C, 0x3F };
        h[0] = (byte)(opcodes[random.Next(opcodes.Length)] | (random.Next(2) == 0 ? 0x40 : 0));
        h[4] = (byte)(random.Next(4) == 0 ? random.Next(256) : 0);
        if (random.Next(2) == 0) BinaryPrimitives.WriteUInt64BigEndian(h.AsSpan(8), (ulong)random.Next(3) << 48);
        if (random.Next(2) == 0) BinaryPrimitives.WriteUInt32BigEndian(h.AsSpan(20), (uint)random.Next(0, 1 << 20));
        if (random.Next(2) == 0) h[32] = new byte[] { 0x28, 0x2A, 0x12, 0x88, 0x8A, 0x93, 0xA0, 0x5A }[random.Next(8)];
        return h;
    }

    private static byte[] Junk(Random random)
    {
        byte[] data = new byte[random.Next(4) == 0 ? random.Next(0, 9000) : random.Next(0, 64)];
        random.NextBytes(data);
        if (data.Length > 0 && random.Next(2) == 0)
        {
            byte[] text = System.Text.Encoding.ASCII.GetBytes(new[] { "InitiatorName=x\0", "=\0", "MaxRecvDataSegmentLength=1\0", "TargetName\0", "AuthMethod=CHAP\0CHAP_A=99\0" }[random.Next(5)]);
            Array.Copy(text, data, Math.Min(text.Length, data.Length));
        }
        return data;
    }

    private static void AssertStillServes(Gateway g, byte[] bytes)
    {
        for (int attempt = 0; ; attempt++)
        {
            using var i = new TestInitiator(g.Endpoint);
            if (!i.Login(Gateway.Iqn, isid: "400001370FFF"))
            {
                Assert.True(attempt < 20, "the target refused a clean login after fuzzing: status " + i.LoginStatus.ToString("X4"));
                Thread.Sleep(50);  // closed sessions are still being cleaned up
                continue;
            }
            var r = i.Command(0, new byte[] { 0x28, 0, 0, 0, 0, 3, 0, 0, 4, 0 }, 2048);
            Assert.Equal(0, r.Status);
            Assert.Equal(bytes.AsSpan(3 * 512, 2048).ToArray(), r.Data);
            i.Logout();
            return;
        }
    }

    private static void TrySend(Action send)
    {
        try
        {
            send();
        }
        catch (IOException)
        {
            // The target closed the connection already: that is an answer too.
        }
    }

    private static TestInitiator.Pdu? TryReceive(TestInitiator i)
    {
        try
        {
            return i.Receive();
        }
        catch (IOException)
        {
            return null;
        }
    }
}
