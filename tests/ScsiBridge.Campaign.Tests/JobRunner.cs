using System.Diagnostics;
using System.Security.Cryptography;
using ScsiBridge.Cli;
using ScsiBridge.Client.Api;
using ScsiBridge.Client.Imaging;
using ScsiBridge.Hal;
using ScsiBridge.Hal.Sim;
using ScsiBridge.SimHost;

namespace ScsiBridge.Campaign.Tests;

/// <summary>
/// Runs one job of the campaign to its end: the first run of the tool with the job's faults
/// (the bus's, the drive's, the link's, a kill), then the same command again on a fresh
/// simulator (the drive power-cycled, the tool started anew) until it ends whole, each run
/// checked on its own (what the mapfile or record claims is true; nothing leaked on the bridge;
/// no hang) and the job checked at the end (the image or the drive is the source's, except
/// blocks really unreadable, which the mapfile names exactly).
/// </summary>
internal sealed class JobRunner
{
    /// <summary>Virtual time one run of the tool may take before it counts as hung. A 1 MiB job
    /// takes about 4 s on the modelled UART; the worst faults cost a few command timeouts.</summary>
    public static readonly TimeSpan VirtualBound = TimeSpan.FromMinutes(20);

    /// <summary>Wall time one run may take before it counts as hung: a guard against a deadlock
    /// (the bound a job is held to is the virtual one). A drive that hangs mid-restore keeps the
    /// bridge refusing data for minutes of virtual time, which takes a minute or more here.</summary>
    public static readonly TimeSpan WallBound = TimeSpan.FromMinutes(5);

    private const int BlockLength = 512;
    private const int Blocks = 2048;           // 1 MiB
    private const int ChunkBlocks = 32;        // 16 KiB a command: many commands for faults to hit
    private const int MaxRuns = 4;

    private readonly JobSpec _job;
    private readonly Tally _tally;
    private readonly List<string> _problems = new();
    private readonly string _folder;
    private readonly string _source;      // dump: the disk; restore: the image
    private readonly string _drive;       // restore: the drive's medium
    private readonly string _image;       // dump: the image
    private readonly BlockRanges? _bad;
    private readonly WatchedStore _watch;
    private readonly byte[] _sourceBytes;

    public JobRunner(JobSpec job, Tally tally)
    {
        _job = job;
        _tally = tally;
        _folder = Directory.CreateTempSubdirectory("scsibridge-campaign-").FullName;
        _source = Path.Combine(_folder, job.Restore ? "payload.img" : "disk.img");
        _drive = Path.Combine(_folder, "drive.img");
        _image = Path.Combine(_folder, "image.img");
        var random = new Random(job.Seed);
        _sourceBytes = new byte[Blocks * BlockLength];
        random.NextBytes(_sourceBytes);
        File.WriteAllBytes(_source, _sourceBytes);
        if (job.Restore)
        {
            byte[] old = new byte[_sourceBytes.Length];
            random.NextBytes(old);
            File.WriteAllBytes(_drive, old);
        }
        if (job.Worn)
        {
            _bad = new BlockRanges();
            long a = random.Next(10, Blocks - 20);
            _bad.Add(a, a + 1);
            long b = random.Next(10, Blocks - 1);
            _bad.Add(b, b);
        }
        _watch = new WatchedStore(job.Restore ? _sourceBytes : null, Blocks, BlockLength);
    }

    public List<string> Problems => _problems;

    /// <summary>Each run's exit code, in order: with the faults met and the bytes verified, what
    /// a second run of the same job must repeat.</summary>
    public List<int> ExitCodesOfRuns { get; } = new();

    /// <summary>Where a line per run goes (the campaign's progress).</summary>
    public Action<string>? Log { get; set; }

