using System.Globalization;

namespace ScsiBridge.Cli.Output;

/// <summary>Sizes and rates in the units people read: MB for capacities (as drives are
/// labelled), MiB for progress, MB/s for rates.</summary>
internal static class Sizes
{
    public static string Capacity(long blocks, int blockLength) => Size(blocks, blockLength) + " (" + blocks + " x " + blockLength + ")";

    /// <summary>The size and the block length alone ("2.31 GB (512)"), for a table row that must
    /// fit 80 columns with any disk of the narrow-SCSI years; the block count is in --json and
    /// in readcap.</summary>
    public static string CapacityAndBlock(long blocks, int blockLength) => Size(blocks, blockLength) + " (" + blockLength + ")";

    private static string Size(long blocks, int blockLength)
    {
        double bytes = (double)blocks * blockLength;
        return bytes >= 1e9 ? (bytes / 1e9).ToString("F2", CultureInfo.InvariantCulture) + " GB"
                            : (bytes / 1e6).ToString("F1", CultureInfo.InvariantCulture) + " MB";
    }

    public static string Mib(long bytes) => bytes > 0 && bytes < 1048576
        ? (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KiB"
        : (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture) + " MiB";

    public static string Rate(double bytesPerSecond) => (bytesPerSecond / 1e6).ToString("F3", CultureInfo.InvariantCulture) + " MB/s";

    public static string Duration(TimeSpan t) => t.TotalHours >= 1 ? ((int)t.TotalHours) + "h" + t.Minutes.ToString("D2") + "m"
                                             : t.TotalMinutes >= 1 ? ((int)t.TotalMinutes) + "m" + t.Seconds.ToString("D2") + "s"
                                             : t.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + "s";
}
