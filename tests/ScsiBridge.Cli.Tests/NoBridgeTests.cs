using ScsiBridge.Client.Transports;
using Xunit;

namespace ScsiBridge.Cli.Tests;

/// <summary>
/// A port with no bridge behind it, on a real pseudo-terminal: silent, echoing what it is sent,
/// or babbling bytes of its own. Each is "no bridge" (exit 3) after HELLO's short schedule of
/// four 0.6 s waits, and the message says what came back.
/// </summary>
public sealed class NoBridgeTests
{
    public enum Peer
    {
        Silent,
        Echo,
        Babble,
    }

    [Theory]
    [InlineData(Peer.Silent, "and nothing came back")]
    [InlineData(Peer.Echo, "what was sent came back unchanged (an echo or a loopback, not a bridge)")]
    [InlineData(Peer.Babble, "bytes came back that are not the bridge's frames")]
    public async Task A_port_that_is_not_a_bridge_is_no_bridge_within_hellos_schedule(Peer peer, string heard)
    {
        using var pty = PseudoTerminal.Open();
        using var stop = new CancellationTokenSource();
        var far = Task.Run(() => Serve(pty, peer, stop.Token));
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var r = await Cli.RunAsync(CancellationToken.None, "info", "--port", pty.SlavePath, "--json");
            Console.WriteLine(peer + ": no bridge after " + clock.Elapsed.TotalSeconds.ToString("F2") + " s");
            Assert.Equal(ExitCodes.Link, r.Code);
            string error = r.Json.GetProperty("error").GetString()!;
            Assert.Contains("no bridge on " + pty.SlavePath + ": HELLO went unanswered for 2.4 s", error);
            Assert.Contains(heard, error);
        }
        finally
        {
            stop.Cancel();
            await far;
        }
    }

    private static void Serve(PseudoTerminal pty, Peer peer, CancellationToken stop)
    {
        var random = new Random(14);
        byte[] buffer = new byte[4096];
        byte[] noise = new byte[64];
        while (!stop.IsCancellationRequested)
        {
            if (!pty.IsPeerConnected)
            {
                pty.WaitForPeer(20);
                continue;
            }
            int n;
            try
            {
                n = pty.Master.Read(buffer, 0, buffer.Length, 10);
            }
            catch (LinkHangupException)
            {
                continue;
            }
            if (peer == Peer.Echo && n > 0) pty.Master.Write(buffer, 0, n);
            if (peer == Peer.Babble)
            {
                random.NextBytes(noise);
                pty.Master.Write(noise, 0, noise.Length);
            }
        }
    }
}