    /// <summary>Runs the job; true when it came through whole with every check passed.</summary>
    public async Task<bool> RunAsync()
    {
        try
        {
            var random = new Random(_job.Seed * 7919 + 1);
            for (int run = 1; run <= MaxRuns; run++)
            {
                bool faulty = run == 1;
                int code = await RunOnceAsync(run, faulty ? _job.Faults : Array.Empty<FaultKind>(), faulty ? _job.FrameErrorRate : 0, random);
                ExitCodesOfRuns.Add(code);
                if (!faulty && (code == ExitCodes.Ok || (code == ExitCodes.Incomplete && _job.Worn && !_job.Restore))) break;
                if (run == MaxRuns) _problems.Add("still not whole after " + MaxRuns + " runs (last exit " + code + ")");
            }
            CheckFinal();
        }
        catch (Exception e)
        {
            _problems.Add("the job failed: " + e);
        }
        finally
        {
            try
            {
                Directory.Delete(_folder, true);
            }
            catch (IOException)
            {
            }
        }
        return _problems.Count == 0;
    }

    /// <summary>Real time the simulation stands still after each frame to the tool and each of
    /// the tool's timers, waiting for the tool to be done with it (SimConfig.LockStepQuietMs):
    /// the tool runs on the simulator's clock, and its work takes no virtual time.</summary>
    private const int QuietMs = 4;

    private SimConfig Config(Random random, FaultKind[] faults, Tally tally, Action<int> onDataCommand)
    {
        var config = new SimConfig { Link = LinkModel.Uart(3_000_000), LockStepQuietMs = QuietMs };
        config.Devices.Add(_job.Restore ? new SimDevice(0, _drive, false, false) : new SimDevice(0, _source, false, true, null, _bad));
        var plan = new Dictionary<int, FaultKind>();
        foreach (FaultKind k in faults.Where(k => k is FaultKind.Busy or FaultKind.UnitAttention or FaultKind.TransientMediumError))
        {
            int at;
            do at = random.Next(1, 60); while (plan.ContainsKey(at));
            plan[at] = k;
        }
        config.WrapStore = (_, store) => _watch.Wrap(store);
        config.WrapUnit = (_, unit) => new TroubledDrive(unit, plan, tally) { OnDataCommand = onDataCommand };
        return config;
    }

