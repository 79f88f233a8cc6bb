using System;
using System.Collections.Generic;
using ScsiBridge.Firmware.Adapter;
using ScsiBridge.Firmware.Emulation;
using ScsiBridge.Firmware.Target;
using ScsiBridge.Hal;
using Xunit;
using Status = ScsiBridge.Firmware.Adapter.ScsiStatus;

namespace ScsiBridge.Firmware.Tests.Target;

/// <summary>A mixed-mode disc made in memory: a CUE sheet and the BINs it names.</summary>
internal sealed class MemoryCue : ICueFileOpener
{
    public readonly Dictionary<string, byte[]> Files = new();

    public IBlockStore? Open(string name) => Files.TryGetValue(name, out byte[]? b) ? new MemoryBlockStore(b, readOnly: true) : null;

    /// <summary>Raw mode 1 sectors: sync, a header with the MSF and mode 1, 2048 bytes of user data
    /// (from the seed), then 288 bytes standing for EDC/ECC.</summary>
    public static byte[] Mode1Raw(int sectors, long firstLba, int seed, out byte[] user)
    {
        var noise = new Random(seed);
        byte[] raw = new byte[sectors * 2352];
        user = new byte[sectors * 2048];
        noise.NextBytes(user);
        for (int s = 0; s < sectors; s++)
        {
            int at = s * 2352;
            raw[at] = 0;
            for (int i = 1; i <= 10; i++) raw[at + i] = 0xFF;
            CdDisc.ToMsf(firstLba + s, raw, at + 12);
            raw[at + 15] = 1;
            Array.Copy(user, s * 2048, raw, at + 16, 2048);
            for (int i = 2064; i < 2352; i++) raw[at + i] = (byte)(s + i);
        }
        return raw;
    }

    public static byte[] Audio(int frames, int seed)
    {
        byte[] a = new byte[frames * 2352];
        new Random(seed).NextBytes(a);
        return a;
    }
}

/// <summary>
/// A CUE/BIN disc with a data track and two audio tracks behind the CD-ROM emulation, driven over
/// the simulated bus: the tables of contents, data read back byte for byte, READ HEADER, READ CD,
/// the sub-channel, and a vintage host that plays track 2 and polls where the player is, in the
/// bus's virtual time.
/// </summary>
public class CdAudioOverBusTests
{
    // Track 1: 8 raw mode 1 frames; track 2: a 15-frame pregap in the file, 90 audio frames (1.2 s);
    // track 3: a 15-frame PREGAP not in the file, then 20 audio frames. About 300 KiB in all.
    private const int DataFrames = 8, Pregap2 = 15, Audio2 = 90, Audio3 = 20;

    private static (CdDisc Disc, MemoryCue Files, byte[] User, byte[] Audio) MixedDisc()
    {
        var cue = new MemoryCue();
        byte[] data = MemoryCue.Mode1Raw(DataFrames, 0, 1, out byte[] user);
        cue.Files["data.bin"] = data;
        byte[] audio = MemoryCue.Audio(Pregap2 + Audio2 + Audio3, 2);
        cue.Files["audio.bin"] = audio;
        string sheet = string.Join("\r\n",
            "REM a mixed-mode disc",
            "CATALOG 0123456789012",
            "FILE \"data.bin\" BINARY",
            "  TRACK 01 MODE1/2352",
            "    INDEX 01 00:00:00",
            "FILE \"audio.bin\" BINARY",
            "  TRACK 02 AUDIO",
            "    TITLE \"Second\"",
            "    ISRC USABC9912345",
            "    INDEX 00 00:00:00",
            "    INDEX 01 00:00:15",
            "  TRACK 03 AUDIO",
            "    FLAGS PRE",
            "    PREGAP 00:00:15",
            "    INDEX 01 00:01:30",
            "");
        CdDisc? disc = CueSheet.Parse(sheet, cue, out string error);
        Assert.True(disc != null, error);
        return (disc!, cue, user, audio);
    }

    private sealed class Host
    {
        private readonly TargetRig _rig;

        public Host(TargetRig rig) => _rig = rig;

        public (int Status, int Asc, byte[] Data) Run(byte[] cdb, int dataIn)
        {
            byte[] data = new byte[dataIn];
            IoRequest r = _rig.Request(0, 0, cdb, dataIn > 0 ? data : null, true);
            _rig.Adapter.Execute(r, true);
            int asc = 0;
            if (r.ScsiStatus == Status.CheckCondition)
            {
                byte[] sense = new byte[18];
                Assert.Equal(Errno.Ok, _rig.Adapter.Execute(_rig.Request(0, 0, new byte[] { 0x03, 0, 0, 0, 18, 0 }, sense, true), true));
                asc = (sense[12] << 8) | sense[13];
            }
            return (r.ScsiStatus, asc, data[..(dataIn - r.Residual)]);
        }

