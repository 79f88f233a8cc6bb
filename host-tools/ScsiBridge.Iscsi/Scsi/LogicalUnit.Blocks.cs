namespace ScsiBridge.Iscsi.Scsi;

/// <summary>
/// The block commands: capacity, reads, writes and verifies of every CDB size, turned into the
/// device's READ(10)/WRITE(10) (or the 6-byte ones) in pieces it can take, several at once when
/// the device is the bridge (its window keeps the link busy), through the read cache when there
/// is one. A drive of 256-byte blocks is shown as 512-byte blocks, two of its own to each.
/// </summary>
internal sealed partial class LogicalUnit
{
    /// <summary>The most one command may transfer (larger transfers are refused, not split).</summary>
    public const int MaxCommandBytes = 32 << 20;

    private long NativeBlocks => BlockCount * _ratio;

    private async Task RefreshCapacityAsync(int initiator, CancellationToken ct)
    {
        byte[] data = new byte[8];
        DeviceResult r = await _device.ExecuteAsync(new byte[10] { 0x25, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, initiator, ReadOnlyMemory<byte>.Empty, data, ct).ConfigureAwait(false);
        if (r.IsGood && r.Count >= 8) TakeCapacity(data);
    }

    private void TakeCapacity(byte[] rc10)
    {
        long last = Cdb.U32(rc10, 0);
        int length = (int)Cdb.U32(rc10, 4);
        if (length <= 0 || length > 65536) return;
        if (_cache != null && length != _nativeLength) _cache.Clear();
        _nativeLength = length;
        _ratio = length < 512 && 512 % length == 0 ? 512 / length : 1;
        Interlocked.Exchange(ref _blocks, (last + 1) / _ratio);
    }

    private async Task ReadCapacity10Async(ScsiTask task, CancellationToken ct)
    {
        byte[] cdb = task.Cdb;
        if ((cdb[8] & 0x01) == 0 && Cdb.U32(cdb, 2) != 0)
        {
            task.FailField(2);
            return;
        }
        byte[] data = new byte[8];
        DeviceResult r = await _device.ExecuteAsync(new byte[10] { 0x25, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, task.Initiator, ReadOnlyMemory<byte>.Empty, data, ct).ConfigureAwait(false);
        if (!Answer(task, r)) return;
        TakeCapacity(data);
        long last = BlockCount - 1;
        Cdb.Put32(data, 0, last > 0xFFFFFFFFL ? 0xFFFFFFFFL : last);
        Cdb.Put32(data, 4, BlockLength);
        task.SetDataIn(data, 8);
    }

    private async Task ServiceActionIn16Async(ScsiTask task, CancellationToken ct)
    {
        byte[] cdb = task.Cdb;
        int action = cdb[1] & 0x1F;
        long allocation = Cdb.U32(cdb, 10);
        if (action == 0x10)
        {
            // READ CAPACITY(16), from the device's READ CAPACITY(10), so NOT READY and unit
            // attentions reach the initiator as the device raises them.
            if ((cdb[14] & 0x01) == 0 && Cdb.U64(cdb, 2) != 0)
            {
                task.FailField(2);
                return;
            }
            byte[] rc = new byte[8];
            DeviceResult r = await _device.ExecuteAsync(new byte[10] { 0x25, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, task.Initiator, ReadOnlyMemory<byte>.Empty, rc, ct).ConfigureAwait(false);
            if (!Answer(task, r)) return;
            TakeCapacity(rc);
            byte[] data = new byte[32];
            Cdb.Put64(data, 0, BlockCount - 1);
            Cdb.Put32(data, 8, BlockLength);
            task.SetDataIn(data, (int)Math.Min(32, allocation));
            return;
        }
        if (action == 0x12)
        {
            // GET LBA STATUS: every block is mapped (the units are fully provisioned).
            long lba = Cdb.U64(cdb, 2);
            if (BlockCount == 0) await RefreshCapacityAsync(task.Initiator, ct).ConfigureAwait(false);
            if (lba < 0 || lba >= BlockCount)
            {
                task.FailAt(Sense.IllegalRequest, Sense.LogicalBlockAddressOutOfRange, lba);
                return;
            }
            byte[] data = new byte[24];
            Cdb.Put32(data, 0, 20);
            Cdb.Put64(data, 8, lba);
            Cdb.Put32(data, 16, Math.Min(BlockCount - lba, 0xFFFFFFFFL));
            task.SetDataIn(data, (int)Math.Min(24, allocation));
            return;
        }
        task.FailField(1);
    }

    /// <summary>LOGICAL BLOCK ADDRESS OUT OF RANGE unless blocks lba to lba+count-1 exist; a
    /// unit without a medium answers as the device does (NOT READY).</summary>
    private async Task<bool> CheckRangeAsync(ScsiTask task, long lba, long count, CancellationToken ct)
    {
        if (BlockCount == 0)
        {
            await RefreshCapacityAsync(task.Initiator, ct).ConfigureAwait(false);
            if (BlockCount == 0)
            {
                await PassAsync(task, new byte[6], 0, ct).ConfigureAwait(false);  // TEST UNIT READY says why
                if (!task.IsGood) return false;
            }
        }
        long blocks = BlockCount;
        if (lba < 0 || count < 0 || lba > blocks || count > blocks - lba)
        {
            task.FailAt(Sense.IllegalRequest, Sense.LogicalBlockAddressOutOfRange, lba);
            return false;
        }
        return true;
    }

    private async Task ReadAsync(ScsiTask task, long lba, long count, CancellationToken ct)
    {
        if (!await CheckRangeAsync(task, lba, count, ct).ConfigureAwait(false) || count == 0) return;
        long bytes = count * BlockLength;
        if (bytes > MaxCommandBytes)
        {
            task.FailField(task.Cdb[0] == 0x88 ? 10 : task.Cdb[0] == 0xA8 ? 6 : 7);
            return;
        }
        byte[] data = new byte[bytes];
        bool cacheable = (task.Cdb[1] & 0x18) == 0;  // DPO or FUA: the medium, not the cache
        DeviceResult r = cacheable
            ? await ReadDeviceAsync(task.Initiator, lba * _ratio, count * _ratio, data, ct).ConfigureAwait(false)
            : await DirectReadAsync(task.Initiator, lba * _ratio, count * _ratio, data, ct, task.Cdb[1] & 0x18).ConfigureAwait(false);
        if (!Answer(task, ScaleInformation(r))) return;
        task.SetDataIn(data, (int)bytes);
        Count(read: bytes);
    }

    /// <summary>WRITE, and WRITE AND VERIFY: the device reports a block it could not write, which is
    /// all a SCSI-2 verify after writing would add.</summary>
    private async Task WriteAsync(ScsiTask task, long lba, long count, CancellationToken ct)
    {
        if (!Writable)
        {
            task.Fail(Sense.DataProtect, Sense.WriteProtected);
            return;
        }
        if (!await CheckRangeAsync(task, lba, count, ct).ConfigureAwait(false) || count == 0) return;
        long bytes = count * BlockLength;
        if (bytes > MaxCommandBytes)
        {
            task.FailField(task.Cdb[0] == 0x8A || task.Cdb[0] == 0x8E ? 10 : task.Cdb[0] == 0xAA || task.Cdb[0] == 0xAE ? 6 : 7);
            return;
        }
        task.DataOutWanted = (int)bytes;
        // An initiator that sent less than the CDB asks for (a shorter expected length) gets the
        // whole blocks it sent written, and an overflow residual for the rest (as tgt does).
        long whole = Math.Min(count, task.DataOutLength / BlockLength);
        if (whole == 0) return;
        bytes = whole * BlockLength;
        DeviceResult r = await WriteDeviceAsync(task.Initiator, lba * _ratio, whole * _ratio, task.DataOut.AsMemory(0, (int)bytes), ct, task.Cdb[1] & 0x18).ConfigureAwait(false);
        if (!Answer(task, ScaleInformation(r))) return;
        Count(written: bytes);
    }

    private async Task VerifyAsync(ScsiTask task, long lba, long count, CancellationToken ct)
    {
        int byteCheck = (task.Cdb[1] >> 1) & 0x03;
        if (byteCheck == 2)
        {
            task.FailField(1);
            return;
        }
        if (!await CheckRangeAsync(task, lba, count, ct).ConfigureAwait(false) || count == 0) return;
        long bytes = count * BlockLength;
        if (bytes > MaxCommandBytes)
        {
            task.FailField(task.Cdb[0] == 0x8F ? 10 : task.Cdb[0] == 0xAF ? 6 : 7);
            return;
        }
        long wanted = byteCheck == 0 ? 0 : byteCheck == 1 ? bytes : BlockLength;
        task.DataOutWanted = (int)wanted;
        if (task.DataOutLength < wanted)
        {
            task.Fail(Sense.IllegalRequest, Sense.InvalidFieldInCdb);
            return;
        }
        if (byteCheck == 0 && !UsesSixByteCommands && await DeviceVerifyAsync(task, lba * _ratio, count * _ratio, ct).ConfigureAwait(false)) return;
        // Without a device VERIFY the medium is read (not the cache: the question is whether the
        // blocks read now); a comparison takes the cache, which holds what the device returned
        // moments ago, unless DPO says the initiator does not want cached data.
        byte[] data = new byte[bytes];
        bool cached = byteCheck != 0 && (task.Cdb[1] & 0x10) == 0;
        DeviceResult r = cached
            ? await ReadDeviceAsync(task.Initiator, lba * _ratio, count * _ratio, data, ct).ConfigureAwait(false)
            : await DirectReadAsync(task.Initiator, lba * _ratio, count * _ratio, data, ct).ConfigureAwait(false);
        if (!Answer(task, ScaleInformation(r))) return;
        if (byteCheck == 0) return;
        int bl = BlockLength;
        for (long offset = 0; offset < bytes; offset += bl)
        {
            ReadOnlySpan<byte> expected = byteCheck == 1 ? task.DataOut.AsSpan((int)offset, bl) : task.DataOut.AsSpan(0, bl);
            ReadOnlySpan<byte> actual = data.AsSpan((int)offset, bl);
            if (!expected.SequenceEqual(actual))
            {
                int at = expected.CommonPrefixLength(actual);
                task.FailAt(Sense.Miscompare, Sense.MiscompareDuringVerify, (byteCheck == 1 ? offset : 0) + at);
                return;
            }
        }
    }

    /// <summary>
    /// VERIFY without data: the device's own VERIFY(10) checks the medium, and nothing crosses
    /// the link. False when the device has no VERIFY (the gateway then reads the blocks).
    /// </summary>
    private async Task<bool> DeviceVerifyAsync(ScsiTask task, long lba, long count, CancellationToken ct)
    {
        for (long done = 0; done < count; done += 0xFFFF)
        {
            int n = (int)Math.Min(0xFFFF, count - done);
            byte[] cdb = new byte[10];
            cdb[0] = 0x2F;
            Cdb.Put32(cdb, 2, lba + done);
            Cdb.Put16(cdb, 7, n);
            DeviceResult r = await _device.ExecuteAsync(cdb, task.Initiator, ReadOnlyMemory<byte>.Empty, Memory<byte>.Empty, ct).ConfigureAwait(false);
            if (done == 0 && r.Sense != null && Sense.KeyOf(r.Sense) == Sense.IllegalRequest && Sense.CodeOf(r.Sense) == Sense.InvalidCommandOperationCode) return false;
            if (!Answer(task, ScaleInformation(r))) return true;
        }
        return true;
    }

    private async Task SynchronizeCacheAsync(ScsiTask task, long lba, long count, CancellationToken ct)
    {
        if (!await CheckRangeAsync(task, lba, count, ct).ConfigureAwait(false)) return;
        byte[] cdb = new byte[10];
        cdb[0] = 0x35;
        DeviceResult r = await _device.ExecuteAsync(cdb, task.Initiator, ReadOnlyMemory<byte>.Empty, Memory<byte>.Empty, ct).ConfigureAwait(false);
        if (r.Status == 0x02 && r.Sense != null && Sense.KeyOf(r.Sense) == Sense.IllegalRequest) return;  // a drive without the command writes through
        Answer(task, r);
    }

    /// <summary>The device's failing LBA, in the initiator's blocks.</summary>
    private DeviceResult ScaleInformation(DeviceResult r)
    {
        if (_ratio == 1 || r.Sense == null || (r.Sense[0] & 0x80) == 0) return r;
        byte[] s = (byte[])r.Sense.Clone();
        Cdb.Put32(s, 3, Cdb.U32(s, 3) / _ratio);
        return r with { Sense = s };
    }

    // ---- the device's reads and writes ----

    private int MaxBlocksPerCommand
    {
        get
        {
            int n = Math.Max(1, _device.MaxTransfer / Math.Max(1, _nativeLength));
            return Math.Min(n, UsesSixByteCommands ? 256 : 65535);
        }
    }

    /// <summary>Native blocks lba.. into dest, through the cache when there is one.</summary>
    private async Task<DeviceResult> ReadDeviceAsync(int initiator, long lba, long count, Memory<byte> dest, CancellationToken ct)
    {
        if (_cache == null) return await DirectReadAsync(initiator, lba, count, dest, ct).ConfigureAwait(false);
        int nl = _nativeLength;
        long start = lba * nl, end = (lba + count) * nl;
        int chunk = _cache.ChunkBytes;
        long first = start / chunk, last = (end - 1) / chunk;
        var chunks = new byte[last - first + 1][];
        var missing = new List<long>();
        for (long i = first; i <= last; i++)
        {
            byte[]? c = _cache.Get(i);
            if (c == null) missing.Add(i);
            else chunks[i - first] = c;
        }
        if (missing.Count > 0)
        {
            long capacityBytes = NativeBlocks * nl;
            var fetched = await Task.WhenAll(missing.Select(async i =>
            {
                long from = i * chunk;
                int length = (int)Math.Min(chunk, capacityBytes - from);
                byte[] data = new byte[length];
                DeviceResult r = await DirectReadAsync(initiator, from / nl, length / nl, data, ct).ConfigureAwait(false);
                return (Index: i, Data: data, Result: r);
            })).ConfigureAwait(false);
            foreach (var f in fetched)
            {
                if (!f.Result.IsGood)
                {
                    // A chunk did not read whole: read exactly what was asked, so the failing block
                    // the sense names is the initiator's first unreadable one.
                    return await DirectReadAsync(initiator, lba, count, dest, ct).ConfigureAwait(false);
                }
            }
            foreach (var f in fetched)
            {
                _cache.Put(f.Index, f.Data);
                chunks[f.Index - first] = f.Data;
            }
        }
        for (long i = first; i <= last; i++)
        {
            long chunkStart = i * chunk;
            long from = Math.Max(start, chunkStart), to = Math.Min(end, chunkStart + chunk);
            chunks[i - first].AsSpan((int)(from - chunkStart), (int)(to - from)).CopyTo(dest.Span.Slice((int)(from - start)));
        }
        return new DeviceResult(0, (int)(end - start), null);
    }

    /// <summary>Native blocks lba.. from the device, in pieces, up to the device's parallelism at once.</summary>
    private async Task<DeviceResult> DirectReadAsync(int initiator, long lba, long count, Memory<byte> dest, CancellationToken ct, int dpoFua = 0)
    {
        int per = MaxBlocksPerCommand;
        int nl = _nativeLength;
        int pieces = (int)((count + per - 1) / per);
        var results = new DeviceResult[pieces];
        using var gate = new SemaphoreSlim(_device.Parallelism);
        var running = new Task[pieces];
        for (int p = 0; p < pieces; p++)
        {
            int piece = p;
            long at = lba + (long)piece * per;
            int n = (int)Math.Min(per, lba + count - at);
            await gate.WaitAsync(ct).ConfigureAwait(false);
            running[piece] = Task.Run(async () =>
            {
                try
                {
                    byte[] cdb = UsesSixByteCommands ? Cdb.Read6(at, n) : Cdb.Read10(at, n, dpoFua);
                    results[piece] = await _device.ExecuteAsync(cdb, initiator, ReadOnlyMemory<byte>.Empty, dest.Slice((int)((at - lba) * nl), n * nl), ct).ConfigureAwait(false);
                }
                finally
                {
                    gate.Release();
                }
            }, ct);
        }
        await Task.WhenAll(running).ConfigureAwait(false);
        foreach (DeviceResult r in results)
        {
            if (!r.IsGood) return r;
        }
        return new DeviceResult(0, (int)(count * nl), null);
    }

    /// <summary>Native blocks lba.. onto the device, in order, one piece after the other.</summary>
    private async Task<DeviceResult> WriteDeviceAsync(int initiator, long lba, long count, ReadOnlyMemory<byte> data, CancellationToken ct, int dpoFua = 0)
    {
        int per = MaxBlocksPerCommand;
        int nl = _nativeLength;
        _cache?.Invalidate(lba * nl, count * nl);
        for (long done = 0; done < count; done += per)
        {
            int n = (int)Math.Min(per, count - done);
            byte[] cdb = UsesSixByteCommands ? Cdb.Write6(lba + done, n) : Cdb.Write10(lba + done, n, dpoFua);
            DeviceResult r = await _device.ExecuteAsync(cdb, initiator, data.Slice((int)(done * nl), n * nl), Memory<byte>.Empty, ct).ConfigureAwait(false);
            if (!r.IsGood) return r;
        }
        return new DeviceResult(0, 0, null);
    }
}