    private async Task<int> RunOnceAsync(int run, FaultKind[] faults, double frameErrorRate, Random random)
    {
        _tally.Runs++;
        string record = _source + ".restore.map";
        string map = _image + ".map";
        RescueMap? recordBefore = _job.Restore && File.Exists(record) ? LoadRecord(record) : null;
        int[] writesBefore = _watch.SnapshotWrites();

        // Where each fault strikes, drawn in a fixed order before anything runs; the strikes
        // happen on the simulator's thread as the drive begins the chosen command.
        SimulatedBridge? bridge = null;
        NoisyLink? link = null;
        Process? child = null;
        FilesAtKill? killed = null;
        long killedAtNs = -1;  // a killed or cut-off tool's life ends there, whatever its threads do after
        void LifeEnds() => Interlocked.CompareExchange(ref killedAtNs, bridge!.VirtualTimeNs, -1);
        using var kill = new CancellationTokenSource();
        List<(int At, FaultKind Kind, long Byte)> busFaults = new();
        int killAt = -1, reallyKillAt = -1;
        var config = Config(random, faults, _tally, served => Strike(served));
        var trouble = faults.Length == 0 && frameErrorRate == 0 ? LinkTrouble.None(_tally) : NewTrouble(random, faults, frameErrorRate);
        busFaults = PlanBusFaults(faults, random);
        if (faults.Contains(FaultKind.ToolKilled)) killAt = random.Next(3, 50);
        if (faults.Contains(FaultKind.ToolKilledReally)) reallyKillAt = random.Next(3, 40);
        void Strike(int served)
        {
            foreach (var (at, kind, b) in busFaults)
            {
                if (at == served) StrikeBus(bridge!, kind, b);
            }
            if (served == killAt && killed == null)
            {
                // The tool killed: what is on disk now is all it leaves (its files are put back so
                // once it has stopped), and the cable goes dead so it says nothing more; the port
                // closes once it has stopped.
                killed = FilesAtKill.Take(_job.Restore ? record : map, _job.Restore ? null : _image);
                LifeEnds();
                link?.GoDead();
                ThreadPool.QueueUserWorkItem(_ => kill.Cancel());  // its cancellation runs on its own threads, not the simulator's
                _tally.Injected(FaultKind.ToolKilled);
            }
            if (served == reallyKillAt && child is { HasExited: false })
            {
                child.Kill();  // SIGKILL: no cleanup of any kind, its port closed by the kernel
                _tally.Injected(FaultKind.ToolKilledReally);
            }
        }

        using var sim = new RunningSimulatorForCampaign(config);
        bridge = sim.Bridge;
        BridgeClient.WrapTransportForTests = t => link = new NoisyLink(t, trouble)
        {
            HungUpByTrouble = LifeEnds,
        };
        BridgeSession.Time = sim.Bridge.Time;
        long virtualStart = sim.Bridge.VirtualTimeNs;
        using var guard = new CancellationTokenSource(WallBound);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(kill.Token, guard.Token);

        string[] args = _job.Restore
            ? new[] { "restore", "--id", "0", "--allow-write", "--yes", "--blocks", ChunkBlocks.ToString(), _source, "--port", sim.Bridge.PortPath }
            : new[] { "dump", "--id", "0", "-o", _image, "--blocks", ChunkBlocks.ToString(), "--retries", "2", "--port", sim.Bridge.PortPath };
        int code;
        var said = new StringWriter();
        try
        {
            if (reallyKillAt >= 0)
            {
                code = await RunChildAsync(args, p => child = p, guard.Token);
            }
            else
            {
                var console = new CliConsole(TextWriter.Null, TextWriter.Synchronized(said), TextReader.Null, false, false, false);
                code = await CliApp.RunAsync(args, console, stop.Token);
            }
        }
        finally
        {
            BridgeClient.WrapTransportForTests = null;
            BridgeSession.Time = TimeProvider.System;
        }
        killed?.PutBack();
        link?.HangUp();

        TimeSpan virtualUsed = TimeSpan.FromTicks(((killedAtNs >= 0 ? killedAtNs : sim.Bridge.VirtualTimeNs) - virtualStart) / 100);
        if (guard.IsCancellationRequested || virtualUsed > VirtualBound)
        {
            _tally.Hangs++;
            if (link != null) foreach (string f in link.Recent()) Log?.Invoke("    frame " + f);
            _problems.Add("run " + run + " hung: " + virtualUsed.TotalSeconds.ToString("F1") + " s virtual (bound " + VirtualBound.TotalSeconds + " s), wall guard " + (guard.IsCancellationRequested ? "fired" : "not reached"));
        }
        CheckNothingLeaked(sim.Bridge, run);
        sim.Dispose();
        if (sim.Deadlock != null && !faults.Any(f => f is FaultKind.StopsMidTransfer or FaultKind.NeverReselects or FaultKind.SelectionTimeout))
        {
            _problems.Add("run " + run + ": the simulator stopped with no drive frozen: " + sim.Deadlock.Message);
        }
        if (_job.Restore) CheckRestoreRun(run, record, recordBefore, writesBefore);
        else CheckDumpRun(run, map);
        Log?.Invoke("  run " + run + ": exit " + code + ", " + virtualUsed.TotalSeconds.ToString("F3") + " s virtual, out of step " + sim.Bridge.LateReads + ", unanswered holds " + sim.Bridge.UnansweredHolds);
        if (_problems.Count > 0 || Environment.GetEnvironmentVariable("SCSIBRIDGE_CAMPAIGN_VERBOSE") == "1")
        {
            foreach (string line in said.ToString().Split('\n').TakeLast(12)) Log?.Invoke("    | " + line);
        }
        return code;
    }

    private LinkTrouble NewTrouble(Random random, FaultKind[] faults, double frameErrorRate)
    {
        // Request ids count from 1 in each run; a 1 MiB job's reads or writes are ids 5 to about
        // 70. A read's frames to the PC are its data frames (four) and then its answer; a
        // write's frames to the bridge are the request and then its data frames (four).
        LinkTrouble.FrameName? toPc = null, toBridge = null, hangup = null;
        if (faults.Contains(FaultKind.FrameLost))
        {
            toPc = new LinkTrouble.FrameName(random.Next(6, 60), _job.Restore ? 0 : random.Next(0, 5));
            toBridge = new LinkTrouble.FrameName(random.Next(6, 60), _job.Restore ? random.Next(0, 5) : 0);
        }
        if (faults.Contains(FaultKind.PortHungUp)) hangup = new LinkTrouble.FrameName(random.Next(3, 60), 0);
        return new LinkTrouble(random.Next(), _tally, frameErrorRate, toPc, toBridge, hangup);
    }

