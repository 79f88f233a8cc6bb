namespace ScsiBridge.Cli.Imaging;

/// <summary>Where an imaging run is: bytes finished, bytes found bad so far, and what it is doing.</summary>
internal readonly record struct ImagingProgress(string Phase, long Total, long Finished, long Bad, long BytesThisRun, TimeSpan Elapsed)
{
    /// <summary>Bytes that have been tried, good or bad: what the bar shows.</summary>
    public long Tried => Finished + Bad;

    public double Rate => Elapsed.TotalSeconds > 0 ? BytesThisRun / Elapsed.TotalSeconds : 0;
}
