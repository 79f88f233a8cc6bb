using ScsiBridge.Cli.Imaging;
using ScsiBridge.Client.Imaging;
using Xunit;

namespace ScsiBridge.Cli.Tests;

/// <summary>A tape imaged file by file into SIMH .tap, against the emulated tape drive.</summary>
public sealed class TapeDumpTests
{
    private static byte[] Tape(bool badRecord)
    {
        var stream = new MemoryStream();
        var tap = new SimhTapeWriter(stream);
        var noise = new Random(11);
        foreach (int length in new[] { 512, 1000, 777 })
        {
            byte[] r = new byte[length];
            noise.NextBytes(r);
            tap.Record(r);
        }
        tap.Mark();
        for (int i = 0; i < 3; i++)
        {
            byte[] r = new byte[10240];
            noise.NextBytes(r);
            tap.Record(r, bad: badRecord && i == 1);
        }
        tap.Mark();
        tap.End();
        return stream.ToArray();
    }

    [Fact]
    public void A_tape_is_dumped_file_by_file_to_the_same_tap_image()
    {
        byte[] source = Tape(badRecord: false);
        using var sim = new Simulator(f => File.WriteAllBytes(f.File("backup.tap"), source), "--tape", "4:{dir}/backup.tap");
        string image = sim.Folder.File("dumped.tap");
        var r = sim.Run("dump", "--id", "4", "-o", image, "--json");
        Assert.True(r.Code == 0, r.Err);
        Assert.Equal("simh-tap", r.Json.GetProperty("format").GetString());
        Assert.Equal(2, r.Json.GetProperty("files").GetInt32());
        Assert.Equal(6, r.Json.GetProperty("records").GetInt32());
        Assert.Equal(source, File.ReadAllBytes(image));

        var scan = sim.Run("scan", "--json").Json.GetProperty("devices").EnumerateArray().Single(d => d.GetProperty("id").GetInt32() == 4);
        Assert.Equal("tape", scan.GetProperty("typeName").GetString());
    }

    [Fact]
    public void A_record_read_with_an_error_is_kept_as_a_bad_record()
    {
        byte[] source = Tape(badRecord: true);
        using var sim = new Simulator(f => File.WriteAllBytes(f.File("worn.tap"), source), "--tape", "4:{dir}/worn.tap");
        string image = sim.Folder.File("dumped.tap");
        var r = sim.Run("dump", "--id", "4", "-o", image, "--json");
        Assert.Equal(ExitCodes.Incomplete, r.Code);
        Assert.Equal(1, r.Json.GetProperty("badRecords").GetInt32());
        Assert.Equal(source, File.ReadAllBytes(image));
    }

    /// <summary>files x records of random lengths (odd ones among them), each file closed by a mark.</summary>
    private static byte[] ManyRecords(int files, int records, int seed, int fixedLength = 0)
    {
        var stream = new MemoryStream();
        var tap = new SimhTapeWriter(stream);
        var noise = new Random(seed);
        for (int f = 0; f < files; f++)
        {
            for (int i = 0; i < records; i++)
            {
                byte[] r = new byte[fixedLength > 0 ? fixedLength : noise.Next(1, 1500)];
                noise.NextBytes(r);
                tap.Record(r);
            }
            tap.Mark();
        }
        tap.End();
        return stream.ToArray();
    }

