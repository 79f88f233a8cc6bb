using System;
using System.Collections.Generic;
using System.IO;
using ScsiBridge.Firmware.Adapter;
using ScsiBridge.Firmware.Emulation;
using ScsiBridge.Firmware.Target;
using ScsiBridge.Hal;
using Xunit;
using Status = ScsiBridge.Firmware.Adapter.ScsiStatus;

namespace ScsiBridge.Firmware.Tests.Target;

/// <summary>A SIMH .tap image built in memory: records, marks, setmarks, the end word.</summary>
internal sealed class TapBuilder
{
    private readonly MemoryStream _s = new();

    public TapBuilder Record(byte[] data, bool bad = false)
    {
        uint word = (uint)data.Length | (bad ? 0x80000000u : 0);
        Word(word);
        _s.Write(data);
        if ((data.Length & 1) != 0) _s.WriteByte(0);
        Word(word);
        return this;
    }

    public TapBuilder Mark() => Word(0);

    public TapBuilder Setmark() => Word(TapeUnit.SetmarkWord);

    public TapBuilder End() => Word(TapeUnit.EndOfMediumWord);

    public TapBuilder Word(uint w)
    {
        _s.Write(BitConverter.GetBytes(w));
        return this;
    }

    public byte[] ToArray() => _s.ToArray();

    public static byte[] Random(int seed, int length)
    {
        byte[] b = new byte[length];
        new Random(seed).NextBytes(b);
        return b;
    }
}

/// <summary>What one command over the bus ended with: the status, the sense (after REQUEST
/// SENSE when it was CHECK CONDITION) and how many bytes moved.</summary>
internal sealed record TapeAnswer(int Status, byte[] Sense, int Moved)
{
    public bool Good => Status == 0;
    public int Key => Sense[2] & 0x0F;
    public bool Filemark => (Sense[2] & 0x80) != 0;
    public bool Eom => (Sense[2] & 0x40) != 0;
    public bool Ili => (Sense[2] & 0x20) != 0;
    public bool InfoValid => (Sense[0] & 0x80) != 0;
    public int Info => (Sense[3] << 24) | (Sense[4] << 16) | (Sense[5] << 8) | Sense[6];
    public int Asc => (Sense[12] << 8) | Sense[13];

    public override string ToString() =>
        $"status {Status:X2} key {Key:X} asc {Asc:X4} fm {Filemark} eom {Eom} ili {Ili} info {(InfoValid ? Info.ToString() : "-")} moved {Moved}";
}

/// <summary>
/// The tape emulation behind the target engine, driven over the simulated bus by the initiator
/// adapter of another bridge: every command of SCSI-2 clause 9 the unit serves, the sense of
/// each exception, and .tap images written and read back byte for byte.
/// </summary>
public class TapeOverBusTests
{
    private sealed class Host
    {
        private readonly TargetRig _rig;

        public Host(TargetRig rig) => _rig = rig;

        public TapeAnswer Run(byte[] cdb, byte[]? data = null, bool read = true)
        {
            IoRequest r = _rig.Request(0, 0, cdb, data, read);
            int rc = _rig.Adapter.Execute(r, true);
            int moved = (data?.Length ?? 0) - r.Residual;
            byte[] sense = new byte[18];
            if (r.ScsiStatus == Status.CheckCondition)
            {
                Assert.Equal(Errno.Ok, _rig.Adapter.Execute(_rig.Request(0, 0, new byte[] { 0x03, 0, 0, 0, 18, 0 }, sense, true), true));
            }
            else
            {
                Assert.Equal(Errno.Ok, rc);
            }
            return new TapeAnswer(r.ScsiStatus, sense, moved);
        }

        public byte[] Good(byte[] cdb, byte[]? data = null, bool read = true)
        {
            TapeAnswer a = Run(cdb, data, read);
            Assert.True(a.Good, "expected GOOD, got " + a);
            return data ?? Array.Empty<byte>();
        }