        public byte[] Good(byte[] cdb, int dataIn = 0)
        {
            var a = Run(cdb, dataIn);
            Assert.True(a.Status == 0, $"expected GOOD for {cdb[0]:X2}, got status {a.Status:X2} asc {a.Asc:X4}");
            return a.Data;
        }

        public int Check(byte[] cdb, int dataIn = 0)
        {
            var a = Run(cdb, dataIn);
            Assert.True(a.Status == Status.CheckCondition, $"expected CHECK CONDITION for {cdb[0]:X2}");
            return a.Asc;
        }

        public void Sleep(double seconds) => _rig.Bus.Clock.SleepNs((long)(seconds * 1e9));
    }

    private static void OnBus(CdromUnit unit, Action<Host> body)
    {
        using var rig = new TargetRig();
        unit.Clock = rig.Bus.Clock;
        rig.Engine.SetUnit(0, 0, unit, true);
        rig.Run(() =>
        {
            rig.Greet(0, 0);
            Assert.Equal(Errno.Ok, rig.Adapter.StartDevice(0, 0, false, false));
            body(new Host(rig));
        });
        Assert.Equal("", rig.Violations());
        Assert.Equal(rig.Engine.Ring.Count, rig.Engine.Ring.FreeCount);
    }

    private static byte[] ReadToc(bool msf, int format, int start, int allocation = 1024) =>
        new byte[] { 0x43, (byte)(msf ? 2 : 0), (byte)format, 0, 0, 0, (byte)start, (byte)(allocation >> 8), (byte)allocation, 0 };

    private static byte[] SubChannel(int format, bool msf = false, int track = 0) =>
        new byte[] { 0x42, (byte)(msf ? 2 : 0), 0x40, (byte)format, 0, 0, (byte)track, 0, 48, 0 };

    private static byte[] Read10(long lba, int count) =>
        new byte[] { 0x28, 0, (byte)(lba >> 24), (byte)(lba >> 16), (byte)(lba >> 8), (byte)lba, 0, (byte)(count >> 8), (byte)count, 0 };

    private static byte[] ReadCd(long lba, int count, int expected, int fields) =>
        new byte[] { 0xBE, (byte)(expected << 2), (byte)(lba >> 24), (byte)(lba >> 16), (byte)(lba >> 8), (byte)lba, 0, 0, (byte)count, (byte)fields, 0, 0 };

    private static long Be32(byte[] b, int at) => (long)((uint)(b[at] << 24) | (uint)(b[at + 1] << 16) | (uint)(b[at + 2] << 8) | b[at + 3]);

    [Fact]
    public void TheCueSheetBecomesTracksPregapsAndALeadOut()
    {
        var (disc, _, _, _) = MixedDisc();
        Assert.Equal(3, disc.TrackCount);
        Assert.Equal((0L, 8L), (disc.Track(0).Start, disc.Track(0).End));
        Assert.Equal((8L, 23L, 113L), (disc.Track(1).PregapStart, disc.Track(1).Start, disc.Track(1).End));
        // Track 3: 15 silent frames not in the file, then index 1 at 00:01:30 (frame 105) of audio.bin.
        Assert.Equal((113L, 128L, 148L), (disc.Track(2).PregapStart, disc.Track(2).Start, disc.Track(2).End));
        Assert.Equal(148L, disc.LeadOut);
        Assert.Equal((Pregap2 + Audio2) * 2352L, disc.Track(2).FileOffset);
        Assert.Equal(1, disc.Track(2).Control);  // PRE
        Assert.Equal("USABC9912345", disc.Track(1).Isrc);
    }

