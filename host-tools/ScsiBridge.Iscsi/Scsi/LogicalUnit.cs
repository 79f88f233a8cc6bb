namespace ScsiBridge.Iscsi.Scsi;

/// <summary>
/// One LUN of the gateway: speaks SPC-3/SBC-3 to modern initiators and SCSI-1/2 to the device
/// below it (<see cref="IScsiDevice"/>). It answers what a SCSI-2 unit cannot (REPORT LUNS is the
/// target's; INQUIRY as SPC-3 with vital product data, READ CAPACITY(16), the 12- and 16-byte
/// reads, writes and verifies, REPORT SUPPORTED OPERATION CODES), turns those into the commands
/// the device has (READ(10), or READ(6) for drives without it), keeps the medium read-only unless
/// writes were allowed, and passes the rest to the device. This file: opening, dispatch and the
/// commands passed through; the other parts: blocks, identity, and the composite SBC-3 commands.
/// </summary>
internal sealed partial class LogicalUnit : IAsyncDisposable
{
    private readonly IScsiDevice _device;
    private readonly ReadCache? _cache;
    private readonly object _statsLock = new object();
    private long _blocks;           // in the initiator's blocks
    private int _nativeLength;      // the device's block length
    private int _ratio = 1;         // device blocks per initiator block (2 for 256-byte drives)

    private LogicalUnit(IScsiDevice device, int lun, bool writable, ReadCache? cache)
    {
        _device = device;
        Lun = lun;
        Writable = writable;
        _cache = cache;
    }

    public int Lun { get; }

    public bool Writable { get; }

    public IScsiDevice Device => _device;

    public string Description => _device.Description;

    /// <summary>Bytes read for initiators so far, and failed commands (for the terminal).</summary>
    public long BytesRead { get; private set; }

    public long BytesWritten { get; private set; }

    public long Errors { get; private set; }

    public long CacheHits => _cache?.Hits ?? 0;

    public long BlockCount => Interlocked.Read(ref _blocks);

    public int BlockLength => _nativeLength * _ratio;

    /// <summary>The device has no READ(10)/WRITE(10) (a SCSI-1 drive): 6-byte commands are used.</summary>
    public bool UsesSixByteCommands { get; private set; }

    /// <summary>Said when a command fails on the device (a medium error, the bridge timing out).</summary>
    public event Action<LogicalUnit, string>? DeviceError;

    /// <summary>
    /// Reads the device's identity and capacity and finds which read command it has. A unit
    /// without a medium opens too (it reports NOT READY until one is loaded).
    /// </summary>
    public static async Task<LogicalUnit> OpenAsync(IScsiDevice device, int lun, bool writable, long cacheBytes, CancellationToken ct)
    {
        var cache = cacheBytes > 0 ? new ReadCache(64 * 1024, cacheBytes) : null;
        var unit = new LogicalUnit(device, lun, writable, cache);
        await unit.IdentifyAsync(ct).ConfigureAwait(false);
        return unit;
    }

    public ValueTask DisposeAsync() => _device.DisposeAsync();

