using System.Diagnostics;

namespace ScsiBridge.Cli.Tests;

/// <summary>
/// sigrok-cli, the reader behind PulseView, on a VCD file: how many samples and channels it reads.
/// A trace sigrok cannot read (a vector signal, a bad header) gives it nothing to show.
/// </summary>
internal static class Sigrok
{
    public sealed record Reading(long Samples, int Channels, string Errors);

    /// <summary>Reads the file as PulseView would, sampled every 100 ns (1 ns samples of a
    /// whole command would be tens of megabytes of output for nothing).</summary>
    public static Reading Read(string vcd)
    {
        string show = Run("-I", "vcd", "-i", vcd, "--show", out string showErrors, out _);
        int channels = show.Split('\n').Count(l => l.StartsWith("- ", StringComparison.Ordinal) && l.EndsWith(": logic", StringComparison.Ordinal));
        Run("-I", "vcd:downsample=100", "-i", vcd, "-O", "binary", out string errors, out long bytes);
        // -O binary: one sample is the channels' bits, packed into whole bytes.
        return new Reading(bytes / Math.Max(1, (channels + 7) / 8), channels, showErrors + errors);
    }

    private static string Run(string a, string b, string c, string d, string e, out string errors, out long bytes)
        => Run(new[] { a, b, c, d, e }, out errors, out bytes);

    private static string Run(string a, string b, string c, string d, string e, string f, out string errors, out long bytes)
        => Run(new[] { a, b, c, d, e, f }, out errors, out bytes);

    private static string Run(string[] args, out string errors, out long bytes)
    {
        var start = new ProcessStartInfo("sigrok-cli") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args) start.ArgumentList.Add(a);
        Process p;
        try
        {
            p = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException("sigrok-cli is not installed (Debian: apt-get install sigrok-cli); the trace tests need it");
        }
        using (p)
        {
            var err = p.StandardError.ReadToEndAsync();
            var buffer = new MemoryStream();
            p.StandardOutput.BaseStream.CopyTo(buffer);
            p.WaitForExit();
            errors = err.Result;
            bytes = buffer.Length;
            return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        }
    }
}
