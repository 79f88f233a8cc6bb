using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ScsiBridge.Iscsi.Tests;

/// <summary>tgtd on loopback, on ports of its own, serving one scratch file; stopped on dispose.</summary>
internal sealed class ReferenceTarget : IDisposable
{
    private const string Iqn = "iqn.2026-12.invalid.scsibridge:tgt-reference";
    private readonly Process _daemon;
    private readonly string _control;

    private ReferenceTarget(Process daemon, string control, int port)
    {
        _daemon = daemon;
        _control = control;
        Url = "iscsi://127.0.0.1:" + port + "/" + Iqn + "/1";
    }

    public string Url { get; }

    /// <summary>Starts tgtd serving backing; a start that fails (a busy machine can be slow to
    /// give tgtd its socket) is tried again on other ports, twice.</summary>
    public static ReferenceTarget Start(string backing)
    {
        string why = "";
        for (int attempt = 0; attempt < 3; attempt++)
        {
            ReferenceTarget? tgt = TryStart(backing, attempt, out why);
            if (tgt != null) return tgt;
        }
        throw new InvalidOperationException("tgtd did not take its configuration (it needs root and /var/run/tgtd): " + why);
    }

    private static ReferenceTarget? TryStart(string backing, int attempt, out string why)
    {
        int port = FreePort();
        // tgtd takes a control port number up to 32767 only.
        string control = (20000 + (Environment.ProcessId * 3 + attempt) % 12000).ToString();
        Directory.CreateDirectory("/var/run/tgtd");
        var info = new ProcessStartInfo(Tools.Find("tgtd")!) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string a in new[] { "-f", "-C", control, "--iscsi", "portal=127.0.0.1:" + port }) info.ArgumentList.Add(a);
        var daemon = Process.Start(info)!;
        var log = new System.Text.StringBuilder();
        daemon.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        daemon.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        daemon.BeginErrorReadLine();
        daemon.BeginOutputReadLine();
        var tgt = new ReferenceTarget(daemon, control, port);
        // tgtd makes its control socket a moment after it starts.
        for (int i = 0; i < 100 && !daemon.HasExited && tgt.Admin("--op", "show", "--mode", "target") != null; i++) Thread.Sleep(100);
        why = tgt.Admin("--op", "new", "--mode", "target", "--tid", "1", "-T", Iqn)
              ?? tgt.Admin("--op", "new", "--mode", "logicalunit", "--tid", "1", "--lun", "1", "-b", backing)
              ?? tgt.Admin("--op", "bind", "--mode", "target", "--tid", "1", "-I", "ALL")
              ?? "";
        if (why.Length == 0) return tgt;
        bool exited = daemon.HasExited;
        tgt.Dispose();
        lock (log) why += (exited ? " (tgtd exited)" : "") + " " + log.ToString().Trim();
        return null;
    }

    /// <summary>Runs tgtadm; null when it succeeded, its complaint otherwise.</summary>
    private string? Admin(params string[] args)
    {
        var r = Tools.Run("tgtadm", new[] { "-C", _control, "--lld", "iscsi" }.Concat(args), TimeSpan.FromSeconds(20));
        return r.ExitCode == 0 ? null : "tgtadm " + string.Join(" ", args) + ": " + (r.Error + r.Output).Trim();
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    public void Dispose()
    {
        try
        {
            _daemon.Kill();
            _daemon.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
        }
        _daemon.Dispose();
    }
}
