using System;
using System.Collections.Generic;
using System.Reflection;
using ScsiBridge.Firmware.Target;
using Xunit;

namespace ScsiBridge.Firmware.Tests.Emulation;

/// <summary>What a unit answered to one command.</summary>
public sealed record Answer(int Status, int SenseKey, int SenseCode, long Information, bool InformationValid, int FieldPointer, byte[] Data)
{
    public bool Good => Status == 0;

    public override string ToString() =>
        $"status {Status:X2} sense {SenseKey:X} {SenseCode:X4} info {(InformationValid ? Information.ToString() : "-")} field {FieldPointer} data {Data.Length} bytes";
}

/// <summary>
/// Drives a logical unit directly, the way the target engine does: a reusable
/// <see cref="TargetCommand"/> (its engine-side members set through reflection, since they are
/// internal to the firmware), a <see cref="FakeTargetIo"/>.
/// </summary>
public sealed class UnitRig
{
    private static readonly MethodInfo BeginMethod =
        typeof(TargetCommand).GetMethod("Begin", BindingFlags.Instance | BindingFlags.NonPublic)
        ?? throw new InvalidOperationException("TargetCommand.Begin not found");

    private static readonly PropertyInfo InitiatorProperty = typeof(TargetCommand).GetProperty(nameof(TargetCommand.InitiatorId))!;
    private static readonly PropertyInfo CdbLengthProperty = typeof(TargetCommand).GetProperty(nameof(TargetCommand.CdbLength))!;
    private static readonly PropertyInfo LunProperty = typeof(TargetCommand).GetProperty(nameof(TargetCommand.Lun))!;

    public UnitRig(ILogicalUnit unit, FakeTargetIo? io = null)
    {
        Unit = unit;
        Io = io ?? new FakeTargetIo();
        Command = new TargetCommand();
    }

    public ILogicalUnit Unit { get; }

    public FakeTargetIo Io { get; }

    public TargetCommand Command { get; }

    /// <summary>Sets up <see cref="Command"/> for <paramref name="cdb"/> as the engine would.</summary>
    public void Prepare(byte[] cdb, int initiator = 7, byte[]? dataOut = null)
    {
        BeginMethod.Invoke(Command, null);
        Array.Clear(Command.Cdb);
        Array.Copy(cdb, Command.Cdb, cdb.Length);
        CdbLengthProperty.SetValue(Command, cdb.Length);
        LunProperty.SetValue(Command, 0);
        InitiatorProperty.SetValue(Command, initiator);
        Io.Reset(dataOut);
    }

    public Answer Run(byte[] cdb, byte[]? dataOut = null, int initiator = 7)
    {
        Prepare(cdb, initiator, dataOut);
        Unit.Execute(Command, Io);
        TargetCommand c = Command;
        return new Answer(c.Status, c.SenseKey, c.SenseCode, c.SenseInformation, c.SenseInformationValid, c.FieldPointer, Io.Sent());
    }

    /// <summary>Runs a command that must succeed; returns its data.</summary>
    public byte[] Good(byte[] cdb, byte[]? dataOut = null, int initiator = 7)
    {
        Answer a = Run(cdb, dataOut, initiator);
        Assert.True(a.Good, "expected GOOD, got " + a);
        return a.Data;
    }

    /// <summary>The ring is whole again and nothing was misused.</summary>
    public void AssertBuffersReturned()
    {
        Assert.Equal(Io.Ring.Count, Io.Ring.FreeCount);
        Assert.Equal(0, Io.BadReleases);
        Assert.Equal(0, Io.ForeignBuffers);
        Assert.Equal(0, Io.Ring.ReleaseErrors);
    }
}

/// <summary>Base for emulation tests: every rig made through it must have its ring whole at the end.</summary>
public abstract class EmulationTestBase : IDisposable
{
    private readonly List<UnitRig> _rigs = new();

    protected UnitRig Rig(ILogicalUnit unit, FakeTargetIo? io = null)
    {
        var rig = new UnitRig(unit, io);
        _rigs.Add(rig);
        return rig;
    }

    public void Dispose()
    {
        foreach (UnitRig rig in _rigs) rig.AssertBuffersReturned();
        GC.SuppressFinalize(this);
    }

