namespace ScsiBridge.Iscsi.Scsi;

/// <summary>
/// SBC-3 commands a SCSI-2 device has no counterpart for, made of the ones it has: WRITE SAME
/// and ORWRITE as reads and writes, PRE-FETCH as a read into the cache, and the list of what
/// the unit supports (REPORT SUPPORTED OPERATION CODES).
/// </summary>
internal sealed partial class LogicalUnit
{
    private async Task WriteSameAsync(ScsiTask task, long lba, long count, CancellationToken ct)
    {
        byte[] cdb = task.Cdb;
        bool noDataOut = cdb[0] == 0x93 && (cdb[1] & 0x01) != 0;  // NDOB: a block of zeros
        if ((cdb[1] & 0x1E) != 0)
        {
            task.FailField(1);  // UNMAP, ANCHOR: the units are fully provisioned; LBDATA, PBDATA: obsolete
            return;
        }
        if (!Writable)
        {
            task.Fail(Sense.DataProtect, Sense.WriteProtected);
            return;
        }
        if (!await CheckRangeAsync(task, lba, count, ct).ConfigureAwait(false)) return;
        if (count == 0) count = BlockCount - lba;  // zero: to the last block (SBC-3 5.42)
        if (count > MaxCommandBytes / BlockLength)
        {
            task.FailField(cdb[0] == 0x93 ? 10 : 7);  // beyond the MAXIMUM WRITE SAME LENGTH of the block limits page
            return;
        }
        int bl = BlockLength;
        task.DataOutWanted = noDataOut ? 0 : bl;
        if (!noDataOut && task.DataOutLength < bl)
        {
            task.Fail(Sense.IllegalRequest, Sense.InvalidFieldInCdb);
            return;
        }
        int per = (int)Math.Min(count, Math.Max(1, (1 << 20) / bl));
        byte[] pattern = new byte[per * bl];
        if (!noDataOut)
        {
            for (int i = 0; i < per; i++) Array.Copy(task.DataOut, 0, pattern, i * bl, bl);
        }
        for (long done = 0; done < count; done += per)
        {
            int n = (int)Math.Min(per, count - done);
            DeviceResult r = await WriteDeviceAsync(task.Initiator, (lba + done) * _ratio, (long)n * _ratio, pattern.AsMemory(0, n * bl), ct).ConfigureAwait(false);
            if (!Answer(task, ScaleInformation(r))) return;
        }
        Count(written: count * bl);
    }