        public TapeAnswer Check(byte[] cdb, byte[]? data = null, bool read = true)
        {
            TapeAnswer a = Run(cdb, data, read);
            Assert.True(a.Status == Status.CheckCondition, "expected CHECK CONDITION, got " + a);
            return a;
        }
    }

    private static byte[] Read(int length, bool fixedMode = false, bool sili = false) =>
        new byte[] { 0x08, (byte)((fixedMode ? 1 : 0) | (sili ? 2 : 0)), (byte)(length >> 16), (byte)(length >> 8), (byte)length, 0 };

    private static byte[] Write(int length, bool fixedMode = false) =>
        new byte[] { 0x0A, (byte)(fixedMode ? 1 : 0), (byte)(length >> 16), (byte)(length >> 8), (byte)length, 0 };

    private static byte[] WriteFilemarks(int count, bool setmark = false) =>
        new byte[] { 0x10, (byte)(setmark ? 2 : 0), (byte)(count >> 16), (byte)(count >> 8), (byte)count, 0 };

    private static byte[] Space(int code, int count) =>
        new byte[] { 0x11, (byte)code, (byte)(count >> 16), (byte)(count >> 8), (byte)count, 0 };

    private static readonly byte[] Rewind = { 0x01, 0, 0, 0, 0, 0 };
    private static readonly byte[] Tur = new byte[6];

    private static byte[] Locate(long block) =>
        new byte[] { 0x2B, 0, 0, (byte)(block >> 24), (byte)(block >> 16), (byte)(block >> 8), (byte)block, 0, 0, 0 };

    private static readonly byte[] ReadPosition = { 0x34, 0, 0, 0, 0, 0, 0, 0, 0, 0 };

    private static byte[] ModeSelectBlockLength(int length, int density = 0) =>
        new byte[] { 0, 0, 0, 8, (byte)density, 0, 0, 0, 0, (byte)(length >> 16), (byte)(length >> 8), (byte)length };

    private static byte[] ModeSelectCdb(int length) => new byte[] { 0x15, 0x10, 0, 0, (byte)length, 0 };

    private static void OnBus(ILogicalUnit unit, Action<Host> body)
    {
        using var rig = new TargetRig();
        rig.Engine.SetUnit(0, 0, unit, true);
        rig.Run(() =>
        {
            rig.Greet(0, 0);
            Assert.Equal(Errno.Ok, rig.Adapter.StartDevice(0, 0, true, true));
            body(new Host(rig));
        });
        Assert.Equal("", rig.Violations());
        Assert.Equal(rig.Engine.Ring.Count, rig.Engine.Ring.FreeCount);
    }

    private static readonly byte[] A = TapBuilder.Random(1, 700), B = TapBuilder.Random(2, 513), C = TapBuilder.Random(3, 4000), D = TapBuilder.Random(4, 100);

    /// <summary>A 700, B 513 | mark | C 4000 | mark | D 100 | end.</summary>
    private static byte[] TwoFiles() => new TapBuilder().Record(A).Record(B).Mark().Record(C).Mark().Record(D).End().ToArray();

    [Fact]
    public void VariableReadsReportIliFilemarksAndTheEndOfDataWithResidues()
    {
        OnBus(new TapeUnit(new MemoryBlockStore(TwoFiles(), readOnly: true)), h =>
        {
            byte[] buf = new byte[8192];
            Assert.Equal(A, h.Good(Read(700), new byte[700]));

            // A longer request: ILI, INFORMATION = requested - actual, the record whole.
            TapeAnswer a = h.Check(Read(1000), buf);
            Assert.True(a.Ili && a.Key == SenseData.NoSense && a.InfoValid && a.Info == 1000 - 513, a.ToString());
            Assert.Equal(513, a.Moved);
            Assert.Equal(B, buf[..513]);

            // The mark: FILEMARK, no data, INFORMATION = the request.
            a = h.Check(Read(1000), buf);
            Assert.True(a.Filemark && a.Key == 0 && a.Asc == 0x0001 && a.Info == 1000 && a.Moved == 0, a.ToString());

            // A shorter request: ILI with a negative residue; the tape is past the record.
            a = h.Check(Read(1000), buf);
            Assert.True(a.Ili && a.Info == 1000 - 4000 && a.Moved == 1000, a.ToString());
            Assert.Equal(C[..1000], buf[..1000]);
            h.Check(Read(10), buf);  // the second mark

            // SILI suppresses ILI for a short record.
            Assert.True(h.Run(Read(200, sili: true), buf).Good);
            Assert.Equal(D, buf[..100]);

            a = h.Check(Read(512), buf);
            Assert.True(a.Key == SenseData.BlankCheck && a.Asc == 0x0005 && a.Info == 512, a.ToString());
        });
    }