    [Fact]
    public void ReadTocFormatsZeroOneAndTwo()
    {
        var (disc, _, _, _) = MixedDisc();
        OnBus(CdromUnit.ForDisc(DeviceProfile.GenericCdrom(), disc), h =>
        {
            byte[] toc = h.Good(ReadToc(false, 0, 0), 1024);
            Assert.Equal((1, 3), (toc[2], toc[3]));
            Assert.Equal(4 * 8 + 2, (toc[0] << 8) | toc[1]);
            Assert.Equal((0x14, 1, 0L), (toc[5], toc[6], Be32(toc, 8)));
            Assert.Equal((0x10, 2, 23L), (toc[13], toc[14], Be32(toc, 16)));
            Assert.Equal((0x11, 3, 128L), (toc[21], toc[22], Be32(toc, 24)));
            Assert.Equal((0xAA, 148L), (toc[30], Be32(toc, 32)));

            toc = h.Good(ReadToc(true, 0, 2), 1024);  // from track 2, MSF
            Assert.Equal(3 * 8 + 2, (toc[0] << 8) | toc[1]);
            Assert.Equal(new byte[] { 0, 0, 2, 23 }, toc[8..12]);   // 23 + 150 = 173 frames = 00:02:23
            Assert.Equal(new byte[] { 0, 0, 3, 73 }, toc[24..28]);  // lead-out 148 + 150 = 298 = 00:03:73

            toc = h.Good(ReadToc(false, 1, 0), 12);
            Assert.Equal((1, 1, 1), (toc[2], toc[3], toc[6]));

            toc = h.Good(ReadToc(true, 2, 1), 1024);
            Assert.Equal(2 + 6 * 11, (toc[0] << 8) | toc[1]);
            Assert.Equal((0xA0, 1), (toc[7], toc[12]));
            Assert.Equal((0xA1, 3), (toc[18], toc[23]));
            Assert.Equal((0xA2, 0, 3, 73), (toc[29], toc[34], toc[35], toc[36]));
            Assert.Equal((2, 0, 2, 23), (toc[4 + 4 * 11 + 3], toc[4 + 4 * 11 + 8], toc[4 + 4 * 11 + 9], toc[4 + 4 * 11 + 10]));

            Assert.Equal(0x2400, h.Check(ReadToc(false, 0, 5), 1024));
        });
    }