    /// <summary>An image whose every block is filled with a pattern made from its number.</summary>
    protected static byte[] PatternImage(int blocks, int blockLength)
    {
        byte[] image = new byte[blocks * blockLength];
        for (int b = 0; b < blocks; b++)
        {
            for (int i = 0; i < blockLength; i++) image[b * blockLength + i] = (byte)(b * 7 + i * 13 + (b >> 8));
        }
        return image;
    }

    protected static byte[] Slice(byte[] data, long offset, long count)
    {
        byte[] s = new byte[count];
        Array.Copy(data, offset, s, 0, count);
        return s;
    }

    protected static void AssertSense(Answer a, int key, int code)
    {
        Assert.True(a.Status == 2 && a.SenseKey == key && a.SenseCode == code,
            $"expected CHECK CONDITION {key:X}/{code:X4}, got {a}");
    }

    protected static void AssertInvalidField(Answer a, int field)
    {
        AssertSense(a, SenseData.IllegalRequest, SenseData.InvalidFieldInCdb);
        Assert.Equal(field, a.FieldPointer);
    }
}

/// <summary>CDBs of the commands the emulations serve.</summary>
public static class TestCdb
{
    public static byte[] TestUnitReady() => new byte[6];

    public static byte[] RezeroUnit() => new byte[] { 0x01, 0, 0, 0, 0, 0 };

    public static byte[] Inquiry(int allocation = 255, bool evpd = false, int page = 0) =>
        new byte[] { 0x12, (byte)(evpd ? 1 : 0), (byte)page, 0, (byte)allocation, 0 };

    public static byte[] Read6(int lba, int count) =>
        new byte[] { 0x08, (byte)((lba >> 16) & 0x1F), (byte)(lba >> 8), (byte)lba, (byte)count, 0 };

    public static byte[] Write6(int lba, int count) =>
        new byte[] { 0x0A, (byte)((lba >> 16) & 0x1F), (byte)(lba >> 8), (byte)lba, (byte)count, 0 };

    public static byte[] Read10(long lba, int count) => Ten(0x28, 0, lba, count);

    public static byte[] Write10(long lba, int count) => Ten(0x2A, 0, lba, count);

    public static byte[] Verify10(long lba, int count, bool byteCheck) => Ten(0x2F, byteCheck ? 0x02 : 0, lba, count);

    public static byte[] Seek6(int lba) => new byte[] { 0x0B, (byte)((lba >> 16) & 0x1F), (byte)(lba >> 8), (byte)lba, 0, 0 };

    public static byte[] Seek10(long lba) => Ten(0x2B, 0, lba, 0);

    public static byte[] SynchronizeCache(long lba, int count) => Ten(0x35, 0, lba, count);

    public static byte[] Read12(long lba, long count) => new byte[]
    {
        0xA8, 0, (byte)(lba >> 24), (byte)(lba >> 16), (byte)(lba >> 8), (byte)lba,
        (byte)(count >> 24), (byte)(count >> 16), (byte)(count >> 8), (byte)count, 0, 0,
    };

    public static byte[] ReadCapacity(long lba = 0, bool pmi = false)
    {
        byte[] c = Ten(0x25, 0, lba, 0);
        c[8] = (byte)(pmi ? 1 : 0);
        return c;
    }

    public static byte[] ModeSense6(int page, int pc = 0, bool dbd = false, int allocation = 255) =>
        new byte[] { 0x1A, (byte)(dbd ? 0x08 : 0), (byte)((pc << 6) | page), 0, (byte)allocation, 0 };

    public static byte[] ModeSense10(int page, int pc = 0, bool dbd = false, int allocation = 1024) =>
        new byte[] { 0x5A, (byte)(dbd ? 0x08 : 0), (byte)((pc << 6) | page), 0, 0, 0, 0, (byte)(allocation >> 8), (byte)allocation, 0 };

    public static byte[] ModeSelect6(int length, bool pf = true, bool save = false) =>
        new byte[] { 0x15, (byte)((pf ? 0x10 : 0) | (save ? 1 : 0)), 0, 0, (byte)length, 0 };

    public static byte[] ModeSelect10(int length, bool pf = true, bool save = false) =>
        new byte[] { 0x55, (byte)((pf ? 0x10 : 0) | (save ? 1 : 0)), 0, 0, 0, 0, 0, (byte)(length >> 8), (byte)length, 0 };

