using ScsiBridge.Client.Api;

namespace ScsiBridge.Iscsi.Scsi;

/// <summary>
/// A drive on the SCSI bus, reached through the bridge (or its simulator): each command is a
/// TMIOCMD with automatic sense. A failure of the bridge or the bus, which has no SCSI status,
/// becomes the sense an initiator understands (a communication failure or time-out), so that
/// the initiator retries or gives up instead of hanging.
/// </summary>
internal sealed class BridgeDevice : IScsiDevice
{
    private const int EtimedOut = 110;
    private const int ECanceled = 125;

    private readonly BridgeClient _client;
    private readonly int _id;
    private readonly int _lun;

    public BridgeDevice(BridgeClient client, int id, int lun, int maxTransfer, int window)
    {
        _client = client;
        _id = id;
        _lun = lun;
        MaxTransfer = Math.Max(512, maxTransfer);
        Parallelism = Math.Clamp(window, 1, 8);
        Description = "ID " + id + " LUN " + lun + " on " + client.PortName;
    }

    public string Description { get; }

    public int MaxTransfer { get; }

    public int Parallelism { get; }

    /// <summary>Why the last command failed without SCSI status (for the terminal).</summary>
    public string? LastLinkError { get; private set; }

    public async Task<DeviceResult> ExecuteAsync(byte[] cdb, int initiator, ReadOnlyMemory<byte> dataOut, Memory<byte> dataIn, CancellationToken ct)
    {
        ScsiResult r;
        try
        {
            r = dataOut.Length > 0
                ? await _client.ExecuteWriteAsync(_id, _lun, cdb, dataOut, null, true, ct).ConfigureAwait(false)
                : await _client.ExecuteAsync(_id, _lun, cdb, dataIn.Length, null, true, ct).ConfigureAwait(false);
        }
        catch (BridgeException e)
        {
            LastLinkError = e.Message;
            return new DeviceResult(0x02, 0, Sense.Build(Sense.AbortedCommand, Sense.CommunicationFailure));
        }
        if (!r.HasScsiStatus)
        {
            LastLinkError = "the bridge: " + ErrnoText.Name(r.Errno) + ": " + ErrnoText.Describe(r.Errno);
            int code = r.Errno == EtimedOut ? Sense.CommunicationTimeout : r.Errno == ECanceled ? 0 : Sense.CommunicationFailure;
            return new DeviceResult(0x02, 0, Sense.Build(Sense.AbortedCommand, code));
        }
        int count = Math.Min(r.Data.Length, dataIn.Length);
        r.Data.AsSpan(0, count).CopyTo(dataIn.Span);
        if (r.Status == 0) return new DeviceResult(0, count, null);
        if (r.Status != 0x02) return new DeviceResult(r.Status, count, null);
        SenseData? s = r.Sense;
        byte[] sense = s == null
            ? Sense.Build(Sense.HardwareError, Sense.InternalTargetFailure)  // SCSI-1 non-extended sense, or none at all
            : Sense.Build(s.Key, (s.Asc << 8) | s.Ascq, s.Information);
        return new DeviceResult(0x02, count, sense);
    }

    public async Task ResetAsync(CancellationToken ct)
    {
        try
        {
            await _client.ResetDeviceAsync(_id, _lun, ct).ConfigureAwait(false);
        }
        catch (BridgeException e)
        {
            LastLinkError = e.Message;
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;  // the client belongs to whoever opened the bridge
}
