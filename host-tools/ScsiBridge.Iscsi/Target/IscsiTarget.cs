using System.Net;
using System.Net.Sockets;
using ScsiBridge.Client.Api;
using ScsiBridge.Iscsi.Login;
using ScsiBridge.Iscsi.Scsi;

namespace ScsiBridge.Iscsi;

/// <summary>
/// The iSCSI gateway: one target (RFC 7143) whose LUNs are image files and drives behind the
/// bridge. It accepts connections on one address, runs each as a session of its own, and stops
/// them all on <see cref="StopAsync"/> after asking their initiators to log out.
/// </summary>
public sealed class IscsiTarget : IAsyncDisposable
{
    private readonly GatewayOptions _options;
    private readonly List<GatewayLun> _luns = new List<GatewayLun>();
    private readonly List<Target.IscsiConnection> _connections = new List<Target.IscsiConnection>();
    private readonly List<Task> _running = new List<Task>();
    private readonly object _sync = new object();
    private readonly CancellationTokenSource _stop = new CancellationTokenSource();
    private TcpListener? _listener;
    private Task? _acceptLoop;
    private int _nextConnection = 1;
    private ushort _nextTsih = 1;

    public IscsiTarget(GatewayOptions options)
    {
        if (!GatewayOptions.IsValidIqn(options.TargetName)) throw new ArgumentException("\"" + options.TargetName + "\" is not an iSCSI qualified name (iqn.yyyy-mm.reversed.domain:name)", nameof(options));
        if (options.ChapUser != null && (options.ChapSecret == null || options.ChapSecret.Length < 12 || options.ChapSecret.Length > 256))
        {
            throw new ArgumentException("a CHAP secret has 12 to 256 bytes (RFC 7143 12.1.3)", nameof(options));
        }
        _options = options;
    }

    public string Name => _options.TargetName;

    /// <summary>Where the target listens, once started (the port the system chose for port 0).</summary>
    public IPEndPoint? Endpoint { get; private set; }

    public IReadOnlyList<GatewayLun> Luns
    {
        get { lock (_sync) return _luns.ToList(); }
    }

    public int SessionCount
    {
        get { lock (_sync) return _connections.Count(c => c.InFullFeature && !c.IsDiscovery); }
    }

    /// <summary>What the gateway has to say: logins, drive errors, refusals (for the terminal).</summary>
    public event Action<string>? Message;

    /// <summary>The URL of a LUN, for an initiator such as qemu-img or iscsi-inq.</summary>
    public string UrlOf(int lun)
    {
        IPEndPoint e = Endpoint ?? _options.Listen;
        string host = e.AddressFamily == AddressFamily.InterNetworkV6 ? "[" + e.Address + "]" : e.Address.ToString();
        return "iscsi://" + host + ":" + e.Port + "/" + Name + "/" + lun;
    }

    /// <summary>Serves an image file at the next LUN, through the firmware's disk (or CD-ROM) emulation.</summary>
    public async Task<GatewayLun> AddImageAsync(string path, bool writable, CancellationToken ct = default)
    {
        EmulatedDevice device = EmulatedDevice.Open(path, writable);
        return await AddAsync(device, writable, 0, ct).ConfigureAwait(false);
    }

    /// <summary>Serves a device on the bridge's bus at the next LUN. The session with the device
    /// (SCIOLSTART) is the caller's, and so is the client.</summary>
    public async Task<GatewayLun> AddBridgeDeviceAsync(BridgeClient client, int id, int lun, bool writable, CancellationToken ct = default)
    {
        uint maxTransfer = client.Info?.MaxTransfer ?? 65536;
        int window = client.Info?.Window ?? 1;
        var device = new BridgeDevice(client, id, lun, (int)Math.Min(maxTransfer, 1u << 20), window);
        return await AddAsync(device, writable, _options.CacheBytes, ct).ConfigureAwait(false);
    }

    /// <summary>Serves any device at the next LUN (tests give their own).</summary>
    internal async Task<GatewayLun> AddAsync(IScsiDevice device, bool writable, long cache, CancellationToken ct)
    {
        int number;
        lock (_sync) number = _luns.Count;
        LogicalUnit unit;
        try
        {
            unit = await LogicalUnit.OpenAsync(device, number, writable, cache, ct).ConfigureAwait(false);
        }
        catch
        {
            await device.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        unit.DeviceError += (u, text) => Say("LUN " + u.Lun + " (" + u.Description + "): " + text);
        var view = new GatewayLun(unit);
        lock (_sync) _luns.Add(view);
        return view;
    }

    /// <summary>Starts listening and serving; returns at once.</summary>
    public void Start()
    {
        if (_listener != null) throw new InvalidOperationException("the target is already started");
        var listener = new TcpListener(_options.Listen);
        try
        {
            listener.Start(16);
        }
        catch (SocketException e)
        {
            throw new IOException("cannot listen on " + _options.Listen + ": " + e.Message + (e.SocketErrorCode == SocketError.AddressAlreadyInUse ? " (another target runs there; --listen picks another port)" : ""), e);
        }
        _listener = listener;
        Endpoint = (IPEndPoint)listener.LocalEndpoint;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    private async Task AcceptLoopAsync()
    {
        CancellationToken ct = _stop.Token;
        while (!ct.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener!.AcceptTcpClientAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException)
            {
                if (ct.IsCancellationRequested) return;
                continue;
            }
            catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException)
            {
                return;  // the listener was stopped
            }
            Target.IscsiConnection connection;
            lock (_sync)
            {
                if (_connections.Count >= _options.MaxSessions * 2)
                {
                    client.Dispose();  // logins in progress beyond any reason: refused at once
                    continue;
                }
                connection = new Target.IscsiConnection(this, client, _nextConnection++, ct);
                _connections.Add(connection);
                _running.RemoveAll(t => t.IsCompleted);
                _running.Add(Task.Run(() => RunConnectionAsync(connection)));
            }
        }
    }

