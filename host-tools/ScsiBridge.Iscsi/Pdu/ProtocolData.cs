using System.Buffers.Binary;

namespace ScsiBridge.Iscsi.Pdu;

/// <summary>
/// One iSCSI PDU: the 48-byte basic header segment, any additional header segments, and the data
/// segment (without its padding). Field accessors name the header bytes RFC 7143 chapter 11 gives.
/// </summary>
internal sealed class ProtocolData
{
    public const int HeaderLength = 48;
    public const uint Reserved = 0xFFFFFFFF;

    public byte[] Header { get; } = new byte[HeaderLength];

    public byte[] Ahs { get; set; } = Array.Empty<byte>();

    public byte[] Data { get; set; } = Array.Empty<byte>();

    public int DataLength { get; set; }

    /// <summary>Where the data segment starts in <see cref="Data"/>.</summary>
    public int DataOffset { get; set; }

    public static ProtocolData Create(int opcode, bool final = true)
    {
        var p = new ProtocolData();
        p.Header[0] = (byte)opcode;
        if (final) p.Header[1] = 0x80;
        return p;
    }

    public int Opcode => Header[0] & 0x3F;

    public bool Immediate => (Header[0] & 0x40) != 0;

    public bool Final => (Header[1] & 0x80) != 0;

    public byte Flags
    {
        get => Header[1];
        set => Header[1] = value;
    }

    public int TotalAhsLength => Header[4] * 4;

    /// <summary>The DataSegmentLength field (bytes 5-7).</summary>
    public int DataSegmentLength => (Header[5] << 16) | (Header[6] << 8) | Header[7];

    public ulong Lun
    {
        get => BinaryPrimitives.ReadUInt64BigEndian(Header.AsSpan(8));
        set => BinaryPrimitives.WriteUInt64BigEndian(Header.AsSpan(8), value);
    }

    public uint TaskTag
    {
        get => U32(16);
        set => SetU32(16, value);
    }

    public uint U32(int offset) => BinaryPrimitives.ReadUInt32BigEndian(Header.AsSpan(offset));

    public void SetU32(int offset, uint value) => BinaryPrimitives.WriteUInt32BigEndian(Header.AsSpan(offset), value);

    public void SetU16(int offset, int value) => BinaryPrimitives.WriteUInt16BigEndian(Header.AsSpan(offset), (ushort)value);

    public int U16(int offset) => BinaryPrimitives.ReadUInt16BigEndian(Header.AsSpan(offset));

    /// <summary>Sets the data segment to count bytes of buffer (kept by reference, not copied).</summary>
    public void SetData(byte[] buffer, int count) => SetData(buffer, 0, count);

    public void SetData(byte[] buffer, int offset, int count)
    {
        Data = buffer;
        DataOffset = offset;
        DataLength = count;
    }

    /// <summary>The LUN field (SAM-2 single-level, peripheral or flat addressing) as a number, or -1.</summary>
    public static int DecodeLun(ulong lun)
    {
        int method = (int)(lun >> 62);
        if ((lun & 0x0000FFFFFFFFFFFFUL) != 0) return -1;  // multi-level addresses are not ours
        int first = (int)((lun >> 48) & 0x3FFF);
        return method switch
        {
            0 => first >> 8 == 0 ? first : -1,
            1 => first,
            _ => -1,
        };
    }

    public static ulong EncodeLun(int lun) => lun < 256 ? (ulong)lun << 48 : (0x4000UL | (ulong)lun) << 48;
}