    [Fact]
    public void FixedModeReadsBlocksAndStopsAtARecordOfAnotherLength()
    {
        byte[] b0 = TapBuilder.Random(10, 512), b1 = TapBuilder.Random(11, 512), b2 = TapBuilder.Random(12, 512), odd = TapBuilder.Random(13, 300);
        byte[] tap = new TapBuilder().Record(b0).Record(b1).Record(b2).Record(odd).Mark().End().ToArray();
        OnBus(new TapeUnit(new MemoryBlockStore(tap, readOnly: true)), h =>
        {
            byte[] buf = new byte[4 * 512];
            // Fixed mode needs a block length first.
            Assert.Equal(SenseData.IllegalRequest, h.Check(Read(1, fixedMode: true), buf).Key);
            byte[] select = ModeSelectBlockLength(512);
            h.Good(ModeSelectCdb(select.Length), select, read: false);
            byte[] sense = new byte[12];
            h.Good(new byte[] { 0x1A, 0, 0, 0, 12, 0 }, sense);
            Assert.Equal(512, (sense[9] << 16) | (sense[10] << 8) | sense[11]);

            h.Good(Read(2, fixedMode: true), new byte[1024]);
            TapeAnswer a = h.Check(Read(3, fixedMode: true), buf);
            // b2 read whole, then the 300-byte record: ILI, residue 2 of the 3 blocks.
            Assert.True(a.Ili && a.Info == 2, a.ToString());
            Assert.Equal(b2, buf[..512]);
            a = h.Check(Read(4, fixedMode: true), buf);
            Assert.True(a.Filemark && a.Info == 4, a.ToString());
            // SILI with FIXED is an invalid field.
            Assert.Equal(SenseData.IllegalRequest, h.Check(Read(1, fixedMode: true, sili: true), buf).Key);
        });
    }

    [Fact]
    public void WritesFilemarksAndSetmarksMakeAByteExactTapThatReadsBack()
    {
        var store = new MemoryBlockStore(Array.Empty<byte>(), 64 * 1024, readOnly: false);
        OnBus(new TapeUnit(store), h =>
        {
            h.Good(Write(700), A, read: false);
            h.Good(Write(513), B, read: false);
            h.Good(WriteFilemarks(1));
            h.Good(Write(4000), C, read: false);
            h.Good(WriteFilemarks(1, setmark: true));
            byte[] select = ModeSelectBlockLength(512);
            h.Good(ModeSelectCdb(select.Length), select, read: false);
            byte[] fixedData = TapBuilder.Random(20, 1024);
            h.Good(Write(2, fixedMode: true), fixedData, read: false);
            h.Good(WriteFilemarks(0));  // flushes, writes nothing

            byte[] expected = new TapBuilder().Record(A).Record(B).Mark().Record(C).Setmark()
                .Record(fixedData[..512]).Record(fixedData[512..]).End().ToArray();
            Assert.Equal(expected, store.ToArray());

            h.Good(Rewind);
            select = ModeSelectBlockLength(0);
            h.Good(ModeSelectCdb(select.Length), select, read: false);
            Assert.Equal(A, h.Good(Read(700), new byte[700]));
            Assert.Equal(B, h.Good(Read(513), new byte[513]));
            Assert.True(h.Check(Read(600), new byte[600]).Filemark);
            Assert.Equal(C, h.Good(Read(4000), new byte[4000]));
            Assert.Equal(0x0003, h.Check(Read(600), new byte[600]).Asc);  // the setmark

            // Writing in the middle cuts the tape after it.
            h.Good(Rewind);
            h.Good(Space(0, 1));
            h.Good(Write(100), D, read: false);
            Assert.Equal(new TapBuilder().Record(A).Record(D).End().ToArray(), store.ToArray());
        });
    }

