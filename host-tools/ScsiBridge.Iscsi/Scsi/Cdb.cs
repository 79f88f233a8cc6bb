using System.Buffers.Binary;

namespace ScsiBridge.Iscsi.Scsi;

/// <summary>Big-endian fields of CDBs and parameter data.</summary>
internal static class Cdb
{
    public static int U16(byte[] b, int offset) => BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(offset));

    public static int U24(byte[] b, int offset) => (b[offset] << 16) | (b[offset + 1] << 8) | b[offset + 2];

    public static long U32(byte[] b, int offset) => BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(offset));

    public static long U64(byte[] b, int offset) => unchecked((long)BinaryPrimitives.ReadUInt64BigEndian(b.AsSpan(offset)));

    public static void Put16(byte[] b, int offset, int v) => BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(offset), (ushort)v);

    public static void Put32(byte[] b, int offset, long v) => BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(offset), unchecked((uint)v));

    public static void Put64(byte[] b, int offset, long v) => BinaryPrimitives.WriteUInt64BigEndian(b.AsSpan(offset), unchecked((ulong)v));

    /// <summary>Length of a CDB by its opcode group (SPC-3 4.3.4), or 0 for a vendor group.</summary>
    public static int LengthOf(byte opcode) => (opcode >> 5) switch
    {
        0 => 6,
        1 or 2 => 10,
        4 => 16,
        5 => 12,
        _ => 0,
    };

    /// <summary>READ(10); dpoFua: the DPO (10h) and FUA (08h) bits of byte 1, which SCSI-2 has too.</summary>
    public static byte[] Read10(long lba, int count, int dpoFua = 0) => Rw10(0x28, lba, count, dpoFua);

    public static byte[] Write10(long lba, int count, int dpoFua = 0) => Rw10(0x2A, lba, count, dpoFua);

    public static byte[] Read6(long lba, int count) => new byte[] { 0x08, (byte)((lba >> 16) & 0x1F), (byte)(lba >> 8), (byte)lba, (byte)(count == 256 ? 0 : count), 0 };

    public static byte[] Write6(long lba, int count) => new byte[] { 0x0A, (byte)((lba >> 16) & 0x1F), (byte)(lba >> 8), (byte)lba, (byte)(count == 256 ? 0 : count), 0 };

    private static byte[] Rw10(byte op, long lba, int count, int dpoFua)
    {
        byte[] c = new byte[10];
        c[0] = op;
        c[1] = (byte)(dpoFua & 0x18);
        Put32(c, 2, lba);
        Put16(c, 7, count);
        return c;
    }
}
