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

    public static ReferenceTarget Start(string backing)
    {
        int port = FreePort();
        string control = (20000 + Environment.ProcessId % 20000).ToString();
        Directory.CreateDirectory("/var/run/tgtd");
        var info = new ProcessStartInfo(Tools.Find("tgtd")!) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string a in new[] { "-f", "-C", control, "--iscsi", "portal=127.0.0.1:" + port }) info.ArgumentList.Add(a);
        var daemon = Process.Start(info)!;
        daemon.ErrorDataReceived += (_, _) => { };
        daemon.OutputDataReceived += (_, _) => { };
        daemon.BeginErrorReadLine();
        daemon.BeginOutputReadLine();
        var tgt = new ReferenceTarget(daemon, control, port);
        try
        {
            for (int i = 0; i < 100 && !tgt.Admin("--op", "show", "--mode", "target"); i++) Thread.Sleep(100);  // tgtd makes its control socket a moment after it starts
            if (!tgt.Admin("--op", "new", "--mode", "target", "--tid", "1", "-T", Iqn)
                || !tgt.Admin("--op", "new", "--mode", "logicalunit", "--tid", "1", "--lun", "1", "-b", backing)
                || !tgt.Admin("--op", "bind", "--mode", "target", "--tid", "1", "-I", "ALL"))
            {
                throw new InvalidOperationException("tgtd did not take its configuration (it needs root and /var/run/tgtd)");
            }
            return tgt;
        }
        catch
        {
            tgt.Dispose();
            throw;
        }
    }

    private bool Admin(params string[] args) =>
        Tools.Run("tgtadm", new[] { "-C", _control, "--lld", "iscsi" }.Concat(args), TimeSpan.FromSeconds(20)).ExitCode == 0;

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
