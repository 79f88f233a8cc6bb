namespace ScsiBridge.Campaign.Tests;

/// <summary>
/// What the link does wrong during one run of a job: a frame error rate both ways, single
/// frames to lose at given frame counts (each way), and a hang-up after a given number of frames
/// the tool has written. One seeded random source, so a run is the same run.
/// </summary>
internal sealed class LinkTrouble
{
    private readonly Tally _tally;
    private readonly HashSet<int> _loseToPc;
    private readonly HashSet<int> _loseToBridge;
    private readonly int _hangupAfter;
    private int _framesToPc;
    private int _framesToBridge;
    private bool _hungUp;

    public LinkTrouble(Random random, Tally tally, double frameErrorRate, IEnumerable<int> loseToPc, IEnumerable<int> loseToBridge, int hangupAfter)
    {
        Random = random;
        _tally = tally;
        FrameErrorRate = frameErrorRate;
        _loseToPc = new HashSet<int>(loseToPc);
        _loseToBridge = new HashSet<int>(loseToBridge);
        _hangupAfter = hangupAfter;
    }

    /// <summary>No trouble at all (a clean rerun).</summary>
    public static LinkTrouble None(Tally tally) => new LinkTrouble(new Random(0), tally, 0, Array.Empty<int>(), Array.Empty<int>(), -1);

    public Random Random { get; }

    public double FrameErrorRate { get; }

    public void Count(FaultKind kind) => _tally.Injected(kind);

    /// <summary>Called once per frame in each direction: true when this one is to be lost whole.</summary>
    public bool TakeLoss(bool toPc)
    {
        int n = toPc ? ++_framesToPc : ++_framesToBridge;
        bool lose = toPc ? _loseToPc.Remove(n) : _loseToBridge.Remove(n);
        if (lose) Count(FaultKind.FrameLost);
        return lose;
    }

    /// <summary>True once, when the tool has written enough frames for the scheduled hang-up.</summary>
    public bool TakeHangup()
    {
        if (_hungUp || _hangupAfter < 0 || _framesToBridge < _hangupAfter) return false;
        _hungUp = true;
        Count(FaultKind.PortHungUp);
        return true;
    }
}