    private async Task RunConnectionAsync(Target.IscsiConnection connection)
    {
        try
        {
            await connection.RunAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Say("session " + connection.Number + ": ended by an error in the gateway: " + e.Message);
        }
        finally
        {
            bool wasSession;
            lock (_sync)
            {
                _connections.Remove(connection);
                wasSession = connection.InFullFeature && !connection.IsDiscovery;
            }
            if (wasSession)
            {
                foreach (GatewayLun lun in Luns) lun.Unit.SessionEnded(connection.InitiatorSlot);
                Say("session " + connection.Number + ": closed (" + connection.InitiatorName + ")");
            }
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Asks every initiator to log out, waits up to <paramref name="logoutWait"/>, closes
    /// what is left and stops listening. The units' images are closed; bridge devices stay the caller's.</summary>
    public async Task StopAsync(TimeSpan logoutWait)
    {
        Target.IscsiConnection[] open;
        lock (_sync) open = _connections.ToArray();
        _listener?.Stop();
        await Task.WhenAll(open.Select(c => c.RequestLogoutAsync(logoutWait))).ConfigureAwait(false);
        _stop.Cancel();
        if (_acceptLoop != null) await _acceptLoop.ConfigureAwait(false);
        Task[] running;
        lock (_sync) running = _running.ToArray();
        await Task.WhenAll(running).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested) await StopAsync(TimeSpan.Zero).ConfigureAwait(false);
        foreach (GatewayLun lun in Luns) await lun.Unit.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    // ---- for the connections ----

    internal void Say(string text) => Message?.Invoke(text);

    internal LogicalUnit? Unit(int lun)
    {
        lock (_sync) return lun >= 0 && lun < _luns.Count ? _luns[lun].Unit : null;
    }

    internal ChapAuthenticator? NewChap() =>
        _options.ChapUser == null ? null : new ChapAuthenticator(_options.ChapUser, _options.ChapSecret!);

    internal ushort NewTsih()
    {
        lock (_sync)
        {
            ushort t = _nextTsih++;
            if (_nextTsih == 0) _nextTsih = 1;
            return t;
        }
    }

    /// <summary>
    /// Lets a session into full feature phase: a new session of an initiator that already has one
    /// with the same ISID replaces it (session reinstatement, RFC 7143 6.3.5); a free initiator
    /// slot is given; null, or why the session is refused.
    /// </summary>
    internal string? Admit(Target.IscsiConnection connection)
    {
        Target.IscsiConnection? old = null;
        lock (_sync)
        {
            if (connection.IsDiscovery) return null;
            old = _connections.FirstOrDefault(c => c != connection && c.InFullFeature && !c.IsDiscovery
                                                   && c.InitiatorName == connection.InitiatorName && c.Isid.AsSpan().SequenceEqual(connection.Isid));
            var taken = _connections.Where(c => c != connection && c != old && c.InFullFeature && !c.IsDiscovery).Select(c => c.InitiatorSlot).ToHashSet();
            if (taken.Count >= _options.MaxSessions) return "this target already has " + taken.Count + " sessions, its most";
            int slot = old?.InitiatorSlot ?? -1;
            if (slot < 0 || taken.Contains(slot)) slot = Enumerable.Range(0, 8).First(s => !taken.Contains(s));
            connection.InitiatorSlot = slot;
        }
        old?.Close();
        return null;
    }

    internal TextKeys SendTargets()
    {
        var keys = new TextKeys();
        keys.Add("TargetName", Name);
        IPEndPoint e = Endpoint ?? _options.Listen;
        string host = e.AddressFamily == AddressFamily.InterNetworkV6 ? "[" + e.Address + "]" : e.Address.ToString();
        keys.Add("TargetAddress", host + ":" + e.Port + ",1");
        return keys;
    }

    internal void ReportLuns(ScsiTask task)
    {
        byte[] cdb = task.Cdb;
        int select = cdb[2];
        long allocation = Scsi.Cdb.U32(cdb, 6);
        if (select > 2)
        {
            task.FailField(2);
            return;
        }
        if (allocation < 16)
        {
            task.FailField(6);  // SPC-3 6.21: at least 16 bytes
            return;
        }
        var luns = Luns;
        byte[] data = new byte[8 + 8 * luns.Count];
        Scsi.Cdb.Put32(data, 0, 8 * luns.Count);
        for (int i = 0; i < luns.Count; i++) Scsi.Cdb.Put64(data, 8 + 8 * i, (long)Pdu.ProtocolData.EncodeLun(luns[i].Lun));
        task.SetDataIn(data, (int)Math.Min(data.Length, allocation));
    }

    internal async Task ResetAllAsync(CancellationToken ct)
    {
        foreach (GatewayLun lun in Luns) await lun.Unit.ResetAsync(ct).ConfigureAwait(false);
    }
}
