using System.Buffers.Binary;

namespace ScsiBridge.Cli.Imaging;

/// <summary>One object of a SIMH .tap image.</summary>
internal enum TapObject
{
    Record,
    Mark,
    Setmark,
    End,
}

/// <summary>
/// Reads a SIMH .tap image object by object (the format <see cref="SimhTapeWriter"/> writes):
/// records with their error flag, tape marks, setmarks (the class E private marker 1 the
/// emulation uses), erase gaps passed over, and the end (the end-of-medium word, or the end of
/// the file after a whole object). A malformed image is an InvalidDataException that says where.
/// </summary>
internal sealed class SimhTapeReader
{
    public const uint Setmark = 0xE0000001;
    private const uint EraseGap = 0xFFFFFFFE;

    private readonly Stream _stream;
    private readonly byte[] _word = new byte[4];

    public SimhTapeReader(Stream stream)
    {
        _stream = stream;
    }

    /// <summary>The record's data, when <see cref="Next"/> found one.</summary>
    public byte[] Data { get; private set; } = Array.Empty<byte>();

    /// <summary>The record was kept with SIMH's error class (read with an error).</summary>
    public bool Bad { get; private set; }

    /// <summary>Where the last object began in the image.</summary>
    public long Offset { get; private set; }

    public TapObject Next()
    {
        while (true)
        {
            Offset = _stream.Position;
            int got = _stream.ReadAtLeast(_word, 4, throwOnEndOfStream: false);
            if (got == 0) return TapObject.End;
            if (got < 4) throw new InvalidDataException("at byte " + Offset + ", " + got + " bytes are left over, too few for a length word");
            uint word = BinaryPrimitives.ReadUInt32LittleEndian(_word);
            if (word == 0xFFFFFFFF) return TapObject.End;
            if (word == EraseGap) continue;
            if (word == 0) return TapObject.Mark;
            if (word == Setmark) return TapObject.Setmark;
            uint cls = word >> 24;
            if (cls != 0 && cls != 0x80) throw new InvalidDataException("at byte " + Offset + ", the length word " + word.ToString("X8") + "h has an unknown class " + cls.ToString("X2") + "h");
            int length = (int)(word & 0x00FFFFFF);
            byte[] data = new byte[length];
            if (_stream.ReadAtLeast(data, length, throwOnEndOfStream: false) < length)
            {
                throw new InvalidDataException("the record at byte " + Offset + " (" + length + " bytes) runs past the end of the image");
            }
            if ((length & 1) != 0) _stream.ReadByte();
            if (_stream.ReadAtLeast(_word, 4, throwOnEndOfStream: false) < 4 || BinaryPrimitives.ReadUInt32LittleEndian(_word) != word)
            {
                throw new InvalidDataException("the record at byte " + Offset + " does not end with its length word " + word.ToString("X8") + "h");
            }
            Data = data;
            Bad = (word & 0x80000000) != 0;
            return TapObject.Record;
        }
    }
}