    /// <summary>Each bus fault of the job at a random READ or WRITE (counted from the drive's
    /// power-on) and a random byte, so it strikes at a random moment of a random phase.</summary>
    private static List<(int At, FaultKind Kind, long Byte)> PlanBusFaults(FaultKind[] faults, Random random)
    {
        var plan = new List<(int At, FaultKind Kind, long Byte)>();
        foreach (FaultKind k in faults)
        {
            if (k is FaultKind.BusReset or FaultKind.ParityDataIn or FaultKind.ParityDataOut or FaultKind.ParityMessage or FaultKind.ParityCommand
                or FaultKind.StopsMidTransfer or FaultKind.NeverReselects or FaultKind.SelectionTimeout)
            {
                plan.Add((random.Next(1, 60), k, random.Next(0, ChunkBlocks * BlockLength)));
            }
        }
        return plan;
    }

    private void StrikeBus(SimulatedBridge bridge, FaultKind kind, long b)
    {
        int device = bridge.DevicesControllerIndex;
        SimFault fault = kind switch
        {
            FaultKind.BusReset => SimFault.ResetAt(bridge.VirtualTimeNs + 20_000 + b * 50),
            FaultKind.ParityDataIn => SimFault.Parity(BusPhase.DataIn, b),
            FaultKind.ParityDataOut => SimFault.Parity(BusPhase.DataOut, b),
            FaultKind.ParityMessage => SimFault.Parity(b % 2 == 0 ? BusPhase.MessageIn : BusPhase.MessageOut, 0),
            FaultKind.ParityCommand => SimFault.Parity(BusPhase.Command, b % 10),
            FaultKind.StopsMidTransfer => SimFault.StopResponding(device, _job.Restore ? BusPhase.DataOut : BusPhase.DataIn, b),
            FaultKind.NeverReselects => SimFault.StopResponding(device, BusPhase.Reselection, 0),
            FaultKind.SelectionTimeout => SimFault.Vanish(device, BusPhase.Selection, 0),
            _ => throw new InvalidOperationException(kind.ToString()),
        };
        bridge.Inject(fault);
        _tally.Injected(kind);
    }

    /// <summary>The tool as its own process (its timeouts on the wall clock, which a child
    /// cannot share with the simulator), killed with SIGKILL by the strike at its command.</summary>
    private static async Task<int> RunChildAsync(string[] args, Action<Process> started, CancellationToken guard)
    {
        string tool = Path.Combine(AppContext.BaseDirectory, "scsibridge.dll");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(tool);
        foreach (string a in args) start.ArgumentList.Add(a);
        using Process child = Process.Start(start)!;
        started(child);
        _ = child.StandardOutput.ReadToEndAsync();
        _ = child.StandardError.ReadToEndAsync();
        try
        {
            await child.WaitForExitAsync(guard);
        }
        catch (OperationCanceledException)
        {
            child.Kill();
            await child.WaitForExitAsync(CancellationToken.None);
        }
        return child.ExitCode;
    }

    private void CheckNothingLeaked(SimulatedBridge bridge, int run)
    {
        // The bridge learns of the hang-up by itself; give it (real) time to end the session.
        var wait = Stopwatch.StartNew();
        var h = bridge.Health();
        while (wait.Elapsed < TimeSpan.FromSeconds(20))
        {
            h = bridge.Health();
            if (h.RingFree == h.RingCount && h.DataHeld == 0 && !h.Elevated && h.SessionsOpen == 0) return;
            Thread.Sleep(5);
        }
        _tally.Leaks++;
        _problems.Add("run " + run + " left the bridge holding: ring " + h.RingFree + " of " + h.RingCount + " free, " + h.DataHeld
                      + " write frames held, elevated " + h.Elevated + ", " + h.SessionsOpen + " device sessions open");
    }

