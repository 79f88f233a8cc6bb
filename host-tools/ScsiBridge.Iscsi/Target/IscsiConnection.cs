using System.Net.Sockets;
using ScsiBridge.Iscsi.Login;
using ScsiBridge.Iscsi.Pdu;
using ScsiBridge.Iscsi.Scsi;

namespace ScsiBridge.Iscsi.Target;

/// <summary>
/// One TCP connection, which is one session (MaxConnections=1, ErrorRecoveryLevel=0): the login
/// phase, then full feature phase, commands run one after the other in CmdSN order. A PDU that
/// breaks the protocol gets a Reject where the connection can go on, and closes the connection
/// where it cannot; neither stops the target.
/// </summary>
internal sealed partial class IscsiConnection : IAsyncDisposable
{
    private const int QueueDepth = 32;
    private const int MaxDeferred = 256;

    private readonly IscsiTarget _target;
    private readonly TcpClient _client;
    private readonly PduChannel _channel;
    private readonly CancellationTokenSource _stop;
    private readonly Queue<ProtocolData> _deferred = new Queue<ProtocolData>();
    private SessionParameters _parameters = new SessionParameters();
    private uint _statSn;
    private uint _expCmdSn;
    private uint _nextTargetTag = 1;
    private bool _loggedOut;
    private volatile bool _logoutWanted;
    private volatile bool _inFullFeature;
    private int _logoutSent;
    private readonly TaskCompletionSource _finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public IscsiConnection(IscsiTarget target, TcpClient client, int number, CancellationToken stop)
    {
        _target = target;
        _client = client;
        _client.NoDelay = true;
        _channel = new PduChannel(client.GetStream());
        _stop = CancellationTokenSource.CreateLinkedTokenSource(stop);
        Number = number;
        Peer = client.Client.RemoteEndPoint?.ToString() ?? "?";
    }

    public int Number { get; }

    public string Peer { get; }

    /// <summary>0-7: how the emulated units tell this session's reservations from others'.</summary>
    public int InitiatorSlot { get; set; } = -1;

    public string InitiatorName => _parameters.InitiatorName;

    public byte[] Isid { get; } = new byte[6];

    public ushort Tsih { get; private set; }

    public bool IsDiscovery => _parameters.Discovery;

    public bool InFullFeature
    {
        get => _inFullFeature;
        private set => _inFullFeature = value;
    }