    [Fact]
    public async Task An_interrupted_tape_dump_resumes_from_its_record_to_the_same_image()
    {
        byte[] source = ManyRecords(4, 30, 5);
        using var sim = new Simulator(f => File.WriteAllBytes(f.File("long.tap"), source), "--tape", "4:{dir}/long.tap");
        string image = sim.Folder.File("resumed.tap");
        using var interrupt = new CancellationTokenSource();
        Task trigger = Task.Run(async () =>
        {
            while (sim.Bridge.CommandsServed(0x08) < 50) await Task.Delay(1);
            interrupt.Cancel();
        });
        var first = await sim.RunAsync(interrupt.Token, "dump", "--id", "4", "-o", image);
        await trigger;
        Assert.Equal(ExitCodes.Interrupted, first.Code);
        Assert.Contains("run the same dump again", first.Err);
        Assert.False(File.Exists(image));

        // The record never claims more than the partial image holds, and what it holds is the tape's start.
        var record = TapeDumpRecord.Parse(File.ReadAllText(image + ".tapemap"), "tapemap");
        byte[] partial = File.ReadAllBytes(image + ".part");
        Assert.True(record.Records > 0 && record.Records < 120, "stopped part way: " + record.Records);
        Assert.True(partial.Length >= record.ImageBytes);
        Assert.Equal(source[..(int)record.ImageBytes], partial[..(int)record.ImageBytes]);

        int readsBefore = sim.Bridge.CommandsServed(0x08);
        var second = sim.Run("dump", "--id", "4", "-o", image, "--json");
        Assert.True(second.Code == 0, second.Err);
        Assert.True(second.Json.GetProperty("resumed").GetBoolean());
        Assert.Equal(120, second.Json.GetProperty("records").GetInt32());
        Assert.Equal(source, File.ReadAllBytes(image));
        Assert.False(File.Exists(image + ".tapemap"));
        Assert.False(File.Exists(image + ".part"));
        // Only the rest was read: the records done were spaced over, not read again.
        Assert.True(sim.Bridge.CommandsServed(0x08) - readsBefore <= 120 - record.Records + 5);
    }

    [Fact]
    public void A_tap_restored_onto_a_blank_tape_is_the_same_tap_and_dumps_back()
    {
        byte[] source = ManyRecords(3, 8, 21);
        using var sim = new Simulator("--tape", "4:{dir}/blank.tap:rw", "--tape-drive", "4:dds");
        string tap = sim.Folder.File("source.tap");
        File.WriteAllBytes(tap, source);

        var refused = sim.Run("restore", tap, "--id", "4", "--yes");
        Assert.Equal(ExitCodes.Permission, refused.Code);

        var r = sim.Run("restore", tap, "--id", "4", "--allow-write", "--yes", "--json");
        Assert.True(r.Code == 0, r.Err);
        Assert.Equal(24, r.Json.GetProperty("records").GetInt32());
        Assert.Equal(3, r.Json.GetProperty("marks").GetInt32());
        Assert.Equal(27, r.Json.GetProperty("verify").GetProperty("compared").GetInt32());
        Assert.Equal(0, r.Json.GetProperty("verify").GetProperty("differing").GetInt32());
        Assert.Equal(source, File.ReadAllBytes(sim.Folder.File("blank.tap")));

        string back = sim.Folder.File("back.tap");
        Assert.Equal(0, sim.Run("dump", "--id", "4", "-o", back).Code);
        Assert.Equal(source, File.ReadAllBytes(back));
    }

    [Fact]
    public void A_fixed_block_qic_drive_is_dumped_and_restored_in_fixed_blocks()
    {
        byte[] source = ManyRecords(2, 10, 8, fixedLength: 512);
        using var sim = new Simulator(f =>
        {
            File.WriteAllBytes(f.File("qic.tap"), source);
            File.WriteAllBytes(f.File("blank.tap"), Array.Empty<byte>());
        }, "--tape", "4:{dir}/qic.tap", "--tape-drive", "4:qic", "--tape", "2:{dir}/blank.tap:rw", "--tape-drive", "2:qic");
        string image = sim.Folder.File("qic-dump.tap");
        var r = sim.Run("dump", "--id", "4", "-o", image, "--json");
        Assert.True(r.Code == 0, r.Err);
        Assert.Equal(512, r.Json.GetProperty("blockLength").GetInt32());
        Assert.Equal(source, File.ReadAllBytes(image));

        Assert.Equal(0, sim.Run("restore", image, "--id", "2", "--allow-write", "--yes").Code);
        Assert.Equal(source, File.ReadAllBytes(sim.Folder.File("blank.tap")));

        // A variable-length image does not fit a fixed-block drive: refused before writing anything.
        string odd = sim.Folder.File("odd.tap");
        File.WriteAllBytes(odd, ManyRecords(1, 3, 9));
        var refused = sim.Run("restore", odd, "--id", "2", "--allow-write", "--yes");
        Assert.Equal(ExitCodes.Failure, refused.Code);
        Assert.Contains("fixed 512-byte blocks only", refused.Err);
        Assert.Equal(source, File.ReadAllBytes(sim.Folder.File("blank.tap")));
    }

