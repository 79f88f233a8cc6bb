using System.Diagnostics;
using System.Text;
using ScsiBridge.Cli.Imaging;
using ScsiBridge.Client.Imaging;
using ScsiBridge.Client.Transports;
using Xunit;

namespace ScsiBridge.Cli.Tests;

/// <summary>
/// The built tool as a user runs it: its own process, its output on a real pseudo-terminal
/// (so it draws the progress bar), stopped by SIGINT as Ctrl-C stops it.
/// </summary>
public sealed class InstalledToolTests
{
    [Fact]
    public async Task Ctrl_c_stops_a_dump_on_a_terminal_with_its_map_saved_and_it_resumes()
    {
        using var sim = new Simulator(f => ScsiBridge.Cli.Demo.DemoMedia.WriteDisk(f.File("big.img"), 4), "--disk", "1:{dir}/big.img");
        string image = sim.Folder.File("tty.img");
        using var terminal = PseudoTerminal.Open();
        string tool = Path.Combine(AppContext.BaseDirectory, "scsibridge.dll");
        var start = new ProcessStartInfo("/bin/sh")
        {
            ArgumentList = { "-c", "exec dotnet \"$0\" dump --id 1 -o \"$1\" --blocks 32 --port \"$2\" >\"$3\" 2>&1 </dev/null", tool, image, sim.Port, terminal.SlavePath },
            UseShellExecute = false,
        };
        start.Environment["TERM"] = "xterm-256color";
        using Process process = Process.Start(start)!;

        var screen = new StringBuilder();
        var reader = Task.Run(() =>
        {
            byte[] buffer = new byte[4096];
            while (true)
            {
                int n;
                try
                {
                    n = terminal.Master.Read(buffer, 0, buffer.Length, 200);
                }
                catch (Exception e) when (e is LinkHangupException or ObjectDisposedException or IOException)
                {
                    if (process.HasExited) return;
                    continue;  // the slave is not open yet
                }
                lock (screen) screen.Append(Encoding.UTF8.GetString(buffer, 0, n));
                if (n == 0 && process.HasExited) return;
            }
        });

        var limit = DateTime.UtcNow.AddSeconds(120);
        while (sim.Bridge.CommandsServed(0x28) < 16 && !process.HasExited && DateTime.UtcNow < limit) await Task.Delay(2);
        Assert.False(process.HasExited, "the dump ended before it could be interrupted");
        using (Process.Start("kill", new[] { "-INT", process.Id.ToString() })!) { }
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await reader.WaitAsync(TimeSpan.FromSeconds(10));
        string shown;
        lock (screen) shown = screen.ToString();

        Assert.Equal(130, process.ExitCode);
        Assert.Contains("\u001b[", shown);  // a terminal gets the live bar (ANSI escapes)
        Assert.Contains("interrupted", shown);
        long size = 4 << 20;
        var map = RescueMap.Parse(File.ReadAllText(image + ".map"), size, "map");
        Assert.False(map.IsFinished);
        Assert.True(map.Bytes(RescueMap.Finished) > 0);

        var resumed = sim.Run("dump", "--id", "1", "-o", image, "--blocks", "32");
        Assert.Equal(0, resumed.Code);
        Assert.Equal(File.ReadAllBytes(sim.Folder.File("big.img")), File.ReadAllBytes(image));
    }
}