    [Fact]
    public void SpaceMovesOverBlocksFilemarksSetmarksAndToTheEndOfData()
    {
        byte[] tap = new TapBuilder().Record(A).Record(B).Mark().Record(C).Mark().Mark().Record(D).Setmark().Record(A).End().ToArray();
        OnBus(new TapeUnit(new MemoryBlockStore(tap, readOnly: true)), h =>
        {
            byte[] buf = new byte[8192];
            // Three blocks forward: the mark stops it after two, on its far side.
            TapeAnswer a = h.Check(Space(0, 3));
            Assert.True(a.Filemark && a.Asc == 0x0001 && a.Info == 1, a.ToString());
            Assert.Equal(C, h.Good(Read(4000), new byte[4000]));

            // Back over C, then the mark stops a reverse space on its beginning side: the next
            // read meets the mark again, one block back is B.
            a = h.Check(Space(0, -2));
            Assert.True(a.Filemark && a.Info == 1, a.ToString());
            h.Good(Space(0, -1));
            Assert.Equal(B, h.Good(Read(513), new byte[513]));

            // Back to the beginning: EOM with BEGINNING-OF-PARTITION DETECTED.
            a = h.Check(Space(0, -5));
            Assert.True(a.Eom && a.Asc == 0x0004 && a.Info == 3, a.ToString());
            Assert.Equal(A, h.Good(Read(700), new byte[700]));

            // Filemarks forward: two of them lands after the first of the double mark.
            h.Good(Rewind);
            h.Good(Space(1, 2));
            Assert.True(h.Check(Read(100), buf).Filemark);
            Assert.Equal(D, h.Good(Read(100), new byte[100]));
            // One filemark back: before the second of the pair.
            h.Good(Space(1, -1));
            Assert.True(h.Check(Read(100), buf).Filemark);

            // Two filemarks in a row, from the beginning (the single mark after B does not count).
            h.Good(Rewind);
            h.Good(Space(2, 2));
            Assert.Equal(D, h.Good(Read(100), new byte[100]));

            // A setmark (the generic drive has them).
            h.Good(Rewind);
            h.Good(Space(4, 1));
            Assert.Equal(A, h.Good(Read(700), new byte[700]));

            // End of data, then a block more is BLANK CHECK.
            h.Good(Rewind);
            h.Good(Space(3, 0));
            a = h.Check(Space(0, 1));
            Assert.True(a.Key == SenseData.BlankCheck && a.Asc == 0x0005 && a.Info == 1, a.ToString());
            a = h.Check(Space(1, 5));
            Assert.True(a.Key == SenseData.BlankCheck && a.Info == 5, a.ToString());
        });
    }

    [Fact]
    public void TheDeviceConfigurationPageMakesSpacingOverFilemarksReportSetmarks()
    {
        byte[] tap = new TapBuilder().Record(A).Setmark().Record(B).Mark().Record(D).End().ToArray();
        OnBus(new TapeUnit(new MemoryBlockStore(tap, readOnly: true)), h =>
        {
            // RSmk clear (power-on): SPACE filemarks passes the setmark.
            h.Good(Space(1, 1));
            Assert.Equal(D, h.Good(Read(100), new byte[100]));

            // Page 10h with RSmk: the setmark stops it, SETMARK DETECTED, residue 1.
            byte[] page = h.Good(new byte[] { 0x1A, 0x08, 0x10, 0, 20, 0 }, new byte[20]);
            Assert.Equal(0x10, page[4] & 0x3F);
            byte[] select = new byte[4 + 16];
            Array.Copy(page, 4, select, 4, 16);
            select[4] &= 0x3F;
            select[4 + 8] |= 0x20;
            h.Good(new byte[] { 0x15, 0x10, 0, 0, (byte)select.Length, 0 }, select, read: false);
            h.Good(Rewind);
            TapeAnswer a = h.Check(Space(1, 1));
            Assert.True(a.Asc == 0x0003 && a.Info == 1, a.ToString());
            Assert.Equal(B, h.Good(Read(513), new byte[513]));

            // A bit that is not changeable is refused whole.
            select[4 + 10] ^= 0x01;
            Assert.Equal(0x2600, h.Check(new byte[] { 0x15, 0x10, 0, 0, (byte)select.Length, 0 }, select, read: false).Asc);
        });
    }