    [Fact]
    public void A_record_longer_than_one_read_is_kept_truncated_as_a_bad_record_and_named()
    {
        // The EXB-8200 reads at most 240 KiB; the bridge's largest transfer is smaller still.
        var stream = new MemoryStream();
        var tap = new SimhTapeWriter(stream);
        byte[] big = new byte[300_000];
        new Random(3).NextBytes(big);
        tap.Record(big);
        tap.Mark();
        tap.End();
        using var sim = new Simulator(f => File.WriteAllBytes(f.File("big.tap"), stream.ToArray()), "--tape", "4:{dir}/big.tap", "--tape-drive", "4:exabyte");
        string image = sim.Folder.File("big-dump.tap");
        // The EXB-8200 starts in fixed 1024-byte mode: a read-only dump says what to do.
        var fixedMode = sim.Run("dump", "--id", "4", "-o", image);
        Assert.Equal(ExitCodes.Failure, fixedMode.Code);
        Assert.Contains("run the dump again with --variable --force", fixedMode.Err);
        var r = sim.Run("dump", "--id", "4", "-o", image, "--json", "--variable", "--force");
        Assert.Equal(ExitCodes.Incomplete, r.Code);
        Assert.Equal(1, r.Json.GetProperty("badRecords").GetInt32());
        Assert.True(r.Err.Contains("is 300000 bytes, more than the"), r.Err);
        using var dumped = File.OpenRead(image);
        var reader = new SimhTapeReader(dumped);
        Assert.Equal(TapObject.Record, reader.Next());
        Assert.True(reader.Bad);
        Assert.Equal(big[..reader.Data.Length], reader.Data);
        Assert.Equal(TapObject.Mark, reader.Next());
    }

    [Fact]
    public void A_tape_drive_identity_is_cloned_and_served_and_a_tap_is_served_from_the_image_library()
    {
        byte[] source = ManyRecords(2, 4, 13);
        using var sim = new Simulator(f =>
        {
            File.WriteAllBytes(f.File("t.tap"), source);
            Directory.CreateDirectory(f.File("images"));
            File.WriteAllBytes(f.File("images/lib.tap"), source);
        }, "--tape", "4:{dir}/t.tap", "--tape-drive", "4:exabyte", "--images", "{dir}/images");
        string profile = sim.Folder.File("exb.profile");
        var id = sim.Run("identity", "--id", "4", "-o", profile, "--json");
        Assert.True(id.Code == 0, id.Err);
        Assert.Contains("EXB-8200", File.ReadAllText(profile));

        using var clone = new Simulator(f => File.WriteAllBytes(f.File("c.tap"), source), "--tape", "1:{dir}/c.tap", "--profile", "1:" + profile);
        Assert.Equal(sim.Run("inquiry", "--id", "4", "--json").Json.GetProperty("data").GetString(),
                     clone.Run("inquiry", "--id", "1", "--json").Json.GetProperty("data").GetString());

        var attach = sim.Run("target", "attach", "--id", "5", "--name", "lib.tap", "--kind", "tape", "--json");
        Assert.True(attach.Code == 0, attach.Err);
        string image = sim.Folder.File("from-library.tap");
        Assert.Equal(0, sim.Run("dump", "--id", "5", "-o", image).Code);
        Assert.Equal(source, File.ReadAllBytes(image));
        Assert.Equal(0, sim.Run("target", "eject", "--id", "5").Code);
        Assert.Equal(ExitCodes.CheckCondition, sim.Run("tur", "--id", "5").Code);
    }
}

/// <summary>A mixed-mode CD (a data track, two audio tracks) served from CUE/BIN and dumped back into CUE/BIN.</summary>
public sealed class CdDumpTests
{
    private static byte[] Mode1Raw(int sectors, int seed)
    {
        var noise = new Random(seed);
        byte[] raw = new byte[sectors * 2352];
        noise.NextBytes(raw);
        for (int s = 0; s < sectors; s++)
        {
            int at = s * 2352;
            raw[at] = 0;
            for (int i = 1; i <= 10; i++) raw[at + i] = 0xFF;
            raw[at + 11] = 0;
            raw[at + 15] = 1;  // mode 1
        }
        return raw;
    }