    private static RescueMap LoadRecord(string path)
    {
        string text = File.ReadAllText(path);
        return RescueMap.Parse(text, Blocks * BlockLength, path);
    }

    private void CheckDumpRun(int run, string map)
    {
        if (!File.Exists(map)) return;  // killed before the first save: nothing claimed
        RescueMap m = RescueMap.Parse(File.ReadAllText(map), Blocks * BlockLength, map);
        byte[] image = File.ReadAllBytes(_image);
        foreach (RescueMap.Extent e in m.With(RescueMap.Finished))
        {
            if (image.Length < e.End || !image.AsSpan((int)e.Position, (int)e.Size).SequenceEqual(_sourceBytes.AsSpan((int)e.Position, (int)e.Size)))
            {
                _problems.Add("run " + run + ": the mapfile marks " + e.Position + "+" + e.Size + " finished but the image differs from the disk there");
            }
            else
            {
                _tally.BytesVerified += e.Size;
            }
        }
    }

    private void CheckRestoreRun(int run, string record, RescueMap? before, int[] writesBefore)
    {
        int[] writesAfter = _watch.SnapshotWrites();
        if (before != null)
        {
            foreach (RescueMap.Extent e in before.With(RescueMap.Finished))
            {
                for (long b = e.Position / BlockLength; b < e.End / BlockLength; b++)
                {
                    if (writesAfter[b] != writesBefore[b])
                    {
                        _problems.Add("run " + run + " wrote block " + b + " again though the record said it was written");
                        break;
                    }
                }
            }
        }
        if (_watch.WrongData.Count > 0) _problems.Add("blocks written with data other than the image's: " + string.Join(",", _watch.WrongData.Take(10)));
        if (!File.Exists(record)) return;
        RescueMap now = LoadRecord(record);
        byte[] drive = File.ReadAllBytes(_drive);
        foreach (RescueMap.Extent e in now.With(RescueMap.Finished))
        {
            if (!drive.AsSpan((int)e.Position, (int)e.Size).SequenceEqual(_sourceBytes.AsSpan((int)e.Position, (int)e.Size)))
            {
                _problems.Add("run " + run + ": the record marks " + e.Position + "+" + e.Size + " written but the drive differs there");
            }
            else
            {
                _tally.BytesVerified += e.Size;
            }
        }
    }

    private void CheckFinal()
    {
        if (_job.Restore)
        {
            byte[] drive = File.ReadAllBytes(_drive);
            if (!drive.AsSpan(0, _sourceBytes.Length).SequenceEqual(_sourceBytes)) _problems.Add("the drive does not hold the image at the end");
            else _tally.BytesVerified += _sourceBytes.Length;
            if (_watch.WrongData.Count > 0) _problems.Add("blocks written with other data: " + string.Join(",", _watch.WrongData.Take(10)));
            return;
        }
        string map = _image + ".map";
        if (!File.Exists(map) || !File.Exists(_image))
        {
            _problems.Add("no image or mapfile at the end");
            return;
        }
        RescueMap m = RescueMap.Parse(File.ReadAllText(map), Blocks * BlockLength, map);
        var named = m.Extents.Where(e => e.Status != RescueMap.Finished).SelectMany(e => Enumerable.Range((int)(e.Position / BlockLength), (int)(e.Size / BlockLength))).ToList();
        var really = _bad == null ? new List<int>() : _bad.Ranges.SelectMany(r => Enumerable.Range((int)r.First, (int)(r.Last - r.First + 1))).Distinct().OrderBy(x => x).ToList();
        if (!named.SequenceEqual(really)) _problems.Add("the mapfile names blocks " + string.Join(",", named) + " unreadable; really unreadable: " + string.Join(",", really));
        byte[] expected = (byte[])_sourceBytes.Clone();
        foreach (int b in really) Array.Clear(expected, b * BlockLength, BlockLength);
        string want = Convert.ToHexStringLower(SHA256.HashData(expected));
        string got = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(_image)));
        if (want != got) _problems.Add("the image's sha256 " + got + " is not the disk's (unreadable blocks zero) " + want);
        else _tally.BytesVerified += expected.Length;
    }
}
