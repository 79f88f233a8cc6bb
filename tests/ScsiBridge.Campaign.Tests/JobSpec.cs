namespace ScsiBridge.Campaign.Tests;

/// <summary>One job of the campaign: a dump (of a sound or a worn disk) or a restore, the seed
/// its faults are drawn from, and the kinds of fault it gets.</summary>
internal sealed record JobSpec(int Number, bool Restore, bool Worn, int Seed, FaultKind[] Faults, double FrameErrorRate)
{
    public override string ToString() =>
        "job " + Number + " (" + (Restore ? "restore" : Worn ? "dump of a worn disk" : "dump") + ", seed " + Seed + ", frame error rate " + FrameErrorRate
        + ", faults " + string.Join(" ", Faults) + ")";
}