    private const string Sheet = "CATALOG 0123456789012\nFILE \"data.bin\" BINARY\n  TRACK 01 MODE1/2352\n    INDEX 01 00:00:00\n"
        + "FILE \"audio.bin\" BINARY\n  TRACK 02 AUDIO\n    ISRC USABC9912345\n    INDEX 00 00:00:00\n    INDEX 01 00:00:15\n"
        + "  TRACK 03 AUDIO\n    FLAGS PRE\n    PREGAP 00:00:15\n    INDEX 01 00:01:30\n";

    [Fact]
    public void A_mixed_mode_cd_is_dumped_to_bin_and_cue_that_serve_the_same_disc()
    {
        byte[] data = Mode1Raw(8, 1);
        byte[] audio = new byte[125 * 2352];
        new Random(2).NextBytes(audio);
        using var sim = new Simulator(f =>
        {
            File.WriteAllBytes(f.File("data.bin"), data);
            File.WriteAllBytes(f.File("audio.bin"), audio);
            File.WriteAllText(f.File("mixed.cue"), Sheet);
        }, "--cdrom", "2:{dir}/mixed.cue");
        string cue = sim.Folder.File("out.cue");
        var r = sim.Run("dump", "--id", "2", "-o", cue, "--json");
        Assert.True(r.Code == 0, r.Err);
        Assert.Equal(148, r.Json.GetProperty("leadOut").GetInt32());

        // Every frame of the disc once: the data raw, the audio with track 3's silent pregap as zeros.
        byte[] expected = data.Concat(audio[..(105 * 2352)]).Concat(new byte[15 * 2352]).Concat(audio[(105 * 2352)..]).ToArray();
        Assert.Equal(expected, File.ReadAllBytes(sim.Folder.File("out.bin")));
        string sheet = File.ReadAllText(cue);
        Assert.True(sheet.Contains("CATALOG 0123456789012"), sheet);
        Assert.True(sheet.Contains("TRACK 01 MODE1/2352"), sheet);
        Assert.True(sheet.Contains("TRACK 02 AUDIO\n    ISRC USABC9912345\n    INDEX 00 00:00:08\n    INDEX 01 00:00:23\n"), sheet);
        Assert.True(sheet.Contains("TRACK 03 AUDIO\n    FLAGS PRE\n    INDEX 01 00:01:53\n"), sheet);

        // Served again, the dumped disc dumps to the same BIN and sheet.
        using var again = new Simulator(f =>
        {
            File.Copy(sim.Folder.File("out.bin"), f.File("out.bin"));
            File.Copy(cue, f.File("out.cue"));
        }, "--cdrom", "2:{dir}/out.cue");
        string cue2 = again.Folder.File("again.cue");
        Assert.Equal(0, again.Run("dump", "--id", "2", "-o", cue2).Code);
        Assert.Equal(expected, File.ReadAllBytes(again.Folder.File("again.bin")));
        Assert.Equal(sheet.Replace("out.bin", "again.bin"), File.ReadAllText(cue2));
        // The data track reads the same through READ(10) on both.
        Assert.Equal(sim.Run("cdb", "--privileged", "28 00 00 00 00 05 00 00 01 00", "--in", "2048", "--id", "2", "--json").Json.GetProperty("data").GetString(),
                     again.Run("cdb", "--privileged", "28 00 00 00 00 05 00 00 01 00", "--in", "2048", "--id", "2", "--json").Json.GetProperty("data").GetString());
    }

