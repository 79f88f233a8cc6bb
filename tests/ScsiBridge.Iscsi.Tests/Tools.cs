using System.Diagnostics;
using System.Security.Cryptography;

namespace ScsiBridge.Iscsi.Tests;

/// <summary>External programs: where they are, and running one with a time limit.</summary>
internal static class Tools
{
    public static string? Find(string program)
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Concat(new[] { "/usr/sbin", "/sbin" }))
        {
            string path = Path.Combine(dir, program);
            if (File.Exists(path)) return path;
        }
        return null;
    }

    public sealed record Result(int ExitCode, string Output, string Error);

    /// <summary>Runs a program to its end (killed after the limit, which then fails the test).</summary>
    public static Result Run(string program, IEnumerable<string> args, TimeSpan limit)
    {
        var info = new ProcessStartInfo(Find(program) ?? program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        Task<string> output = p.StandardOutput.ReadToEndAsync();
        Task<string> error = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(limit))
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            throw new TimeoutException(program + " " + string.Join(" ", args) + " did not finish within " + limit.TotalSeconds + " s");
        }
        return new Result(p.ExitCode, output.Result, error.Result);
    }

    public static string Sha256(string path)
    {
        using var f = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(f));
    }
}
