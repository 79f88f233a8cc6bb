using ScsiBridge.Iscsi.Pdu;
using ScsiBridge.Iscsi.Scsi;

namespace ScsiBridge.Iscsi.Target;

/// <summary>
/// SCSI commands in full feature phase: the data out a write brings (immediate data, unsolicited
/// Data-Out, then R2T bursts), the unit's answer as Data-In PDUs with the status in the last one,
/// or a SCSI Response with sense, and the residuals when the initiator's expected length and
/// the CDB's disagree.
/// </summary>
internal sealed partial class IscsiConnection
{
    /// <summary>The most data out a command may bring (the units refuse longer transfers anyway).</summary>
    private const int MaxDataOut = LogicalUnit.MaxCommandBytes;

    private async Task<bool> ScsiCommandAsync(ProtocolData pdu, CancellationToken ct)
    {
        if (!Admit(pdu)) return true;
        bool read = (pdu.Flags & 0x40) != 0;
        bool write = (pdu.Flags & 0x20) != 0;
        bool final = (pdu.Flags & 0x80) != 0;
        int expected = (int)Math.Min(pdu.U32(20), int.MaxValue);
        byte opcode = pdu.Header[32];
        int cdbLength = Cdb.LengthOf(opcode);
        if (cdbLength == 0 || pdu.TotalAhsLength > 0)
        {
            // Vendor-group opcodes and extended CDBs: no unit here has them.
            await SendAnswerAsync(pdu, Fail(Sense.IllegalRequest, Sense.InvalidCommandOperationCode), false, ct).ConfigureAwait(false);
            return true;  // Data-Out that follows for this task is dropped where it arrives (HandleAsync)
        }
        byte[] cdb = new byte[cdbLength];
        Array.Copy(pdu.Header, 32, cdb, 0, cdbLength);
        int lun = ProtocolData.DecodeLun(pdu.Lun);
        var task = new ScsiTask(cdb, lun, InitiatorSlot < 0 ? 0 : InitiatorSlot, expected, InitiatorName + ",i,0x" + Convert.ToHexString(Isid));

        if (pdu.DataLength > 0 && (!write || !_parameters.ImmediateData || pdu.DataLength > expected || pdu.DataLength > _parameters.FirstBurstLength))
        {
            await RejectAsync(pdu, RejectReason.ProtocolError, ct).ConfigureAwait(false);
            return false;
        }
        if (write)
        {
            if (expected > MaxDataOut)
            {
                await SendAnswerAsync(pdu, Fail(Sense.IllegalRequest, Sense.InvalidFieldInCdb), false, ct).ConfigureAwait(false);
                return true;
            }
            byte[] data = new byte[expected];
            if (!await CollectDataOutAsync(pdu, data, final, ct).ConfigureAwait(false)) return false;
            task.DataOut = data;
            task.DataOutLength = expected;
        }

        if (cdb[0] == 0xA0)
        {
            _target.ReportLuns(task);
        }
        else
        {
            LogicalUnit? unit = _target.Unit(lun);
            if (unit == null) NoUnit(task);
            else await unit.ExecuteAsync(task, ct).ConfigureAwait(false);
        }
        await SendAnswerAsync(pdu, task, read, ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>What a LUN without a unit answers (SPC-3 4.4.3): INQUIRY with peripheral qualifier 3, the rest refused.</summary>
    private static void NoUnit(ScsiTask task)
    {
        byte[] cdb = task.Cdb;
        if (cdb[0] == 0x12 && (cdb[1] & 0x01) == 0)
        {
            byte[] d = new byte[36];
            d[0] = 0x7F;
            d[2] = 0x05;
            d[3] = 0x02;
            d[4] = 31;
            task.SetDataIn(d, Math.Min(36, Cdb.U16(cdb, 3)));
            return;
        }
        if (cdb[0] == 0x03)
        {
            byte[] s = Sense.Build(Sense.IllegalRequest, Sense.LogicalUnitNotSupported);
            task.SetDataIn(s, Math.Min(s.Length, cdb[4]));
            return;
        }
        task.Fail(Sense.IllegalRequest, Sense.LogicalUnitNotSupported);
    }

    private static ScsiTask Fail(int key, int code)
    {
        var t = new ScsiTask(new byte[6], 0, 0, 0);
        t.Fail(key, code);
        return t;
    }

    /// <summary>
    /// Gathers a write's data: immediate data, unsolicited Data-Out up to FirstBurstLength, then
    /// one R2T per burst. PDUs of other tasks that arrive meanwhile wait their turn. False when
    /// the initiator broke the protocol (the connection closes).
    /// </summary>
    private async Task<bool> CollectDataOutAsync(ProtocolData command, byte[] data, bool final, CancellationToken ct)
    {
        int expected = data.Length;
        uint tag = command.TaskTag;
        int received = command.DataLength;
        if (received > 0) Array.Copy(command.Data, data, received);
        bool unsolicited = !final && !_parameters.InitialR2T;
        if (!final && _parameters.InitialR2T)
        {
            await RejectAsync(command, RejectReason.ProtocolError, ct).ConfigureAwait(false);
            return false;
        }
        int unsolicitedLimit = Math.Min(expected, _parameters.FirstBurstLength);
        if (unsolicited)
        {
            if (!await ReceiveBurstAsync(tag, ProtocolData.Reserved, data, received, unsolicitedLimit, ct).ConfigureAwait(false)) return false;
            received = unsolicitedLimit;
        }
        uint r2tSn = 0;
        while (received < expected)
        {
            int length = Math.Min(_parameters.MaxBurstLength, expected - received);
            uint ttt = _nextTargetTag++;
            if (ttt == ProtocolData.Reserved) ttt = _nextTargetTag++;
            var r2t = ProtocolData.Create(Opcode.ReadyToTransfer);
            r2t.Lun = command.Lun;
            r2t.TaskTag = tag;
            r2t.SetU32(20, ttt);
            r2t.SetU32(24, _statSn);
            FillSequence(r2t);
            r2t.SetU32(36, r2tSn++);
            r2t.SetU32(40, (uint)received);
            r2t.SetU32(44, (uint)length);
            await _channel.WriteAsync(r2t, ct).ConfigureAwait(false);
            if (!await ReceiveBurstAsync(tag, ttt, data, received, received + length, ct).ConfigureAwait(false)) return false;
            received += length;
        }
        return true;
    }

    /// <summary>Data-Out PDUs of one burst, in order, from offset to end; the last has F set.</summary>
    private async Task<bool> ReceiveBurstAsync(uint tag, uint ttt, byte[] data, int offset, int end, CancellationToken ct)
    {
        int at = offset;
        for (int guard = 0; guard < 1 << 20; guard++)
        {
            ProtocolData? p = await _channel.ReadAsync(ct).ConfigureAwait(false);
            if (p == null) return false;
            if (p.Opcode != Opcode.DataOut || p.TaskTag != tag)
            {
                if (p.Opcode == Opcode.DataOut || _deferred.Count >= MaxDeferred)
                {
                    await RejectAsync(p, RejectReason.ProtocolError, ct).ConfigureAwait(false);
                    return false;
                }
                _deferred.Enqueue(p);  // another task's PDU: after this one
                continue;
            }
            int bufferOffset = (int)Math.Min(p.U32(40), int.MaxValue);
            if (p.U32(20) != ttt || bufferOffset != at || p.DataLength > end - at)
            {
                await RejectAsync(p, RejectReason.InvalidPduField, ct).ConfigureAwait(false);
                return false;
            }
            Array.Copy(p.Data, 0, data, at, p.DataLength);
            at += p.DataLength;
            if (p.Final)
            {
                if (at != end)
                {
                    await RejectAsync(p, RejectReason.ProtocolError, ct).ConfigureAwait(false);
                    return false;
                }
                return true;
            }
        }
        return false;
    }

    private async Task SendAnswerAsync(ProtocolData command, ScsiTask task, bool read, CancellationToken ct)
    {
        int expected = task.ExpectedLength;
        int wanted = read ? task.DataInLength : task.DataOutWanted;
        int send = read ? Math.Min(task.DataInLength, expected) : 0;
        byte residualFlags = 0;
        uint residual = 0;
        if (wanted > expected)
        {
            residualFlags = 0x04;  // O: overflow
            residual = (uint)(wanted - expected);
        }
        else if (wanted < expected)
        {
            residualFlags = 0x02;  // U: underflow
            residual = (uint)(expected - wanted);
        }

        uint dataSn = 0;
        int maxSegment = _parameters.InitiatorMaxRecvDataSegmentLength;
        bool statusInData = task.IsGood && send > 0;
        for (int offset = 0; offset < send; offset += maxSegment)
        {
            int n = Math.Min(maxSegment, send - offset);
            bool last = offset + n >= send;
            var p = ProtocolData.Create(Opcode.DataIn, false);
            p.Flags = (byte)(last ? 0x80 : 0x00);
            p.Lun = command.Lun;
            p.TaskTag = command.TaskTag;
            p.SetU32(20, ProtocolData.Reserved);
            p.SetU32(36, dataSn++);
            p.SetU32(40, (uint)offset);
            if (last && statusInData)
            {
                p.Flags |= (byte)(0x01 | residualFlags);  // S: the status rides in the last Data-In
                p.Header[3] = (byte)task.Status;
                p.SetU32(44, residual);
                p.SetData(task.DataIn, offset, n);
                await SendStatusAsync(p, ct).ConfigureAwait(false);
                return;
            }
            p.SetData(task.DataIn, offset, n);
            p.SetU32(24, _statSn);
            FillSequence(p);
            await _channel.WriteAsync(p, ct).ConfigureAwait(false);
        }

        var r = ProtocolData.Create(Opcode.ScsiResponse);
        r.Flags = (byte)(0x80 | residualFlags);
        r.Header[2] = 0x00;  // command completed at target
        r.Header[3] = (byte)task.Status;
        r.TaskTag = command.TaskTag;
        r.SetU32(36, dataSn);
        r.SetU32(44, residual);
        if (task.Sense != null)
        {
            byte[] segment = new byte[2 + task.Sense.Length];
            segment[0] = (byte)(task.Sense.Length >> 8);
            segment[1] = (byte)task.Sense.Length;
            task.Sense.CopyTo(segment, 2);
            r.SetData(segment, segment.Length);
        }
        await SendStatusAsync(r, ct).ConfigureAwait(false);
    }
}
