using System.Net;

namespace ScsiBridge.Iscsi;

/// <summary>How the gateway presents itself: its name, where it listens, who may log in.</summary>
public sealed class GatewayOptions
{
    public const int DefaultPort = 3260;

    /// <summary>The target's iSCSI qualified name.</summary>
    public string TargetName { get; set; } = DefaultTargetName();

    /// <summary>Where to listen: 127.0.0.1 unless the user asks for another address.</summary>
    public IPEndPoint Listen { get; set; } = new IPEndPoint(IPAddress.Loopback, DefaultPort);

    /// <summary>CHAP user name; null: no authentication.</summary>
    public string? ChapUser { get; set; }

    public byte[]? ChapSecret { get; set; }

    /// <summary>Sessions at once (each gets one of the eight initiator slots the units keep apart).</summary>
    public int MaxSessions { get; set; } = 8;

    /// <summary>Bytes of what was read kept per bridge-backed LUN.</summary>
    public long CacheBytes { get; set; } = 16L << 20;

    public static string DefaultTargetName()
    {
        string host = new string(Environment.MachineName.ToLowerInvariant().Where(c => char.IsAsciiLetterOrDigit(c) || c == '-').ToArray());
        return "iqn.2026-12.invalid.scsibridge:" + (host.Length > 0 ? host : "gateway");
    }

    /// <summary>Checks an IQN's shape (RFC 3720 3.2.6.3.1): "iqn.yyyy-mm.reversed.domain[:anything]".</summary>
    public static bool IsValidIqn(string name) =>
        System.Text.RegularExpressions.Regex.IsMatch(name, @"^iqn\.\d{4}-\d{2}\.[a-z0-9][a-z0-9.-]*(:[\x21-\x7e]+)?$") && name.Length <= 223;
}