    public static byte[] StartStop(bool start, bool loadEject) =>
        new byte[] { 0x1B, 0, 0, 0, (byte)((loadEject ? 2 : 0) | (start ? 1 : 0)), 0 };

    public static byte[] PreventAllow(bool prevent) => new byte[] { 0x1E, 0, 0, 0, (byte)(prevent ? 1 : 0), 0 };

    public static byte[] Reserve(int thirdParty = -1) =>
        new byte[] { 0x16, (byte)(thirdParty >= 0 ? 0x10 | (thirdParty << 1) : 0), 0, 0, 0, 0 };

    public static byte[] Release() => new byte[] { 0x17, 0, 0, 0, 0, 0 };

    public static byte[] SendDiagnostic(bool selfTest, int length = 0, bool pf = false) =>
        new byte[] { 0x1D, (byte)((selfTest ? 0x04 : 0) | (pf ? 0x10 : 0)), 0, (byte)(length >> 8), (byte)length, 0 };

    public static byte[] FormatUnit(bool fmtData) => new byte[] { 0x04, (byte)(fmtData ? 0x10 : 0), 0, 0, 0, 0 };

    public static byte[] ReadBuffer(int mode, int offset, int allocation) => new byte[]
    {
        0x3C, (byte)mode, 0, (byte)(offset >> 16), (byte)(offset >> 8), (byte)offset,
        (byte)(allocation >> 16), (byte)(allocation >> 8), (byte)allocation, 0,
    };

    public static byte[] WriteBuffer(int mode, int offset, int length) => new byte[]
    {
        0x3B, (byte)mode, 0, (byte)(offset >> 16), (byte)(offset >> 8), (byte)offset,
        (byte)(length >> 16), (byte)(length >> 8), (byte)length, 0,
    };

    public static byte[] ReadToc(bool msf, int startTrack, int allocation = 804, int format = 0) => new byte[]
    {
        0x43, (byte)(msf ? 0x02 : 0), (byte)format, 0, 0, 0, (byte)startTrack, (byte)(allocation >> 8), (byte)allocation, 0,
    };

    private static byte[] Ten(byte op, int byte1, long lba, int count) => new byte[]
    {
        op, (byte)byte1, (byte)(lba >> 24), (byte)(lba >> 16), (byte)(lba >> 8), (byte)lba, 0, (byte)(count >> 8), (byte)count, 0,
    };
}

/// <summary>Reads MODE SENSE data: header, block descriptor, pages.</summary>
public sealed class ModeData
{
    public ModeData(byte[] data, bool ten)
    {
        Raw = data;
        int header = ten ? 8 : 4;
        DataLength = ten ? (data[0] << 8) | data[1] : data[0];
        MediumType = ten ? data[2] : data[1];
        DeviceSpecific = ten ? data[3] : data[2];
        int bdLength = ten ? (data[6] << 8) | data[7] : data[3];
        if (bdLength == 8)
        {
            Density = data[header];
            BlockCount = (data[header + 1] << 16) | (data[header + 2] << 8) | data[header + 3];
            BlockLength = (data[header + 5] << 16) | (data[header + 6] << 8) | data[header + 7];
        }
        HasBlockDescriptor = bdLength == 8;
        int end = Math.Min(data.Length, DataLength + (ten ? 2 : 1));
        int pos = header + bdLength;
        while (pos + 2 <= end)
        {
            int len = data[pos + 1] + 2;
            Assert.True(pos + len <= end, $"page {data[pos] & 0x3F:X2} runs past the data");
            byte[] page = new byte[len];
            Array.Copy(data, pos, page, 0, len);
            Pages.Add(page);
            pos += len;
        }
        Assert.Equal(end, pos);
    }

    public byte[] Raw { get; }
    public int DataLength { get; }
    public int MediumType { get; }
    public int DeviceSpecific { get; }
    public bool HasBlockDescriptor { get; }
    public int Density { get; }
    public int BlockCount { get; }
    public int BlockLength { get; }
    public List<byte[]> Pages { get; } = new();

    public byte[] Page(int code)
    {
        foreach (byte[] p in Pages)
        {
            if ((p[0] & 0x3F) == code) return p;
        }
        throw new Xunit.Sdk.XunitException($"page {code:X2} not returned");
    }

    public List<int> Codes()
    {
        var codes = new List<int>();
        foreach (byte[] p in Pages) codes.Add(p[0] & 0x3F);
        return codes;
    }
}