    public async Task RunAsync()
    {
        CancellationToken ct = _stop.Token;
        try
        {
            if (!await LoginAsync(ct).ConfigureAwait(false)) return;
            InFullFeature = true;
            Interlocked.MemoryBarrier();  // with the one in RequestLogoutAsync: one of the two sees the other's flag
            if (_logoutWanted) await SendLogoutRequestAsync().ConfigureAwait(false);  // the target began stopping during the login
            while (!ct.IsCancellationRequested && !_loggedOut)
            {
                ProtocolData? pdu = await NextAsync(ct).ConfigureAwait(false);
                if (pdu == null) break;
                if (!await HandleAsync(pdu, ct).ConfigureAwait(false)) break;
            }
        }
        catch (PduFormatException e)
        {
            _target.Say("session " + Number + " (" + Peer + "): closed: " + e.Message);
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException)
        {
            // The initiator went away mid-PDU: its session ends here.
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
        finally
        {
            _finished.TrySetResult();
        }
    }

    /// <summary>Asks the initiator to log out (an Async Message) and closes the connection if it
    /// has not within the time given. A connection still logging in is asked as soon as it is in.</summary>
    public async Task RequestLogoutAsync(TimeSpan wait)
    {
        _logoutWanted = true;
        Interlocked.MemoryBarrier();
        if (InFullFeature) await SendLogoutRequestAsync().ConfigureAwait(false);
        if (wait > TimeSpan.Zero) await Task.WhenAny(_finished.Task, Task.Delay(wait)).ConfigureAwait(false);  // its Logout ends the session
        Close();
    }

    /// <summary>AsyncEvent 1, once: the target requests a logout within Parameter3 seconds.</summary>
    private async Task SendLogoutRequestAsync()
    {
        if (IsDiscovery || Interlocked.Exchange(ref _logoutSent, 1) == 1) return;
        try
        {
            var p = ProtocolData.Create(Opcode.AsyncMessage);
            p.TaskTag = ProtocolData.Reserved;
            p.SetU32(24, _statSn);
            FillSequence(p);
            p.Header[36] = 1;
            p.SetU16(42, 2);
            using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _channel.WriteAsync(p, quick.Token).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The connection is going anyway.
        }
    }

    public void Close()
    {
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
        _client.Close();
    }

    public ValueTask DisposeAsync()
    {
        Close();
        _stop.Dispose();
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The next PDU: one put aside while a command collected its data, or a new one.</summary>
    private async Task<ProtocolData?> NextAsync(CancellationToken ct)
    {
        if (_deferred.Count > 0) return _deferred.Dequeue();
        return await _channel.ReadAsync(ct).ConfigureAwait(false);
    }

    private async Task<bool> HandleAsync(ProtocolData pdu, CancellationToken ct)
    {
        switch (pdu.Opcode)
        {
            case Opcode.NopOut:
                return await NopOutAsync(pdu, ct).ConfigureAwait(false);
            case Opcode.ScsiCommand:
                return await ScsiCommandAsync(pdu, ct).ConfigureAwait(false);
            case Opcode.TaskManagementRequest:
                return await TaskManagementAsync(pdu, ct).ConfigureAwait(false);
            case Opcode.TextRequest:
                return await TextAsync(pdu, ct).ConfigureAwait(false);
            case Opcode.LogoutRequest:
                return await LogoutAsync(pdu, ct).ConfigureAwait(false);
            case Opcode.DataOut:
                return true;  // data of a command already ended (aborted, or refused): dropped
            case Opcode.Snack:
                await RejectAsync(pdu, RejectReason.SnackReject, ct).ConfigureAwait(false);  // ErrorRecoveryLevel 0: no SNACK
                return true;
            case Opcode.LoginRequest:
                await RejectAsync(pdu, RejectReason.ProtocolError, ct).ConfigureAwait(false);
                return false;
            default:
                await RejectAsync(pdu, RejectReason.CommandNotSupported, ct).ConfigureAwait(false);
                return true;
        }
    }

    /// <summary>
    /// CmdSN rules (RFC 7143 3.2.2.1): an immediate command goes at once; a non-immediate one
    /// outside [ExpCmdSN, MaxCmdSN] is dropped without an answer; otherwise ExpCmdSN moves on.
    /// </summary>
    private bool Admit(ProtocolData pdu)
    {
        if (pdu.Immediate) return true;
        uint cmdSn = pdu.U32(24);
        int ahead = unchecked((int)(cmdSn - _expCmdSn));
        if (ahead < 0 || ahead >= QueueDepth) return false;
        _expCmdSn = cmdSn + 1;
        return true;
    }

    private void FillSequence(ProtocolData p)
    {
        p.SetU32(28, _expCmdSn);
        p.SetU32(32, _expCmdSn + QueueDepth - 1);
    }

    /// <summary>A response that carries status: its StatSN is the next one.</summary>
    private Task SendStatusAsync(ProtocolData p, CancellationToken ct)
    {
        p.SetU32(24, _statSn++);
        FillSequence(p);
        return _channel.WriteAsync(p, ct);
    }

    private async Task RejectAsync(ProtocolData pdu, int reason, CancellationToken ct)
    {
        var p = ProtocolData.Create(Opcode.Reject);
        p.Header[2] = (byte)reason;
        p.TaskTag = ProtocolData.Reserved;
        p.SetData(pdu.Header, ProtocolData.HeaderLength);
        await SendStatusAsync(p, ct).ConfigureAwait(false);
    }

    private async Task<bool> NopOutAsync(ProtocolData pdu, CancellationToken ct)
    {
        bool admitted = Admit(pdu);
        if (pdu.TaskTag == ProtocolData.Reserved) return true;  // a ping that wants no answer, or the answer to ours
        if (!admitted) return true;
        var p = ProtocolData.Create(Opcode.NopIn);
        p.Lun = pdu.Lun;
        p.TaskTag = pdu.TaskTag;
        p.SetU32(20, ProtocolData.Reserved);
        p.SetData(pdu.Data, pdu.DataLength);  // the ping data comes back
        await SendStatusAsync(p, ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>Drops the commands (and their data) put aside that match; how many commands.</summary>
    private int DropWaiting(Func<ProtocolData, bool> match)
    {
        int dropped = 0;
        var keep = new Queue<ProtocolData>();
        var droppedTags = new HashSet<uint>();
        foreach (ProtocolData p in _deferred)
        {
            if (p.Opcode == Opcode.ScsiCommand && match(p))
            {
                dropped++;
                droppedTags.Add(p.TaskTag);
            }
            else if (!(p.Opcode == Opcode.DataOut && droppedTags.Contains(p.TaskTag)))
            {
                keep.Enqueue(p);
            }
        }
        _deferred.Clear();
        foreach (ProtocolData p in keep) _deferred.Enqueue(p);
        return dropped;
    }

    private async Task<bool> LogoutAsync(ProtocolData pdu, CancellationToken ct)
    {
        Admit(pdu);
        var p = ProtocolData.Create(Opcode.LogoutResponse);
        p.TaskTag = pdu.TaskTag;
        p.Header[2] = 0;  // closed successfully, whatever the reason: the session has this one connection
        await SendStatusAsync(p, ct).ConfigureAwait(false);
        _loggedOut = true;
        return false;
    }

    private async Task<bool> TextAsync(ProtocolData pdu, CancellationToken ct)
    {
        if (!Admit(pdu)) return true;
        var p = ProtocolData.Create(Opcode.TextResponse);
        p.TaskTag = pdu.TaskTag;
        p.SetU32(20, ProtocolData.Reserved);
        TextKeys request;
        try
        {
            request = TextKeys.Parse(pdu.Data, pdu.DataLength);
        }
        catch (FormatException)
        {
            await RejectAsync(pdu, RejectReason.InvalidPduField, ct).ConfigureAwait(false);
            return true;
        }
        var response = new TextKeys();
        foreach (var (key, value) in request.Pairs)
        {
            if (key == "SendTargets")
            {
                if (value == "All" || value == _target.Name || (value.Length == 0 && !IsDiscovery)) response.AddFrom(_target.SendTargets());
            }
            else
            {
                response.Add(key, "NotUnderstood");
            }
        }
        byte[] text = response.Encode();
        if (text.Length > _parameters.InitiatorMaxRecvDataSegmentLength)
        {
            await RejectAsync(pdu, RejectReason.InvalidPduField, ct).ConfigureAwait(false);
            return true;
        }
        p.SetData(text, text.Length);
        await SendStatusAsync(p, ct).ConfigureAwait(false);
        return true;
    }

    private async Task<bool> TaskManagementAsync(ProtocolData pdu, CancellationToken ct)
    {
        Admit(pdu);
        int function = pdu.Flags & 0x7F;
        int lun = ProtocolData.DecodeLun(pdu.Lun);
        int response;
        switch (function)
        {
            case 1:  // ABORT TASK: commands run one at a time; one not yet started is dropped, one answered is gone
                response = DropWaiting(p => p.TaskTag == pdu.U32(20)) > 0 ? 0 : 1;
                break;
            case 2:  // ABORT TASK SET
            case 4:  // CLEAR TASK SET
                DropWaiting(p => ProtocolData.DecodeLun(p.Lun) == lun);
                response = 0;
                break;
            case 3:  // CLEAR ACA: no ACA is ever established
                response = 0;
                break;
            case 5:  // LOGICAL UNIT RESET
            {
                LogicalUnit? unit = _target.Unit(lun);
                if (unit == null)
                {
                    response = 2;  // LUN does not exist
                    break;
                }
                await unit.ResetAsync(ct).ConfigureAwait(false);
                _target.Say("session " + Number + ": LUN " + lun + " reset");
                response = 0;
                break;
            }
            case 6:  // TARGET WARM RESET
            case 7:  // TARGET COLD RESET
                await _target.ResetAllAsync(ct).ConfigureAwait(false);
                response = 0;
                break;
            default:
                response = 5;  // not supported
                break;
        }
        var p = ProtocolData.Create(Opcode.TaskManagementResponse);
        p.TaskTag = pdu.TaskTag;
        p.Header[2] = (byte)response;
        await SendStatusAsync(p, ct).ConfigureAwait(false);
        return function != 7;  // a cold reset drops the connections
    }
}