    [Fact]
    public void LocateAndReadPositionCountRecordsAndMarks()
    {
        OnBus(new TapeUnit(new MemoryBlockStore(TwoFiles(), readOnly: true)), h =>
        {
            byte[] pos = h.Good(ReadPosition, new byte[20]);
            Assert.Equal(0x80, pos[0] & 0x80);  // BOP
            h.Good(Locate(4));  // A, B, mark, C: D's file mark is next
            pos = h.Good(ReadPosition, new byte[20]);
            Assert.Equal(0, pos[0] & 0x80);
            Assert.Equal(4, (pos[4] << 24) | (pos[5] << 16) | (pos[6] << 8) | pos[7]);
            Assert.True(h.Check(Read(10), new byte[10]).Filemark);
            Assert.Equal(D, h.Good(Read(100), new byte[100]));
            h.Good(Locate(1));
            Assert.Equal(B, h.Good(Read(513), new byte[513]));
            TapeAnswer a = h.Check(Locate(50));
            Assert.True(a.Key == SenseData.BlankCheck && a.Asc == 0x0005, a.ToString());
        });
    }

    [Fact]
    public void EarlyWarningReportsEomAndAFullTapeOverflows()
    {
        var store = new MemoryBlockStore(Array.Empty<byte>(), 6000, readOnly: false);
        var unit = new TapeUnit(store) { EarlyWarningBytes = 2000 };
        OnBus(unit, h =>
        {
            byte[] rec = TapBuilder.Random(30, 1500);
            h.Good(Write(1500), rec, read: false);           // ends at 1508: before the warning (4000)
            h.Good(Write(1500), rec, read: false);           // ends at 3016
            TapeAnswer a = h.Check(Write(1500), rec, read: false);  // ends at 4524: past the warning, written
            Assert.True(a.Key == SenseData.NoSense && a.Eom && a.Asc == 0x0002 && a.Info == 0, a.ToString());
            a = h.Check(Write(1500), rec, read: false);      // would end at 6032 > 6000: nothing written
            Assert.True(a.Key == 0xD && a.Eom && a.Info == 1500, a.ToString());
            byte[] pos = h.Good(ReadPosition, new byte[20]);
            Assert.Equal(0x40, pos[0] & 0x40);  // EOP: past the early warning
            Assert.Equal(3, pos[7]);
            h.Good(Rewind);
            h.Good(Space(3, 0));
            Assert.Equal(3, h.Good(ReadPosition, new byte[20])[7]);
        });
        Assert.Equal(3 * 1508 + 4, store.Length);
    }

    [Fact]
    public void AProtectedTapeRefusesWritesAndSaysSoInModeSense()
    {
        var unit = new TapeUnit(new MemoryBlockStore(TwoFiles(), readOnly: true));
        OnBus(unit, h =>
        {
            TapeAnswer a = h.Check(Write(700), A, read: false);
            Assert.True(a.Key == SenseData.DataProtect && a.Asc == 0x2700, a.ToString());
            Assert.Equal(SenseData.DataProtect, h.Check(WriteFilemarks(1)).Key);
            Assert.Equal(SenseData.DataProtect, h.Check(new byte[] { 0x19, 1, 0, 0, 0, 0 }).Key);
            byte[] sense = h.Good(new byte[] { 0x1A, 0, 0x3F, 0, 255, 0 }, new byte[255]);
            Assert.Equal(0x80, sense[2] & 0x80);
            Assert.Equal(8, sense[3]);
        });
        var writable = new TapeUnit(new MemoryBlockStore(TwoFiles(), 1 << 16, readOnly: false)) { WriteProtect = true };
        OnBus(writable, h => Assert.Equal(SenseData.DataProtect, h.Check(Write(700), A, read: false).Key));
    }

