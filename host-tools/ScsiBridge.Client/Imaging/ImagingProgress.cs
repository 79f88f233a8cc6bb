using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
namespace ScsiBridge.Client.Imaging;

/// <summary>Where an imaging run is: bytes finished, bytes found bad so far, and what it is doing.</summary>
public readonly record struct ImagingProgress(string Phase, long Total, long Finished, long Bad, long BytesThisRun, TimeSpan Elapsed)
{
    /// <summary>Bytes that have been tried, good or bad: what the bar shows.</summary>
    public long Tried => Finished + Bad;

    public double Rate => Elapsed.TotalSeconds > 0 ? BytesThisRun / Elapsed.TotalSeconds : 0;
}
