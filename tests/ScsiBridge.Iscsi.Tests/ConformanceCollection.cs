namespace ScsiBridge.Iscsi.Tests;

/// <summary>
/// The conformance runs go alone, after the other tests: libiscsi's tool gives the target three
/// seconds of wall time for some answers, and the other suites' simulated bridges and tgt would
/// otherwise compete with it for the same two cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConformanceCollection
{
    public const string Name = "libiscsi conformance, alone";
}