    [Fact]
    public void EraseCutsTheTapeAtThePosition()
    {
        var store = new MemoryBlockStore(TwoFiles(), 1 << 16, readOnly: false);
        OnBus(new TapeUnit(store), h =>
        {
            h.Good(Space(1, 1));
            h.Good(new byte[] { 0x19, 1, 0, 0, 0, 0 });  // ERASE, LONG
            Assert.Equal(new TapBuilder().Record(A).Record(B).Mark().End().ToArray(), store.ToArray());
            Assert.Equal(SenseData.BlankCheck, h.Check(Read(100), new byte[100]).Key);
        });
    }

    [Fact]
    public void UnloadMakesTheUnitNotReadyUntilLoad()
    {
        OnBus(new TapeUnit(new MemoryBlockStore(TwoFiles(), readOnly: true)), h =>
        {
            h.Good(Space(0, 1));
            h.Good(new byte[] { 0x1B, 0, 0, 0, 0, 0 });  // UNLOAD
            TapeAnswer a = h.Check(Tur);
            Assert.True(a.Key == SenseData.NotReady && a.Asc == 0x3A00, a.ToString());
            h.Good(new byte[] { 0x1B, 0, 0, 0, 1, 0 });  // LOAD: at the beginning
            h.Good(Tur);
            Assert.Equal(A, h.Good(Read(700), new byte[700]));
            // PREVENT MEDIUM REMOVAL refuses an unload.
            h.Good(new byte[] { 0x1E, 0, 0, 0, 1, 0 });
            Assert.Equal(SenseData.IllegalRequest, h.Check(new byte[] { 0x1B, 0, 0, 0, 0, 0 }).Key);
        });
    }

