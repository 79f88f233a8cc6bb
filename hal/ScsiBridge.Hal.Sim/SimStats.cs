namespace ScsiBridge.Hal.Sim
{
    /// <summary>Counters of the simulated bus.</summary>
    /// <param name="NowNs">Virtual time.</param>
    /// <param name="Edges">Line changes seen on the bus.</param>
    /// <param name="Steps">Controller steps run.</param>
    /// <param name="Violations">Monitor violations recorded.</param>
    /// <param name="Devices">Devices attached.</param>
    public readonly record struct SimStats(long NowNs, long Edges, long Steps, int Violations, int Devices);
}
