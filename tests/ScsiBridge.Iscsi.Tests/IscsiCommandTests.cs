using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace ScsiBridge.Iscsi.Tests;

/// <summary>`scsibridge iscsi` as a user runs it: the URL it prints works, and SIGINT (Ctrl-C) asks the
/// initiator to log out, closes the session and ends the tool with exit code 0.</summary>
public sealed class IscsiCommandTests
{
    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    private const int Sigint = 2;

    [Fact]
    public async Task TheToolServesAnImageUntilCtrlCAndThenLogsTheSessionOut()
    {
        using var folder = new TempFolder();
        string image = folder.Image("disk.img", 1 << 20);
        string tool = Path.Combine(AppContext.BaseDirectory, "scsibridge.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { tool, "iscsi", "--image", image, "--listen", "127.0.0.1:0", "--name", Gateway.Iqn }) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        Task<string> errors = p.StandardError.ReadToEndAsync();
        try
        {
            string first = p.StandardOutput.ReadLine() ?? "";
            Match m = Regex.Match(first, @"^iSCSI target " + Regex.Escape(Gateway.Iqn) + @" on (127\.0\.0\.1:\d+)$");
            if (!m.Success) Assert.Fail("first line: " + first + await errors);
            string table = p.StandardOutput.ReadLine() + "\n" + p.StandardOutput.ReadLine();
            Assert.Contains("iscsi://" + m.Groups[1].Value + "/" + Gateway.Iqn + "/0", table);
            Assert.Contains("read-only", table);

            using var i = new TestInitiator(IPEndPoint.Parse(m.Groups[1].Value));
            Assert.True(i.Login(Gateway.Iqn));
            var r = i.Command(0, new byte[] { 0x28, 0, 0, 0, 0, 1, 0, 0, 1, 0 }, 512);
            Assert.Equal(File.ReadAllBytes(image).AsSpan(512, 512).ToArray(), r.Data);

            Assert.Equal(0, kill(p.Id, Sigint));
            var message = i.Receive();
            Assert.NotNull(message);
            Assert.Equal(0x32, message!.Opcode);   // the logout request
            i.Logout();
            Assert.True(p.WaitForExit(15000), "the tool did not stop after SIGINT");
            Assert.Equal(0, p.ExitCode);
            Assert.Contains("stopped", await errors);
        }
        finally
        {
            if (!p.HasExited) p.Kill();
        }
    }
}