    private async Task OrWriteAsync(ScsiTask task, long lba, long count, CancellationToken ct)
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
            task.FailField(10);
            return;
        }
        task.DataOutWanted = (int)bytes;
        if (task.DataOutLength < bytes)
        {
            task.Fail(Sense.IllegalRequest, Sense.InvalidFieldInCdb);
            return;
        }
        byte[] data = new byte[bytes];
        DeviceResult r = await DirectReadAsync(task.Initiator, lba * _ratio, count * _ratio, data, ct).ConfigureAwait(false);
        if (!Answer(task, ScaleInformation(r))) return;
        for (int i = 0; i < data.Length; i++) data[i] |= task.DataOut[i];
        r = await WriteDeviceAsync(task.Initiator, lba * _ratio, count * _ratio, data, ct).ConfigureAwait(false);
        if (!Answer(task, ScaleInformation(r))) return;
        Count(written: bytes);
    }

    private async Task PrefetchAsync(ScsiTask task, long lba, long count, CancellationToken ct)
    {
        if (!await CheckRangeAsync(task, lba, count, ct).ConfigureAwait(false)) return;
        if (_cache == null || count == 0) return;
        long bytes = Math.Min(count * BlockLength, 4L << 20);
        byte[] data = new byte[bytes];
        await ReadDeviceAsync(task.Initiator, lba * _ratio, bytes / _nativeLength, data, ct).ConfigureAwait(false);
    }

    /// <summary>(opcode, service action or -1, CDB length) of every command the unit answers.</summary>
    private static readonly (byte Op, int Action, int Length)[] Supported =
    {
        (0x00, -1, 6), (0x01, -1, 6), (0x03, -1, 6), (0x04, -1, 6), (0x08, -1, 6), (0x0A, -1, 6), (0x12, -1, 6),
        (0x15, -1, 6), (0x16, -1, 6), (0x17, -1, 6), (0x1A, -1, 6), (0x1B, -1, 6), (0x1D, -1, 6), (0x1E, -1, 6),
        (0x25, -1, 10), (0x28, -1, 10), (0x2A, -1, 10), (0x2B, -1, 10), (0x2E, -1, 10), (0x2F, -1, 10),
        (0x34, -1, 10), (0x35, -1, 10), (0x41, -1, 10), (0x55, -1, 10), (0x5A, -1, 10),
        (0x5E, 0x00, 10), (0x5E, 0x01, 10), (0x5E, 0x02, 10), (0x5E, 0x03, 10),
        (0x5F, 0x00, 10), (0x5F, 0x01, 10), (0x5F, 0x02, 10), (0x5F, 0x03, 10), (0x5F, 0x04, 10), (0x5F, 0x05, 10), (0x5F, 0x06, 10),
        (0x88, -1, 16), (0x8A, -1, 16), (0x8B, -1, 16), (0x8E, -1, 16), (0x8F, -1, 16), (0x90, -1, 16), (0x91, -1, 16), (0x93, -1, 16),
        (0x9E, 0x10, 16), (0x9E, 0x12, 16), (0xA0, -1, 12), (0xA3, 0x0C, 12),
        (0xA8, -1, 12), (0xAA, -1, 12), (0xAE, -1, 12), (0xAF, -1, 12),
    };

    private void ReportSupportedOperationCodes(ScsiTask task)
    {
        byte[] cdb = task.Cdb;
        if ((cdb[1] & 0x1F) != 0x0C)
        {
            task.FailField(1);
            return;
        }
        bool timeouts = (cdb[2] & 0x80) != 0;
        int options = cdb[2] & 0x07;
        long allocation = Cdb.U32(cdb, 6);
        byte[] data;
        if (options == 0)
        {
            int each = timeouts ? 20 : 8;
            data = new byte[4 + Supported.Length * each];
            Cdb.Put32(data, 0, data.Length - 4);
            int p = 4;
            foreach (var (op, action, length) in Supported)
            {
                data[p] = op;
                if (action >= 0) Cdb.Put16(data, p + 2, action);
                data[p + 5] = (byte)((action >= 0 ? 0x01 : 0x00) | (timeouts ? 0x02 : 0x00));
                Cdb.Put16(data, p + 6, length);
                if (timeouts) Cdb.Put16(data, p + 8, 0x0A);
                p += each;
            }
        }
        else if (options == 1 || options == 2)
        {
            byte op = cdb[3];
            int action = Cdb.U16(cdb, 4);
            bool hasActions = Supported.Any(s => s.Op == op && s.Action >= 0);
            if ((options == 1 && hasActions) || (options == 2 && !hasActions && Supported.Any(s => s.Op == op)))
            {
                task.FailField(2);
                return;
            }
            var found = Supported.FirstOrDefault(s => s.Op == op && (options == 1 || s.Action == action));
            bool supported = found.Length != 0;
            int length = supported ? found.Length : 0;
            data = new byte[4 + length + (timeouts ? 12 : 0)];
            data[1] = (byte)((supported ? 0x03 : 0x01) | (timeouts ? 0x80 : 0x00));
            Cdb.Put16(data, 2, length);
            if (supported)
            {
                data[4] = op;
                for (int i = 1; i < length; i++) data[4 + i] = 0xFF;
                if (found.Action >= 0) data[5] = 0x1F;
                data[4 + length - 1] = 0x00;  // control byte: no NACA, no link
            }
            if (timeouts) Cdb.Put16(data, 4 + length, 0x0A);
        }
        else
        {
            task.FailField(2);
            return;
        }
        task.SetDataIn(data, (int)Math.Min(data.Length, allocation));
    }
}
