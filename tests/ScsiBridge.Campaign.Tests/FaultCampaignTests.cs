using ScsiBridge.Cli;
using ScsiBridge.Client.Api;
using Xunit;
using Xunit.Abstractions;

[assembly: CollectionBehavior(DisableTestParallelization = true)]  // the tool's test seams are process-wide

namespace ScsiBridge.Campaign.Tests;

/// <summary>
/// The fault campaign (docs/cli.md): whole `dump` and `restore` jobs through the real command
/// line, link client, link server, adapter, simulated bus and emulated drives, with faults
/// injected at random moments: bus resets; parity errors in data in, data out, message and
/// command phases; a drive that stops answering mid-transfer, never reselects, or does not
/// answer selection (each then power-cycled, the job run again); BUSY, UNIT ATTENTION and a
/// MEDIUM ERROR a retry cures; frames damaged both ways at frame error rates of 1e-3 and 1e-2;
/// a frame lost; the port hung up; the tool killed and run again. Every seed is fixed: a
/// failure is the same failure on every run. The table goes to the test output.
/// </summary>
public sealed class FaultCampaignTests
{
    private readonly ITestOutputHelper _output;

    public FaultCampaignTests(ITestOutputHelper output)
    {
        _output = output;
    }

    private static readonly FaultKind[] BusAndDrive =
    {
        FaultKind.BusReset, FaultKind.ParityDataIn, FaultKind.ParityDataOut, FaultKind.ParityMessage, FaultKind.ParityCommand,
        FaultKind.Busy, FaultKind.UnitAttention, FaultKind.TransientMediumError,
    };

    private static readonly FaultKind[] Fatal = { FaultKind.StopsMidTransfer, FaultKind.NeverReselects, FaultKind.SelectionTimeout };

    private static readonly FaultKind[] LinkAndTool = { FaultKind.FrameLost, FaultKind.PortHungUp, FaultKind.ToolKilled };

    /// <summary>Jobs drawn from a seed: dumps (some of worn disks) and restores alternate, each
    /// with three of the bus's and drive's faults, one of the link's or the tool's, now and then
    /// a fatal one, and a frame error rate of 1e-3 or 1e-2.</summary>
    private static List<JobSpec> Jobs(int count, int seed)
    {
        var random = new Random(seed);
        var jobs = new List<JobSpec>();
        for (int i = 0; i < count; i++)
        {
            var faults = new List<FaultKind>();
            for (int k = 0; k < 3; k++) faults.Add(BusAndDrive[(i * 3 + k) % BusAndDrive.Length]);
            if (i % 4 == 3)
            {
                // A drive that hangs ends the run by itself: the link's trouble is a lost frame, so
                // the run does not end (hung up, killed) before the hang can strike.
                faults.Add(FaultKind.FrameLost);
                faults.Add(Fatal[(i / 4) % Fatal.Length]);
            }
            else
            {
                faults.Add(LinkAndTool[i % LinkAndTool.Length]);
            }
            bool restore = i % 2 == 1;
            jobs.Add(new JobSpec(i + 1, restore, !restore && i % 4 == 2, random.Next(1, int.MaxValue), faults.ToArray(), i % 3 == 0 ? 1e-3 : 1e-2));
        }
        return jobs;
    }

    /// <summary>Progress, as it happens, to the file SCSIBRIDGE_CAMPAIGN_LOG names (when it is set).</summary>
    private static void Progress(string line)
    {
        string? path = Environment.GetEnvironmentVariable("SCSIBRIDGE_CAMPAIGN_LOG");
        if (!string.IsNullOrEmpty(path)) File.AppendAllText(path, line + Environment.NewLine);
    }

    private readonly Dictionary<int, (List<int> Exits, int[] Faults, long Bytes)> _firstRuns = new();

    private static string Describe((List<int> Exits, int[] Faults, long Bytes) r) =>
        "exits " + string.Join(",", r.Exits) + "; faults " + string.Join(" ", Enum.GetValues<FaultKind>().Select(k => k + "=" + r.Faults[(int)k]))
        + "; bytes verified " + r.Bytes;

    private static int[] Minus(int[] after, int[] before) => after.Select((n, i) => n - before[i]).ToArray();

    /// <summary>The tool's response timeout while campaign jobs run: lost frames are the point,
    /// so it does not wait seconds for each. Put back when disposed.</summary>
    private sealed class CampaignResponseTimeout : IDisposable
    {
        private readonly TimeSpan _saved = BridgeSession.ResponseTimeout;

        public CampaignResponseTimeout() => BridgeSession.ResponseTimeout = TimeSpan.FromMilliseconds(400);

        public void Dispose() => BridgeSession.ResponseTimeout = _saved;
    }

