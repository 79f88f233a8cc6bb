using ScsiBridge.Cli.Demo;
using ScsiBridge.SimHost;

namespace ScsiBridge.Cli.Tests;

/// <summary>
/// A simulated bridge running for a test: the demo's media (a 1 MiB disk at ID 0, read-only, and
/// a CD-ROM at ID 3), plus whatever the test adds as simulator flags.
/// </summary>
internal sealed class Simulator : IDisposable
{
    private readonly RunningSimulator _running;

    public Simulator(params string[] flags)
        : this(null, flags)
    {
    }

    /// <summary>prepare writes what the flags name into the folder ({dir} in a flag) first.</summary>
    public Simulator(Action<TempFolder>? prepare, params string[] flags)
    {
        Folder = new TempFolder();
        Disk = Folder.File("disk.img");
        Cdrom = Folder.File("cd.iso");
        DemoMedia.WriteDisk(Disk, 1);
        DemoMedia.WriteCdrom(Cdrom, 64);
        prepare?.Invoke(Folder);
        var args = new List<string> { "--disk", "0:" + Disk + ":ro", "--cdrom", "3:" + Cdrom };
        args.AddRange(flags.Select(f => f.Replace("{dir}", Folder.Path)));
        _running = new RunningSimulator(SimOptions.Parse(args));
    }

    public TempFolder Folder { get; }

    public string Disk { get; }

    public string Cdrom { get; }

    public string Port => _running.Port;

    public SimulatedBridge Bridge => _running.Bridge;

    /// <summary>scsibridge with --port of this simulator appended.</summary>
    public Cli.Result Run(params string[] args) => Cli.Run(args.Concat(new[] { "--port", Port }).ToArray());

    public Task<Cli.Result> RunAsync(CancellationToken cancel, params string[] args) => Cli.RunAsync(cancel, args.Concat(new[] { "--port", Port }).ToArray());

    public void Dispose()
    {
        _running.Dispose();
        Folder.Dispose();
    }
}
