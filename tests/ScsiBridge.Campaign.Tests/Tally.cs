using System.Text;

namespace ScsiBridge.Campaign.Tests;

/// <summary>What a campaign did: jobs, faults injected by kind, jobs that came through whole,
/// bytes compared with their source, leaks and hangs found; printed as a table.</summary>
internal sealed class Tally
{
    private readonly int[] _injected = new int[Enum.GetValues<FaultKind>().Length];
    private readonly int[] _jobsWith = new int[Enum.GetValues<FaultKind>().Length];
    private readonly int[] _survivedWith = new int[Enum.GetValues<FaultKind>().Length];
    private readonly object _lock = new();

    public int Jobs { get; private set; }

    public int Survived { get; private set; }

    public int Runs { get; set; }

    public long BytesVerified { get; set; }

    public int Leaks { get; set; }

    public int Hangs { get; set; }

    public List<string> Failures { get; } = new();

    public void Injected(FaultKind kind)
    {
        lock (_lock) _injected[(int)kind]++;
    }

    /// <summary>The counts now, to tell afterwards which kinds a job met.</summary>
    public int[] Snapshot()
    {
        lock (_lock) return (int[])_injected.Clone();
    }

    /// <summary>The kinds injected since the snapshot.</summary>
    public List<FaultKind> Since(int[] snapshot)
    {
        lock (_lock) return Enum.GetValues<FaultKind>().Where(k => _injected[(int)k] > snapshot[(int)k]).ToList();
    }

    public int InjectedOf(FaultKind kind)
    {
        lock (_lock) return _injected[(int)kind];
    }

    /// <summary>A job ended: which kinds of fault it met, and whether it came through whole.</summary>
    public void JobEnded(IEnumerable<FaultKind> met, bool survived)
    {
        lock (_lock)
        {
            Jobs++;
            if (survived) Survived++;
            foreach (FaultKind k in met.Distinct())
            {
                _jobsWith[(int)k]++;
                if (survived) _survivedWith[(int)k]++;
            }
        }
    }

    public string Table(string title)
    {
        var t = new StringBuilder();
        t.AppendLine(title);
        t.AppendLine($"jobs {Jobs} (runs of the tool {Runs}), survived {Survived}, bytes verified {BytesVerified}, leaks {Leaks}, hangs {Hangs}");
        t.AppendLine($"{"fault (injected or armed)",-26} {"count",7} {"jobs met",9} {"survived",9}");
        foreach (FaultKind k in Enum.GetValues<FaultKind>())
        {
            t.AppendLine($"{k,-26} {_injected[(int)k],7} {_jobsWith[(int)k],9} {_survivedWith[(int)k],9}");
        }
        foreach (string f in Failures) t.AppendLine("FAILED: " + f);
        return t.ToString();
    }
}