    private (List<int> Exits, int[] Faults, long Bytes) RunAlone(JobSpec job)
    {
        using var timeout = new CampaignResponseTimeout();
        var tally = new Tally();
        var runner = new JobRunner(job, tally) { Log = Progress };
        bool ok = runner.RunAsync().GetAwaiter().GetResult();
        Assert.True(ok, string.Join("; ", runner.Problems));
        return (runner.ExitCodesOfRuns, tally.Snapshot(), tally.BytesVerified);
    }

    private Tally Run(IEnumerable<JobSpec> jobs, string title)
    {
        using var timeout = new CampaignResponseTimeout();
        var tally = new Tally();
        if (Environment.GetEnvironmentVariable("SCSIBRIDGE_CAMPAIGN_VERBOSE") == "1") { NoisyLink.Trace = Progress; TroubledDrive.Trace = Progress; }
        var wall = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            // A clean dump and restore first, not counted: the tool's code runs cold the first
            // time (the JIT), and its first answers would come later than the simulator's quiet
            // time, which makes the first job differ in virtual time from another run of it.
            RunAlone(new JobSpec(0, false, false, 1, Array.Empty<FaultKind>(), 0));
            RunAlone(new JobSpec(0, true, false, 2, Array.Empty<FaultKind>(), 0));
            foreach (JobSpec job in jobs)
            {
                var runner = new JobRunner(job, tally) { Log = Progress };
                int[] before = tally.Snapshot();
                long bytesBefore = tally.BytesVerified;
                bool ok = runner.RunAsync().GetAwaiter().GetResult();
                List<FaultKind> met = tally.Since(before);
                tally.JobEnded(met, ok);
                _firstRuns[job.Number] = (runner.ExitCodesOfRuns, Minus(tally.Snapshot(), before), tally.BytesVerified - bytesBefore);
                foreach (string p in runner.Problems) tally.Failures.Add(job + ": " + p);
                _output.WriteLine((ok ? "ok     " : "FAILED ") + job);
                Progress((ok ? "ok     " : "FAILED ") + job + " at " + wall.Elapsed.TotalSeconds.ToString("F0") + " s");
            }
        }
        finally
        {
            BridgeClient.WrapTransportForTests = null;
        }
        string table = tally.Table(title + " (" + wall.Elapsed.TotalSeconds.ToString("F0") + " s wall)");
        _output.WriteLine(table);
        Console.WriteLine(table);
        return tally;
    }

    [Fact]
    public void Default_campaign_every_job_survives_whole_with_nothing_leaked_and_no_hang()
    {
        var jobs = Jobs(12, 2026);
        string? only = Environment.GetEnvironmentVariable("SCSIBRIDGE_CAMPAIGN_ONLY");  // one job, to look at it closely
        if (!string.IsNullOrEmpty(only)) jobs = jobs.Where(j => j.Number == int.Parse(only)).ToList();
        string? faults = Environment.GetEnvironmentVariable("SCSIBRIDGE_CAMPAIGN_FAULTS");  // and only these faults
        if (!string.IsNullOrEmpty(faults))
        {
            jobs = jobs.Select(j => j with { Faults = faults.Split(',').Select(Enum.Parse<FaultKind>).ToArray() }).ToList();
        }
        // One more: the tool as its own process, killed with SIGKILL in the middle of a restore.
        jobs.Add(new JobSpec(13, true, false, 4242, new[] { FaultKind.ToolKilledReally, FaultKind.BusReset }, 1e-3));
        Tally tally = Run(jobs, "fault campaign, default (fixed seeds)");
        Assert.True(tally.Failures.Count == 0, tally.Table("failures"));
        if (string.IsNullOrEmpty(only) && string.IsNullOrEmpty(faults))
        {
            // Seeded and in step with the simulator, a job is the same job when it runs again:
            // the same runs ending the same way, the same faults met, the same bytes verified.
            JobSpec again = jobs[3];
            Assert.Equal(Describe(_firstRuns[again.Number]), Describe(RunAlone(again)));
        }
        Assert.Equal(jobs.Count, tally.Survived);
        Assert.Equal(0, tally.Leaks);
        Assert.Equal(0, tally.Hangs);
        if (!string.IsNullOrEmpty(only)) return;
        foreach (FaultKind k in Enum.GetValues<FaultKind>()) Assert.True(tally.InjectedOf(k) > 0, "the campaign injected no " + k);
    }

    [Fact]
    [Trait("Category", "Long")]
    public void Long_campaign()
    {
        if (Environment.GetEnvironmentVariable("SCSIBRIDGE_LONG") != "1") return;  // run-all.sh runs it with SCSIBRIDGE_LONG=1
        var jobs = Jobs(60, 77);
        Tally tally = Run(jobs, "fault campaign, long (SCSIBRIDGE_LONG=1)");
        Assert.True(tally.Failures.Count == 0, tally.Table("failures"));
        Assert.Equal(0, tally.Leaks);
        Assert.Equal(0, tally.Hangs);
    }
}