    [Fact]
    public void DataReadsBackByteExactAndAudioIsNotReadWithRead()
    {
        var (disc, files, user, audio) = MixedDisc();
        OnBus(CdromUnit.ForDisc(DeviceProfile.GenericCdrom(), disc), h =>
        {
            Assert.Equal(user, h.Good(Read10(0, DataFrames), DataFrames * 2048));
            byte[] capacity = h.Good(new byte[] { 0x25, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, 8);
            Assert.Equal(147L, Be32(capacity, 0));
            Assert.Equal(0x6400, h.Check(Read10(7, 2), 4096));
            Assert.Equal(0x6400, h.Check(Read10(30, 1), 2048));

            byte[] header = h.Good(new byte[] { 0x44, 0, 0, 0, 0, 5, 0, 0, 8, 0 }, 8);
            Assert.Equal((1, 5L), (header[0], Be32(header, 4)));
            Assert.Equal(0x6400, h.Check(new byte[] { 0x44, 0, 0, 0, 0, 30, 0, 0, 8, 0 }, 8));

            // READ CD: audio frames as the BIN holds them, data raw or user data only.
            Assert.Equal(audio[(2 * 2352)..(5 * 2352)], h.Good(ReadCd(10, 3, 1, 0x10), 3 * 2352));
            Assert.Equal(files.Files["data.bin"][(2 * 2352)..(4 * 2352)], h.Good(ReadCd(2, 2, 2, 0xF8), 2 * 2352));
            Assert.Equal(user[(2 * 2048)..(4 * 2048)], h.Good(ReadCd(2, 2, 0, 0x10), 2 * 2048));
            Assert.Equal(0x6400, h.Check(ReadCd(2, 1, 1, 0x10), 2352));  // CD-DA expected, data found
            Assert.Equal(new byte[2352], h.Good(ReadCd(120, 1, 1, 0x10), 2352));  // track 3's silent pregap
        });
    }

    [Fact]
    public void AVintageHostPlaysTrackTwoAndPollsThePosition()
    {
        var (disc, _, _, _) = MixedDisc();
        OnBus(CdromUnit.ForDisc(DeviceProfile.GenericCdrom(), disc), h =>
        {
            byte[] idle = h.Good(SubChannel(1), 16);
            Assert.Equal(0x15, idle[1]);

            // PLAY AUDIO TRACK INDEX: track 2 index 1 to track 2.
            h.Good(new byte[] { 0x48, 0, 0, 0, 2, 1, 0, 2, 1, 0 });
            var seen = new List<long>();
            for (int second = 0; second < 3; second++)
            {
                byte[] q = h.Good(SubChannel(1), 16);
                Assert.Equal(0x11, q[1]);          // playing
                Assert.Equal(12, (q[2] << 8) | q[3]);
                Assert.Equal((1, 0x10, 2, 1), (q[4], q[5], q[6], q[7]));
                long absolute = Be32(q, 8), relative = Be32(q, 12);
                Assert.Equal(absolute - 23, relative);
                seen.Add(absolute);
                h.Sleep(0.2);
            }
            // 0.2 s of virtual time is 15 frames (give or take the commands' own time).
            Assert.InRange(seen[0], 23, 25);
            Assert.InRange(seen[1] - seen[0], 15, 17);
            Assert.InRange(seen[2] - seen[1], 15, 17);

            // PAUSE holds the position; RESUME goes on from it.
            h.Good(new byte[] { 0x4B, 0, 0, 0, 0, 0, 0, 0, 0, 0 });
            long paused = Be32(h.Good(SubChannel(1), 16), 8);
            h.Sleep(2.0);
            byte[] still = h.Good(SubChannel(1), 16);
            Assert.Equal(0x12, still[1]);
            Assert.Equal(paused, Be32(still, 8));
            h.Good(new byte[] { 0x4B, 0, 0, 0, 0, 0, 0, 0, 1, 0 });
            h.Sleep(0.4);
            Assert.InRange(Be32(h.Good(SubChannel(1), 16), 8), paused + 30, paused + 32);

            // MSF form: track-relative counts from index 1.
            byte[] m = h.Good(SubChannel(1, msf: true), 16);
            Assert.Equal(2, m[6]);

            // The track ends: COMPLETED once, then no status; the position stays at its end.
            h.Sleep(2.0);
            byte[] done = h.Good(SubChannel(1), 16);
            Assert.Equal(0x13, done[1]);
            Assert.Equal(0x15, h.Good(SubChannel(1), 16)[1]);
        });
    }

    [Fact]
    public void PlayCommandsCheckTheirRangeAndSequence()
    {
        var (disc, _, _, _) = MixedDisc();
        OnBus(CdromUnit.ForDisc(DeviceProfile.GenericCdrom(), disc), h =>
        {
            Assert.Equal(0x6400, h.Check(new byte[] { 0x45, 0, 0, 0, 0, 5, 0, 0, 10, 0 }));      // PLAY AUDIO(10) on data
            Assert.Equal(0x2C00, h.Check(new byte[] { 0x4B, 0, 0, 0, 0, 0, 0, 0, 0, 0 }));       // PAUSE: nothing plays
            h.Good(new byte[] { 0xA5, 0, 0, 0, 0, 0x80, 0, 0, 0, 10, 0, 0 });                     // PLAY AUDIO(12) 128, 10 frames
            Assert.Equal(3, h.Good(SubChannel(1), 16)[6]);
            h.Good(new byte[] { 0x4E, 0, 0, 0, 0, 0, 0, 0, 0, 0 });                              // STOP PLAY/SCAN
            Assert.Equal(0x15, h.Good(SubChannel(1), 16)[1]);
            // PLAY AUDIO MSF 00:02:23 (LBA 23) to 00:02:50; then START STOP UNIT stops it.
            h.Good(new byte[] { 0x47, 0, 0, 0, 2, 23, 0, 2, 50, 0 });
            Assert.Equal(0x11, h.Good(SubChannel(1), 16)[1]);
            h.Good(new byte[] { 0x1B, 0, 0, 0, 0, 0 });
            Assert.Equal(0x15, h.Good(SubChannel(1), 16)[1]);
            Assert.Equal(0x2400, h.Check(new byte[] { 0x47, 0, 0, 0, 2, 50, 0, 2, 23, 0 }));     // end before start
        });
    }

    [Fact]
    public void TheSubChannelGivesTheCatalogNumberAndIsrc()
    {
        var (disc, _, _, _) = MixedDisc();
        OnBus(CdromUnit.ForDisc(DeviceProfile.GenericCdrom(), disc), h =>
        {
            byte[] mcn = h.Good(SubChannel(2), 24);
            Assert.Equal(20, (mcn[2] << 8) | mcn[3]);
            Assert.Equal((2, 0x80), (mcn[4], mcn[8]));
            Assert.Equal("0123456789012", System.Text.Encoding.ASCII.GetString(mcn, 9, 13));
            byte[] isrc = h.Good(SubChannel(3, track: 2), 24);
            Assert.Equal((3, 2, 0x80), (isrc[4], isrc[6], isrc[8]));
            Assert.Equal("USABC9912345", System.Text.Encoding.ASCII.GetString(isrc, 9, 12));
            Assert.Equal(0, h.Good(SubChannel(3, track: 3), 24)[8]);  // no ISRC for track 3
            Assert.Equal(0x2400, h.Check(SubChannel(3, track: 9), 24));
            // Without SubQ only the header comes.
            Assert.Equal(4, h.Good(new byte[] { 0x42, 0, 0, 1, 0, 0, 0, 0, 48, 0 }, 48).Length);
        });
    }

    [Fact]
    public void TheAudioControlPageTakesNewVolumes()
    {
        var (disc, _, _, _) = MixedDisc();
        OnBus(CdromUnit.ForDisc(DeviceProfile.GenericCdrom(), disc), h =>
        {
            byte[] page = h.Good(new byte[] { 0x1A, 0x08, 0x0E, 0, 20, 0 }, 20);
            Assert.Equal(0x0E, page[4] & 0x3F);
            Assert.Equal(0xFF, page[4 + 9]);
        });
    }

    [Fact]
    public void CueSheetsItCannotServeAreRefusedWithTheLine()
    {
        var cue = new MemoryCue();
        cue.Files["a.bin"] = new byte[2352 * 4];
        string Error(string sheet)
        {
            Assert.Null(CueSheet.Parse(sheet, cue, out string e));
            return e;
        }
        Assert.StartsWith("line 2: track mode MODE2/2336", Error("FILE \"a.bin\" BINARY\nTRACK 01 MODE2/2336\nINDEX 01 00:00:00"));
        Assert.StartsWith("line 1: the file b.bin", Error("FILE \"b.bin\" BINARY\nTRACK 01 AUDIO\nINDEX 01 00:00:00"));
        Assert.StartsWith("line 1: FILE type WAVE", Error("FILE \"a.bin\" WAVE\nTRACK 01 AUDIO\nINDEX 01 00:00:00"));
        Assert.StartsWith("line 3: POSTGAP", Error("FILE \"a.bin\" BINARY\nTRACK 01 AUDIO\nPOSTGAP 00:02:00\nINDEX 01 00:00:00"));
        Assert.StartsWith("line 3: INDEX takes", Error("FILE \"a.bin\" BINARY\nTRACK 01 AUDIO\nINDEX 01 00:61:00"));
        Assert.StartsWith("line 4: track 03", Error("FILE \"a.bin\" BINARY\nTRACK 01 AUDIO\nINDEX 01 00:00:00\nTRACK 03 AUDIO"));
        Assert.Contains("no TRACK with an INDEX", Error("FILE \"a.bin\" BINARY\nTRACK 01 AUDIO"));
    }
}

/// <summary>READ CD only where the drive has it; Plextor's vendor READ CDDA where it is a Plextor.</summary>
public class CdProfileOverBusTests
{
    [Fact]
    public void ReadCdAndReadCddaFollowTheProfile()
    {
        var cue = new MemoryCue();
        byte[] audio = MemoryCue.Audio(10, 7);
        cue.Files["a.bin"] = audio;
        CdDisc disc = CueSheet.Parse("FILE \"a.bin\" BINARY\nTRACK 01 AUDIO\nINDEX 01 00:00:00\n", cue, out string error)!;
        Assert.Equal("", error);
        byte[] readCd = { 0xBE, 0x04, 0, 0, 0, 5, 0, 0, 2, 0x10, 0, 0 };
        byte[] readCdda = { 0xD8, 0, 0, 0, 0, 5, 0, 0, 0, 2, 0, 0 };
        foreach (var (profile, cd, cdda) in new[] { (DeviceProfile.GenericCdrom(), true, false), (DeviceProfile.ToshibaXm3401(), false, false), (DeviceProfile.PlextorPx12Cs(), false, true) })
        {
            using var rig = new TargetRig();
            rig.Engine.SetUnit(0, 0, CdromUnit.ForDisc(profile, disc), true);
            rig.Run(() =>
            {
                rig.Greet(0, 0);
                Assert.Equal(Errno.Ok, rig.Adapter.StartDevice(0, 0, false, false));
                foreach (var (cdb, served) in new[] { (readCd, cd), (readCdda, cdda) })
                {
                    byte[] data = new byte[2 * 2352];
                    IoRequest r = rig.Request(0, 0, cdb, data, true);
                    rig.Adapter.Execute(r, true);
                    Assert.Equal(served ? Status.Good : Status.CheckCondition, r.ScsiStatus);
                    if (served) Assert.Equal(audio[(5 * 2352)..(7 * 2352)], data);
                }
            });
        }
    }
}
