using System;
using ScsiBridge.Firmware.Target;

namespace ScsiBridge.Firmware.Tests.Emulation;

/// <summary>A store that fails (or throws) for bytes in [FailFrom, FailTo), otherwise passes to an inner store.</summary>
public sealed class FailingStore : IBlockStore
{
    private readonly IBlockStore _inner;

    public FailingStore(IBlockStore inner, long failFrom, long failTo)
    {
        _inner = inner;
        FailFrom = failFrom;
        FailTo = failTo;
    }

    public long FailFrom { get; set; }

    public long FailTo { get; set; }

    public bool FailReads { get; set; } = true;

    public bool FailWrites { get; set; } = true;

    public bool FailFlush { get; set; }

    public bool Throw { get; set; }

    public long Length => _inner.Length;

    public bool ReadOnly => _inner.ReadOnly;

    public bool Read(long position, byte[] buffer, int offset, int count)
    {
        if (FailReads && Overlaps(position, count)) return Fail();
        return _inner.Read(position, buffer, offset, count);
    }

    public bool Write(long position, byte[] buffer, int offset, int count)
    {
        if (FailWrites && Overlaps(position, count)) return Fail();
        return _inner.Write(position, buffer, offset, count);
    }

    public bool Flush() => !FailFlush && _inner.Flush();

    private bool Overlaps(long position, int count) => position < FailTo && position + count > FailFrom;

    private bool Fail()
    {
        if (Throw) throw new System.IO.IOException("simulated medium failure");
        return false;
    }
}
