using System.Net;

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

