using System.Text;
using Xunit;

namespace ScsiBridge.Cli.Tests;

/// <summary>The commands that run until stopped or wait for the bus: events, target receive,
/// trace, sim and demo.</summary>
public sealed class LiveCommandTests
{
    /// <summary>Waits, in real time, for a condition another thread makes true (the simulator
    /// runs on its own); fails the test rather than hang.</summary>
    private static async Task Until(Func<bool> condition, string what)
    {
        var limit = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > limit) throw new TimeoutException("waited a minute for " + what);
            await Task.Delay(5);
        }
    }

    [Fact]
    public async Task Events_reports_a_bus_reset_with_the_device_it_concerns()
    {
        using var sim = new Simulator();
        var err = new StringWriter();
        var output = new StringWriter();
        var console = new CliConsole(TextWriter.Synchronized(output), TextWriter.Synchronized(err), TextReader.Null, false, false, false);
        Task<int> events = CliApp.RunAsync(new[] { "events", "--id", "0", "--count", "1", "--json", "--port", sim.Port }, console, CancellationToken.None);
        await Until(() => err.ToString().Contains("following events"), "the events command to register");
        sim.Bridge.ResetBus();
        Assert.Equal(0, await events);
        var doc = System.Text.Json.JsonDocument.Parse(output.ToString()).RootElement;
        var e = Assert.Single(doc.GetProperty("events").EnumerateArray());
        Assert.Equal("bus reset", e.GetProperty("kindName").GetString());
    }

    [Fact]
    public async Task Target_receive_saves_what_a_vintage_host_sends()
    {
        byte[] data = new byte[20_000];
        new Random(3).NextBytes(data);
        using var sim = new Simulator(f => File.WriteAllBytes(f.File("send.bin"), data), "--initiator", "2:{dir}/send.bin");
        string saved = sim.Folder.File("received.bin");
        var r = await sim.RunAsync(CancellationToken.None, "target", "receive", "--initiator", "2", "-o", saved, "--bytes", data.Length.ToString(), "--json");
        Assert.Equal(0, r.Code);
        Assert.Equal(data.Length, r.Json.GetProperty("bytes").GetInt64());
        Assert.Equal(data, File.ReadAllBytes(saved));

        // The host sends again to the next path the PC opens: a second receive does not wait forever.
        string again = sim.Folder.File("again.bin");
        var second = await sim.RunAsync(CancellationToken.None, "target", "receive", "--initiator", "2", "-o", again, "--bytes", data.Length.ToString(), "--json");
        Assert.Equal(0, second.Code);
        Assert.Equal(data, File.ReadAllBytes(again));
    }

    [Fact]
    public void Trace_writes_the_bus_of_a_command_as_a_vcd_waveform()
    {
        using var folder = new TempFolder();
        string vcd = folder.File("inquiry.vcd");
        var r = Cli.Run("trace", "--vcd", vcd, "--full-speed", "--json", "--", "inquiry", "--id", "0");
        Assert.Equal(0, r.Code);
        Assert.Equal("SCSIBRDG", r.Json.GetProperty("output").GetProperty("vendor").GetString());

        // VCD: a header of $var declarations up to $enddefinitions, then #time stamps rising,
        // each followed by value changes of declared signals.
        string[] lines = File.ReadAllLines(vcd);
        int end = Array.FindIndex(lines, l => l.Contains("$enddefinitions"));
        Assert.True(end > 0);
        var ids = new Dictionary<string, string>();
        foreach (string l in lines.Take(end).Where(l => l.TrimStart().StartsWith("$var")))
        {
            string[] w = l.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            ids[w[3]] = w[4];  // $var wire 1 ! BSY $end
        }
        Assert.Contains("BSY", ids.Values);
        Assert.Contains("SEL", ids.Values);
        long last = -1;
        int changes = 0;
        var bsy = ids.First(kv => kv.Value == "BSY").Key;
        int bsyEdges = 0;
        foreach (string l in lines.Skip(end + 1).Where(l => l.Length > 0))
        {
            if (l[0] == '#')
            {
                long t = long.Parse(l[1..]);
                Assert.True(t >= last, "time goes forward");
                last = t;
                continue;
            }
            if (l[0] == '$') continue;  // $dumpvars and its $end
            string id = l[0] == 'b' ? l.Split(' ')[1] : l[1..];
            Assert.True(ids.ContainsKey(id), "a change of an undeclared signal: " + l);
            changes++;
            if (id == bsy) bsyEdges++;
        }
        Assert.True(bsyEdges >= 2, "BSY rose and fell at least once");
        Assert.True(changes > 50);
        Assert.Equal(r.Json.GetProperty("vcdBytes").GetInt32(), new FileInfo(vcd).Length);
        Sigrok.Reading sigrok = Sigrok.Read(vcd);  // PulseView's reader takes it too
        Assert.Equal(18, sigrok.Channels);
        Assert.True(sigrok.Samples > 0, sigrok.Errors);
    }

    [Fact]
    public async Task Sim_serves_its_port_until_cancelled()
    {
        using var folder = new TempFolder();
        ScsiBridge.Cli.Demo.DemoMedia.WriteDisk(folder.File("d.img"), 1);
        using var stop = new CancellationTokenSource();
        var output = new StringWriter();
        var console = new CliConsole(TextWriter.Synchronized(output), TextWriter.Synchronized(new StringWriter()), TextReader.Null, false, false, false);
        Task<int> sim = CliApp.RunAsync(new[] { "sim", "--disk", "5:" + folder.File("d.img"), "--target-ids", "6", "--full-speed", "--json" }, console, stop.Token);
        await Until(() => output.ToString().Contains("\"port\""), "the simulator to start");
        var doc = System.Text.Json.JsonDocument.Parse(output.ToString()).RootElement;
        string port = doc.GetProperty("port").GetString()!;
        Assert.Equal(5, doc.GetProperty("devices")[0].GetProperty("id").GetInt32());
        var inq = Cli.Run("inquiry", "--id", "5", "--port", port, "--json");
        Assert.Equal("disk", inq.Json.GetProperty("typeName").GetString());
        stop.Cancel();
        Assert.Equal(0, await sim);
    }

    [Fact]
    public void Sim_refuses_bad_flags_with_a_usage_error()
    {
        var r = Cli.Run("sim", "--disk", "9:nothing.img");
        Assert.Equal(ExitCodes.Usage, r.Code);
        Assert.Contains("is not a SCSI ID 0-7", r.Err);
    }

    [Fact]
    public void Demo_images_the_generated_disk_and_checks_it()
    {
        using var folder = new TempFolder();
        var r = Cli.Run("demo", "--dir", folder.Path, "--size", "1", "--full-speed", "--json");
        Assert.Equal(0, r.Code);
        Assert.True(r.Json.GetProperty("imageMatches").GetBoolean());
        Assert.Equal(2, r.Json.GetProperty("scan").GetProperty("devices").EnumerateArray().Count(d => d.GetProperty("probe").GetString() == "EXISTS" && d.GetProperty("id").GetInt32() is 0 or 3));
        Assert.True(File.Exists(folder.File("disk0.img.map")));
        Assert.Equal(r.Json.GetProperty("sourceSha256").GetString(), r.Json.GetProperty("dump").GetProperty("sha256").GetString());
    }
}
