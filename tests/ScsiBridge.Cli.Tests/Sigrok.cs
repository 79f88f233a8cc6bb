using System.Diagnostics;

namespace ScsiBridge.Cli.Tests;

/// <summary>
/// sigrok-cli, the reader behind PulseView, on a VCD file: how many samples and channels it reads.
/// A trace sigrok cannot read (a vector signal, a bad header) gives it nothing to show.
/// </summary>
internal static class Sigrok
{
    public sealed record Reading(long Samples, int Channels, string Errors);

    /// <summary>Past this many bytes of samples the reading stops: a trace of a command that
    /// waited out a timeout spans seconds of bus time, hundreds of megabytes once sampled, and
    /// the tests only need to know that samples come.</summary>
    private const long SampleBytesEnough = 16L << 20;

    /// <summary>Reads the file as PulseView would, sampled every 100 ns (1 ns samples of a
    /// whole command would be tens of megabytes of output for nothing).</summary>
    public static Reading Read(string vcd)
    {
        string show = RunText(new[] { "-I", "vcd", "-i", vcd, "--show" }, out string showErrors);
        int channels = show.Split('\n').Count(l => l.StartsWith("- ", StringComparison.Ordinal) && l.EndsWith(": logic", StringComparison.Ordinal));
        long bytes = CountOutput(new[] { "-I", "vcd:downsample=100", "-i", vcd, "-O", "binary" }, out string errors);
        // -O binary: one sample is the channels' bits, packed into whole bytes.
        return new Reading(bytes / Math.Max(1, (channels + 7) / 8), channels, showErrors + errors);
    }

    private static string RunText(string[] args, out string errors)
    {
        using Process p = Start(args);
        var err = p.StandardError.ReadToEndAsync();
        string text = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        errors = err.Result;
        return text;
    }

    /// <summary>Counts the bytes sigrok-cli writes without keeping them, up to <see cref="SampleBytesEnough"/>.</summary>
    private static long CountOutput(string[] args, out string errors)
    {
        using Process p = Start(args);
        var err = p.StandardError.ReadToEndAsync();
        var buffer = new byte[64 * 1024];
        long bytes = 0;
        Stream output = p.StandardOutput.BaseStream;
        int n;
        while ((n = output.Read(buffer, 0, buffer.Length)) > 0)
        {
            bytes += n;
            if (bytes >= SampleBytesEnough)
            {
                p.Kill();
                break;
            }
        }
        p.WaitForExit();
        errors = err.Result;
        return bytes;
    }

    private static Process Start(string[] args)
    {
        var start = new ProcessStartInfo("sigrok-cli") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args) start.ArgumentList.Add(a);
        try
        {
            return Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException("sigrok-cli is not installed (Debian: apt-get install sigrok-cli); the trace tests need it");
        }
    }
}