    [Fact]
    public void A_cue_sheet_in_the_image_folder_is_served_as_a_cd_rom()
    {
        byte[] data = Mode1Raw(8, 3);
        byte[] audio = new byte[125 * 2352];
        new Random(4).NextBytes(audio);
        using var sim = new Simulator(f =>
        {
            Directory.CreateDirectory(f.File("images"));
            File.WriteAllBytes(f.File("images/data.bin"), data);
            File.WriteAllBytes(f.File("images/audio.bin"), audio);
            File.WriteAllText(f.File("images/mixed.cue"), Sheet);
            File.WriteAllText(f.File("images/broken.cue"), "FILE \"data.bin\" BINARY\nTRACK 01 MODE1/2352\nINDEX 01 00:00:00\nFILE \"gone.bin\" BINARY\n");
        }, "--images", "{dir}/images");
        Assert.NotEqual(0, sim.Run("target", "attach", "--id", "5", "--name", "broken.cue", "--kind", "cdrom").Code);
        var attach = sim.Run("target", "attach", "--id", "5", "--name", "mixed.cue", "--kind", "cdrom");
        Assert.True(attach.Code == 0, attach.Err);
        string cue = sim.Folder.File("lib.cue");
        Assert.Equal(0, sim.Run("dump", "--id", "5", "-o", cue).Code);
        byte[] expected = data.Concat(audio[..(105 * 2352)]).Concat(new byte[15 * 2352]).Concat(audio[(105 * 2352)..]).ToArray();
        Assert.Equal(expected, File.ReadAllBytes(sim.Folder.File("lib.bin")));
        Assert.Equal(0, sim.Run("target", "detach", "--id", "5").Code);
    }

    [Fact]
    public void A_plextor_gives_its_audio_through_read_cdda_and_a_toshiba_says_it_cannot()
    {
        byte[] data = Mode1Raw(8, 5);
        byte[] audio = new byte[125 * 2352];
        new Random(6).NextBytes(audio);
        using var sim = new Simulator(f =>
        {
            File.WriteAllBytes(f.File("data.bin"), data);
            File.WriteAllBytes(f.File("audio.bin"), audio);
            File.WriteAllText(f.File("mixed.cue"), Sheet);
            File.WriteAllText(f.File("plextor.profile"), ScsiBridge.Firmware.Emulation.ProfileFile.Write(ScsiBridge.Firmware.Emulation.DeviceProfile.PlextorPx12Cs()));
            File.WriteAllText(f.File("toshiba.profile"), ScsiBridge.Firmware.Emulation.ProfileFile.Write(ScsiBridge.Firmware.Emulation.DeviceProfile.ToshibaXm3401()));
        }, "--cdrom", "2:{dir}/mixed.cue", "--profile", "2:{dir}/plextor.profile", "--cdrom", "4:{dir}/mixed.cue", "--profile", "4:{dir}/toshiba.profile");
        string cue = sim.Folder.File("plextor.cue");
        var r = sim.Run("dump", "--id", "2", "-o", cue, "--json");
        Assert.True(r.Code == 0, r.Err);
        Assert.Equal("READ CDDA (D8h)", r.Json.GetProperty("audioCommand").GetString());
        // Without READ CD the data track comes as user data (MODE1/2048): bytes 16 to 2063 of each frame.
        byte[] user = Enumerable.Range(0, 8).SelectMany(s => data.Skip(s * 2352 + 16).Take(2048)).ToArray();
        byte[] expected = user.Concat(audio[..(105 * 2352)]).Concat(new byte[15 * 2352]).Concat(audio[(105 * 2352)..]).ToArray();
        Assert.Contains("TRACK 01 MODE1/2048", File.ReadAllText(cue));
        Assert.Equal(expected, File.ReadAllBytes(sim.Folder.File("plextor.bin")));

        var toshiba = sim.Run("dump", "--id", "4", "-o", sim.Folder.File("toshiba.cue"));
        Assert.Equal(ExitCodes.Failure, toshiba.Code);
        Assert.Contains("no READ CD", toshiba.Err);
        Assert.False(File.Exists(sim.Folder.File("toshiba.bin")));
    }

    [Fact]
    public void A_cue_sheet_the_emulation_cannot_serve_is_refused_with_its_line()
    {
        var r = Cli.Run("sim", "--cdrom", "2:" + WriteBad(), "--full-speed");
        Assert.Equal(ExitCodes.Usage, r.Code);
        Assert.Contains("line 2: track mode MODE2/2336", r.Err);
    }

    private static string WriteBad()
    {
        string dir = Path.Combine(Path.GetTempPath(), "cue-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(Path.Combine(dir, "a.bin"), new byte[2352 * 4]);
        File.WriteAllText(Path.Combine(dir, "bad.cue"), "FILE \"a.bin\" BINARY\nTRACK 01 MODE2/2336\nINDEX 01 00:00:00\n");
        return Path.Combine(dir, "bad.cue");
    }
}
