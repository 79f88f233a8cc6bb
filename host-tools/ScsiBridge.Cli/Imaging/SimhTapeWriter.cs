using System.Buffers.Binary;

namespace ScsiBridge.Cli.Imaging;

/// <summary>
/// A tape image in SIMH's .tap format, the one tape simulators and archives use: each record is
/// its length (32 bits, little-endian), the data padded to an even length, and the length again;
/// a tape mark is a zero length; the end of the medium is FFFFFFFFh. A record read with an
/// error is kept with the "bad record" class (top bit set) so nothing is silently lost.
/// </summary>
internal sealed class SimhTapeWriter
{
    public const uint TapeMark = 0;
    public const uint EndOfMedium = 0xFFFFFFFF;
    public const uint BadRecord = 0x80000000;
    public const int MaxRecord = 0x00FFFFFF;

    private readonly Stream _stream;
    private readonly byte[] _word = new byte[4];

    public SimhTapeWriter(Stream stream)
    {
        _stream = stream;
    }

    /// <summary>The bytes written so far.</summary>
    public long Position => _stream.Position;

    public void Record(ReadOnlySpan<byte> data, bool bad = false)
    {
        if (data.Length == 0 || data.Length > MaxRecord) throw new ArgumentException("a .tap record holds 1 to " + MaxRecord + " bytes, not " + data.Length);
        uint word = (uint)data.Length | (bad ? BadRecord : 0);
        Word(word);
        _stream.Write(data);
        if ((data.Length & 1) != 0) _stream.WriteByte(0);
        Word(word);
    }

    public void Mark() => Word(TapeMark);

    /// <summary>A setmark (DDS): SIMH defines none, so it is the class E private marker 1, as
    /// the emulation keeps it.</summary>
    public void Setmark() => Word(0xE0000001);

    public void End() => Word(EndOfMedium);

    private void Word(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_word, value);
        _stream.Write(_word);
    }
}
