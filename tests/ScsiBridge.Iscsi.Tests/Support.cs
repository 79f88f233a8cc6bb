using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using ScsiBridge.Client.Api;
using ScsiBridge.SimHost;

namespace ScsiBridge.Iscsi.Tests;

/// <summary>A fact that is skipped, with the reason, when an external program it needs is not installed.</summary>
public sealed class ClientFactAttribute : FactAttribute
{
    public ClientFactAttribute(params string[] programs)
    {
        string[] missing = programs.Where(p => Tools.Find(p) == null).ToArray();
        if (missing.Length > 0)
        {
            Skip = "needs " + string.Join(", ", missing) + " (Debian packages libiscsi-bin, qemu-utils, qemu-block-extra, tgt; .ci/run installs them)";
        }
    }
}

/// <summary>External programs: where they are, and running one with a time limit.</summary>
internal static class Tools
{
    public static string? Find(string program)
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Concat(new[] { "/usr/sbin", "/sbin" }))
        {
            string path = Path.Combine(dir, program);
            if (File.Exists(path)) return path;
        }
        return null;
    }

    public sealed record Result(int ExitCode, string Output, string Error);

    /// <summary>Runs a program to its end (killed after the limit, which then fails the test).</summary>
    public static Result Run(string program, IEnumerable<string> args, TimeSpan limit)
    {
        var info = new ProcessStartInfo(Find(program) ?? program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        Task<string> output = p.StandardOutput.ReadToEndAsync();
        Task<string> error = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(limit))
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            throw new TimeoutException(program + " " + string.Join(" ", args) + " did not finish within " + limit.TotalSeconds + " s");
        }
        return new Result(p.ExitCode, output.Result, error.Result);
    }

    public static string Sha256(string path)
    {
        using var f = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(f));
    }
}

/// <summary>A folder for one test's files, removed afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = Directory.CreateTempSubdirectory("scsibridge-iscsi-").FullName;
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>An image of pseudo-random bytes (fixed seed): every block differs from every other.</summary>
    public string Image(string name, int bytes, int seed = 1)
    {
        byte[] data = new byte[bytes];
        new Random(seed).NextBytes(data);
        string path = File(name);
        System.IO.File.WriteAllBytes(path, data);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>A gateway on a free loopback port with the LUNs a test gives it.</summary>
internal sealed class Gateway : IAsyncDisposable
{
    public const string Iqn = "iqn.2026-12.invalid.scsibridge:test";

    private Gateway(IscsiTarget target)
    {
        Target = target;
    }

    public IscsiTarget Target { get; }

    public List<string> Messages { get; } = new List<string>();

    public IPEndPoint Endpoint => Target.Endpoint!;

    public string Url(int lun) => Target.UrlOf(lun);

    public static async Task<Gateway> StartAsync(Func<IscsiTarget, Task> addLuns, GatewayOptions? options = null)
    {
        options ??= new GatewayOptions();
        options.TargetName = Iqn;
        options.Listen = new IPEndPoint(IPAddress.Loopback, 0);
        var target = new IscsiTarget(options);
        var g = new Gateway(target);
        target.Message += m =>
        {
            lock (g.Messages) g.Messages.Add(m);
        };
        await addLuns(target);
        target.Start();
        return g;
    }

    public TestInitiator Connect(bool login = true)
    {
        var i = new TestInitiator(Endpoint);
        if (login) Assert.True(i.Login(Iqn), "login refused with status " + i.LoginStatus.ToString("X4"));
        return i;
    }

    public async ValueTask DisposeAsync() => await Target.DisposeAsync();
}

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