    /// <summary>Runs one command of an initiator; the task holds the answer afterwards.</summary>
    public async Task ExecuteAsync(ScsiTask task, CancellationToken ct)
    {
        try
        {
            await DispatchAsync(task, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            task.Fail(Sense.HardwareError, Sense.InternalTargetFailure);
            Report("command " + task.Cdb[0].ToString("X2") + "h failed inside the gateway: " + e.Message);
        }
        if (task.Status == 0x02 && task.Sense != null)
        {
            int key = Sense.KeyOf(task.Sense);
            if (key == Sense.MediumError || key == Sense.HardwareError || key == Sense.AbortedCommand) Count(errors: 1);
        }
    }

    public Task ResetAsync(CancellationToken ct)
    {
        _cache?.Clear();
        ReleaseAll();
        return _device.ResetAsync(ct);
    }

    private async Task DispatchAsync(ScsiTask task, CancellationToken ct)
    {
        byte[] cdb = task.Cdb;
        if (ControlByteHasLink(cdb))
        {
            task.FailField(Cdb.LengthOf(cdb[0]) - 1);
            return;
        }
        if (!CheckReservations(task)) return;
        switch (cdb[0])
        {
            case 0x00: await PassAsync(task, cdb, 0, ct).ConfigureAwait(false); return;                 // TEST UNIT READY
            case 0x03: RequestSense(task); return;
            case 0x12: Inquiry(task); return;
            case 0x25: await ReadCapacity10Async(task, ct).ConfigureAwait(false); return;
            case 0x9E: await ServiceActionIn16Async(task, ct).ConfigureAwait(false); return;
            case 0x08: await ReadAsync(task, ((cdb[1] & 0x1F) << 16) | Cdb.U16(cdb, 2), cdb[4] == 0 ? 256 : cdb[4], ct).ConfigureAwait(false); return;
            case 0x28: if (CheckProtect(task)) await ReadAsync(task, Cdb.U32(cdb, 2), Cdb.U16(cdb, 7), ct).ConfigureAwait(false); return;
            case 0xA8: if (CheckProtect(task)) await ReadAsync(task, Cdb.U32(cdb, 2), Cdb.U32(cdb, 6), ct).ConfigureAwait(false); return;
            case 0x88: if (CheckProtect(task)) await ReadAsync(task, Cdb.U64(cdb, 2), Cdb.U32(cdb, 10), ct).ConfigureAwait(false); return;
            case 0x0A: await WriteAsync(task, ((cdb[1] & 0x1F) << 16) | Cdb.U16(cdb, 2), cdb[4] == 0 ? 256 : cdb[4], ct).ConfigureAwait(false); return;
            case 0x2A:
            case 0x2E: if (CheckProtect(task)) await WriteAsync(task, Cdb.U32(cdb, 2), Cdb.U16(cdb, 7), ct).ConfigureAwait(false); return;
            case 0xAA:
            case 0xAE: if (CheckProtect(task)) await WriteAsync(task, Cdb.U32(cdb, 2), Cdb.U32(cdb, 6), ct).ConfigureAwait(false); return;
            case 0x8A:
            case 0x8E: if (CheckProtect(task)) await WriteAsync(task, Cdb.U64(cdb, 2), Cdb.U32(cdb, 10), ct).ConfigureAwait(false); return;
            case 0x2F: if (CheckProtect(task)) await VerifyAsync(task, Cdb.U32(cdb, 2), Cdb.U16(cdb, 7), ct).ConfigureAwait(false); return;
            case 0xAF: if (CheckProtect(task)) await VerifyAsync(task, Cdb.U32(cdb, 2), Cdb.U32(cdb, 6), ct).ConfigureAwait(false); return;
            case 0x8F: if (CheckProtect(task)) await VerifyAsync(task, Cdb.U64(cdb, 2), Cdb.U32(cdb, 10), ct).ConfigureAwait(false); return;
            case 0x41: if (CheckProtect(task)) await WriteSameAsync(task, Cdb.U32(cdb, 2), Cdb.U16(cdb, 7), ct).ConfigureAwait(false); return;
            case 0x93: if (CheckProtect(task)) await WriteSameAsync(task, Cdb.U64(cdb, 2), Cdb.U32(cdb, 10), ct).ConfigureAwait(false); return;
            case 0x8B: if (CheckProtect(task)) await OrWriteAsync(task, Cdb.U64(cdb, 2), Cdb.U32(cdb, 10), ct).ConfigureAwait(false); return;
            case 0x34: await PrefetchAsync(task, Cdb.U32(cdb, 2), Cdb.U16(cdb, 7), ct).ConfigureAwait(false); return;
            case 0x90: await PrefetchAsync(task, Cdb.U64(cdb, 2), Cdb.U32(cdb, 10), ct).ConfigureAwait(false); return;
            case 0x35: await SynchronizeCacheAsync(task, Cdb.U32(cdb, 2), Cdb.U16(cdb, 7), ct).ConfigureAwait(false); return;
            case 0x91: await SynchronizeCacheAsync(task, Cdb.U64(cdb, 2), Cdb.U32(cdb, 10), ct).ConfigureAwait(false); return;
            case 0x1A: await ModeSenseAsync(task, false, ct).ConfigureAwait(false); return;
            case 0x5A: await ModeSenseAsync(task, true, ct).ConfigureAwait(false); return;
            case 0x15:
            case 0x55:
            case 0x04:                                                                                    // MODE SELECT, FORMAT UNIT
                if (!Writable) { task.Fail(Sense.DataProtect, Sense.WriteProtected); return; }
                await PassDataOutAsync(task, ct).ConfigureAwait(false);
                return;
            case 0x1B: await StartStopAsync(task, ct).ConfigureAwait(false); return;
            case 0x1E: await PassAsync(task, cdb, 0, ct).ConfigureAwait(false); return;                 // PREVENT ALLOW MEDIUM REMOVAL
            case 0x16: Reserve(task); return;
            case 0x17: Release(task); return;
            case 0x2B:
            case 0x01: await PassAsync(task, cdb, 0, ct).ConfigureAwait(false); return;                 // SEEK(10), REZERO UNIT
            case 0x1D: await PassDataOutAsync(task, ct).ConfigureAwait(false); return;                   // SEND DIAGNOSTIC
            case 0xA3: ReportSupportedOperationCodes(task); return;
            case 0x5E: PersistentReserveIn(task); return;
            case 0x5F: PersistentReserveOut(task); return;
            default:
                task.Fail(Sense.IllegalRequest, Sense.InvalidCommandOperationCode);
                return;
        }
    }

    /// <summary>A command the device answers as it is; dataIn is its allocation length.</summary>
    private async Task PassAsync(ScsiTask task, byte[] cdb, int dataIn, CancellationToken ct)
    {
        byte[] data = dataIn > 0 ? new byte[dataIn] : Array.Empty<byte>();
        DeviceResult r = await _device.ExecuteAsync(cdb, task.Initiator, ReadOnlyMemory<byte>.Empty, data, ct).ConfigureAwait(false);
        if (!Answer(task, r)) return;
        task.SetDataIn(data, r.Count);
    }

    private async Task PassDataOutAsync(ScsiTask task, CancellationToken ct)
    {
        task.DataOutWanted = task.DataOutLength;
        DeviceResult r = await _device.ExecuteAsync(task.Cdb, task.Initiator, task.DataOut.AsMemory(0, task.DataOutLength), Memory<byte>.Empty, ct).ConfigureAwait(false);
        Answer(task, r);
    }

    /// <summary>Copies a failed device answer into the task (and tells the terminal); true when GOOD.</summary>
    private bool Answer(ScsiTask task, DeviceResult r)
    {
        if (r.IsGood) return true;
        if (r.Status == 0x02 && r.Sense != null)
        {
            task.Fail(r.Sense);
            int key = Sense.KeyOf(r.Sense);
            if (key != Sense.UnitAttention && key != Sense.IllegalRequest && key != Sense.NotReady)
            {
                Report("command " + task.Cdb[0].ToString("X2") + "h: " + Sense.Describe(r.Sense) + (r.Sense[0] >= 0x80 ? " at block " + Cdb.U32(r.Sense, 3) : "")
                       + (_device is BridgeDevice b && b.LastLinkError != null && key == Sense.AbortedCommand ? " (" + b.LastLinkError + ")" : ""));
            }
            if (key == Sense.UnitAttention) _cache?.Clear();
        }
        else
        {
            task.SetStatus(r.Status);
        }
        return false;
    }

    private void RequestSense(ScsiTask task)
    {
        // Sense travels with every CHECK CONDITION in iSCSI (autosense); nothing is ever pending.
        if ((task.Cdb[1] & 0x01) != 0)
        {
            task.FailField(1);  // descriptor format sense is not offered
            return;
        }
        byte[] s = Sense.Build(Sense.NoSense, 0);
        task.SetDataIn(s, Math.Min(s.Length, task.Cdb[4]));
    }

    private async Task StartStopAsync(ScsiTask task, CancellationToken ct)
    {
        byte[] cdb = task.Cdb;
        if ((cdb[4] & 0xF0) != 0)
        {
            // A power condition: nothing to do for an image, and a vintage drive has none.
            return;
        }
        if ((cdb[4] & 0x02) != 0 && (cdb[4] & 0x01) == 0 && !Writable && _device is BridgeDevice)
        {
            task.Fail(Sense.IllegalRequest, 0x5302);  // MEDIUM REMOVAL PREVENTED: the gateway does not eject a drive's medium unless writes are allowed
            return;
        }
        byte[] six = { 0x1B, (byte)(cdb[1] & 0x01), 0, 0, (byte)(cdb[4] & 0x03), 0 };
        await PassAsync(task, six, 0, ct).ConfigureAwait(false);
        if (task.IsGood) await RefreshCapacityAsync(task.Initiator, ct).ConfigureAwait(false);
    }

    private async Task ModeSenseAsync(ScsiTask task, bool ten, CancellationToken ct)
    {
        byte[] cdb = (byte[])task.Cdb.Clone();
        int subpage = cdb[3];
        if (subpage != 0 && !(subpage == 0xFF && (cdb[2] & 0x3F) == 0x3F))
        {
            task.FailField(3);
            return;
        }
        cdb[3] = 0;
        if (ten) cdb[1] &= 0x08;  // LLBAA is not ours to ask a SCSI-2 device for
        int allocation = ten ? Cdb.U16(cdb, 7) : cdb[4];
        if (allocation == 0) return;
        // Ask for the whole answer, so that the header's lengths are the device's own.
        int full = ten ? 4096 : 255;
        if (ten) Cdb.Put16(cdb, 7, full);
        else cdb[4] = (byte)full;
        byte[] data = new byte[full];
        DeviceResult r = await _device.ExecuteAsync(cdb, task.Initiator, ReadOnlyMemory<byte>.Empty, data, ct).ConfigureAwait(false);
        if (!Answer(task, r)) return;
        int n = r.Count;
        // The device-specific parameter (SBC-3 6.3.1): WP when read-only; DPOFUA, because the
        // gateway passes DPO and FUA on to the device's 10-byte READ and WRITE (SCSI-2 has both).
        int specific = ten ? 3 : 2;
        if (n > specific) data[specific] = (byte)((data[specific] & 0x6F) | 0x10 | (Writable ? 0x00 : 0x80));
        task.SetDataIn(data, Math.Min(n, allocation));
    }


    /// <summary>The Link bit of the control byte asks for linked commands, which no one has.</summary>
    private static bool ControlByteHasLink(byte[] cdb)
    {
        int length = Cdb.LengthOf(cdb[0]);
        return length > 0 && (cdb[length - 1] & 0x01) != 0;
    }

    /// <summary>RDPROTECT/WRPROTECT/VRPROTECT (byte 1, bits 5-7): this unit has no protection information.</summary>
    private static bool CheckProtect(ScsiTask task)
    {
        if ((task.Cdb[1] & 0xE0) == 0) return true;
        task.FailField(1);
        return false;
    }

    private void Count(long read = 0, long written = 0, long errors = 0)
    {
        lock (_statsLock)
        {
            BytesRead += read;
            BytesWritten += written;
            Errors += errors;
        }
    }

    private void Report(string message) => DeviceError?.Invoke(this, message);
}
