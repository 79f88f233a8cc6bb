namespace ScsiBridge.Iscsi.Pdu;

/// <summary>A PDU that cannot be read as one: the connection cannot find the next PDU's start.</summary>
internal sealed class PduFormatException : Exception
{
    public PduFormatException(string message)
        : base(message)
    {
    }
}

/// <summary>
/// Reads and writes whole PDUs on a connection's stream. Every length in a header is checked
/// against what was negotiated before a byte of the segment is read, so a hostile length costs
/// nothing; writes from several tasks (responses, an asynchronous logout request) never interleave.
/// </summary>
internal sealed class PduChannel
{
    /// <summary>Data segments longer than this are refused whatever was negotiated.</summary>
    public const int AbsoluteMaxData = 16 << 20;

    private readonly Stream _stream;
    private readonly SemaphoreSlim _writeLock = new SemaphoreSlim(1, 1);
    private readonly byte[] _pad = new byte[4];

    public PduChannel(Stream stream)
    {
        _stream = stream;
    }

    /// <summary>The longest data segment this end accepts (our MaxRecvDataSegmentLength).</summary>
    public int MaxReceiveData { get; set; } = 8192;

    /// <summary>The next PDU, or null when the peer closed the connection between PDUs.</summary>
    public async Task<ProtocolData?> ReadAsync(CancellationToken ct)
    {
        var p = new ProtocolData();
        if (!await FillAsync(p.Header, 0, ProtocolData.HeaderLength, true, ct)) return null;
        int ahs = p.TotalAhsLength;
        if (ahs > 0)
        {
            p.Ahs = new byte[ahs];
            await FillAsync(p.Ahs, 0, ahs, false, ct);
        }
        int length = p.DataSegmentLength;
        if (length > MaxReceiveData || length > AbsoluteMaxData)
        {
            throw new PduFormatException("a data segment of " + length + " bytes is longer than the " + MaxReceiveData + " this target accepts (MaxRecvDataSegmentLength)");
        }
        if (length > 0)
        {
            int padded = (length + 3) & ~3;
            byte[] data = new byte[padded];
            await FillAsync(data, 0, padded, false, ct);
            p.SetData(data, length);
        }
        return p;
    }

    public async Task WriteAsync(ProtocolData p, CancellationToken ct)
    {
        int length = p.DataLength;
        p.Header[4] = 0;
        p.Header[5] = (byte)(length >> 16);
        p.Header[6] = (byte)(length >> 8);
        p.Header[7] = (byte)length;
        await _writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await _stream.WriteAsync(p.Header, ct).ConfigureAwait(false);
            if (length > 0)
            {
                await _stream.WriteAsync(p.Data.AsMemory(p.DataOffset, length), ct).ConfigureAwait(false);
                int pad = (4 - (length & 3)) & 3;
                if (pad > 0) await _stream.WriteAsync(_pad.AsMemory(0, pad), ct).ConfigureAwait(false);
            }
            await _stream.FlushAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task<bool> FillAsync(byte[] buffer, int offset, int count, bool mayEnd, CancellationToken ct)
    {
        int done = 0;
        while (done < count)
        {
            int n = await _stream.ReadAsync(buffer.AsMemory(offset + done, count - done), ct).ConfigureAwait(false);
            if (n == 0)
            {
                if (mayEnd && done == 0) return false;
                throw new PduFormatException("the connection closed in the middle of a PDU");
            }
            done += n;
        }
        return true;
    }
}