    [Fact]
    public void ProfilesAnswerWithTheirDrivesLimitsAndCommands()
    {
        var cases = new (TapeDriveProfile profile, string vendor, string product, int max, int min, bool locate)[]
        {
            (TapeDriveProfile.HpC1533A(), "HP      ", "C1533A          ", 0xFFFFFF, 1, true),
            (TapeDriveProfile.ExabyteExb8200(), "EXABYTE ", "EXB-8200        ", 0x3C000, 1, false),
            (TapeDriveProfile.ArchiveViper150(), "ARCHIVE ", "VIPER 150  21247", 512, 512, false),
        };
        foreach (var c in cases)
        {
            byte[] tap = new TapBuilder().Record(TapBuilder.Random(40, 512)).Record(TapBuilder.Random(41, 512)).Mark().End().ToArray();
            OnBus(new TapeUnit(c.profile, new MemoryBlockStore(tap, 1 << 16, readOnly: false)), h =>
            {
                byte[] inquiry = h.Good(new byte[] { 0x12, 0, 0, 0, 36, 0 }, new byte[36]);
                Assert.Equal(0x01, inquiry[0]);
                Assert.Equal(0x80, inquiry[1]);
                Assert.Equal(c.vendor, System.Text.Encoding.ASCII.GetString(inquiry, 8, 8));
                Assert.Equal(c.product, System.Text.Encoding.ASCII.GetString(inquiry, 16, 16));
                byte[] limits = h.Good(new byte[] { 0x05, 0, 0, 0, 0, 0 }, new byte[6]);
                Assert.Equal(c.max, (limits[1] << 16) | (limits[2] << 8) | limits[3]);
                Assert.Equal(c.min, (limits[4] << 8) | limits[5]);
                TapeAnswer a = h.Run(ReadPosition, new byte[20]);
                Assert.Equal(c.locate, a.Good);
                if (!c.locate) Assert.Equal(0x2000, a.Asc);
                byte[] mode = h.Good(new byte[] { 0x1A, 0, 0, 0, 12, 0 }, new byte[12]);
                Assert.Equal(c.profile.DensityCode, mode[4]);
                Assert.Equal(c.profile.DefaultBlockLength, (mode[9] << 16) | (mode[10] << 8) | mode[11]);
                // Setmarks only where the drive has them.
                Assert.Equal(c.profile.Setmarks, h.Run(Space(4, 0)).Good);
            });
        }

        // The QIC drive records fixed 512-byte blocks only.
        byte[] qic = new TapBuilder().Record(TapBuilder.Random(42, 512)).End().ToArray();
        OnBus(new TapeUnit(TapeDriveProfile.ArchiveViper150(), new MemoryBlockStore(qic, 1 << 16, readOnly: false)), h =>
        {
            Assert.Equal(SenseData.IllegalRequest, h.Check(Read(512), new byte[512]).Key);
            byte[] select = ModeSelectBlockLength(1024);
            TapeAnswer a = h.Check(ModeSelectCdb(select.Length), select, read: false);
            Assert.Equal(0x2600, a.Asc);
            select = ModeSelectBlockLength(0);
            Assert.Equal(0x2600, h.Check(ModeSelectCdb(select.Length), select, read: false).Asc);
            h.Good(Read(1, fixedMode: true), new byte[512]);
        });

        // The EXB-8200 starts in fixed 1024-byte mode and takes variable on request.
        byte[] exb = new TapBuilder().Record(TapBuilder.Random(43, 1024)).Record(TapBuilder.Random(44, 333)).End().ToArray();
        OnBus(new TapeUnit(TapeDriveProfile.ExabyteExb8200(), new MemoryBlockStore(exb, readOnly: true)), h =>
        {
            h.Good(Read(1, fixedMode: true), new byte[1024]);
            byte[] select = ModeSelectBlockLength(0, 0x14);
            h.Good(new byte[] { 0x15, 0, 0, 0, (byte)select.Length, 0 }, select, read: false);  // PF=0, as a SCSI-1 host sends it
            h.Good(Read(333), new byte[333]);
        });
    }

    [Fact]
    public void ATapCopiedRecordByRecordOverTheBusIsByteExact()
    {
        var noise = new Random(99);
        var builder = new TapBuilder();
        var records = new List<byte[]>();
        for (int file = 0; file < 3; file++)
        {
            for (int i = 0; i < 5; i++)
            {
                byte[] r = new byte[noise.Next(1, 9000)];
                noise.NextBytes(r);
                builder.Record(r);
            }
            builder.Mark();
        }
        byte[] source = builder.Mark().End().ToArray();

        // Read everything from one drive, as a host would (variable blocks, marks as they come).
        var items = new List<byte[]?>();
        OnBus(new TapeUnit(new MemoryBlockStore(source, readOnly: true)), h =>
        {
            byte[] buf = new byte[1 << 16];
            while (true)
            {
                TapeAnswer a = h.Run(Read(buf.Length, sili: true), buf);
                if (a.Good)
                {
                    items.Add(buf[..a.Moved]);
                    continue;
                }
                if (a.Filemark)
                {
                    items.Add(null);
                    continue;
                }
                Assert.Equal(SenseData.BlankCheck, a.Key);
                break;
            }
        });
        Assert.Equal(19, items.Count);

        // Write it to a blank tape on another drive.
        var blank = new MemoryBlockStore(Array.Empty<byte>(), 1 << 20, readOnly: false);
        OnBus(new TapeUnit(TapeDriveProfile.HpC1533A(), blank), h =>
        {
            foreach (byte[]? item in items)
            {
                if (item == null) h.Good(WriteFilemarks(1));
                else h.Good(Write(item.Length), item, read: false);
            }
        });
        Assert.Equal(source, blank.ToArray());
    }
}
