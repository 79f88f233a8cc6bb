using System.Text.Json;
using ScsiBridge.Firmware.Emulation;
using Xunit;

namespace ScsiBridge.Cli.Tests;

/// <summary>The query commands against one simulator: their JSON, their text, their exit codes.</summary>
public sealed class CommandTests : IClassFixture<CommandTests.Bus>
{
    public sealed class Bus : IDisposable
    {
        internal Simulator Sim { get; } = new Simulator(f =>
        {
            Directory.CreateDirectory(f.File("images"));
            ScsiBridge.Cli.Demo.DemoMedia.WriteDisk(f.File("images/spare.img"), 1);
        }, "--images", "{dir}/images");

        public void Dispose() => Sim.Dispose();
    }

    private readonly Simulator _sim;

    public CommandTests(Bus bus)
    {
        _sim = bus.Sim;
    }

    [Fact]
    public void Ports_lists_candidates_as_a_json_array()
    {
        var r = Cli.Run("ports", "--json");
        Assert.Equal(0, r.Code);
        Assert.True(r.Json.GetProperty("ok").GetBoolean());
        Assert.Equal(JsonValueKind.Array, r.Json.GetProperty("ports").ValueKind);
    }

    [Fact]
    public void Info_reports_the_bridge_hello_and_adapter()
    {
        var r = _sim.Run("info", "--json");
        Assert.Equal(0, r.Code);
        Assert.Equal("ScsiBridge simulator", r.Json.GetProperty("hello").GetProperty("boardName").GetString());
        Assert.Equal(4, r.Json.GetProperty("hello").GetProperty("window").GetInt32());
        Assert.Equal(7, r.Json.GetProperty("adapter").GetProperty("scsiId").GetInt32());
        var text = _sim.Run("info");
        Assert.Contains("request window:", text.Out);
        Assert.Contains("disconnect, synchronous", text.Out);
    }

    [Fact]
    public void Scan_finds_the_disk_and_cdrom_with_capacities()
    {
        var r = _sim.Run("scan", "--json");
        Assert.Equal(0, r.Code);
        var devices = r.Json.GetProperty("devices").EnumerateArray().ToList();
        var disk = devices.Single(d => d.GetProperty("id").GetInt32() == 0);
        Assert.Equal("disk", disk.GetProperty("typeName").GetString());
        Assert.Equal(2048, disk.GetProperty("blocks").GetInt64());
        Assert.Equal(512, disk.GetProperty("blockLength").GetInt32());
        var cd = devices.Single(d => d.GetProperty("id").GetInt32() == 3);
        Assert.Equal("CD-ROM", cd.GetProperty("typeName").GetString());
        Assert.Equal(64, cd.GetProperty("blocks").GetInt64());
        Assert.Equal("NORESP", devices.Single(d => d.GetProperty("id").GetInt32() == 1).GetProperty("probe").GetString());

        var text = _sim.Run("scan");
        string[] lines = text.Out.Split('\n');
        Assert.StartsWith("ID:LUN  TYPE", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("3:0 ") && l.Contains("CD-ROM") && l.Contains("(2048)") && l.EndsWith("EXISTS"));
        Assert.DoesNotContain("\u001b[", text.Out);  // plain when not a terminal
    }

    [Fact]
    public void Scan_fits_80_columns_with_a_disk_of_a_hundred_and_fifty_gigabytes()
    {
        // A sparse file: the size is what matters, nothing is read.
        using var sim = new Simulator(f =>
        {
            using var big = File.Create(f.File("big.img"));
            big.SetLength(150L << 30);
        }, "--disk", "1:{dir}/big.img:ro");
        var text = sim.Run("scan");
        Assert.Equal(0, text.Code);
        string[] lines = text.Out.TrimEnd('\n').Split('\n');
        Assert.Contains(lines, l => l.StartsWith("1:0 ") && l.Contains("161.06 GB (512)"));
        Assert.All(lines, l => Assert.True(l.Length <= 80, "wider than 80 columns: " + l));
    }

    [Fact]
    public void Inquiry_tur_readcap_and_sense_answer_in_json()
    {
        var inq = _sim.Run("inquiry", "--id", "0", "--json");
        Assert.Equal(0, inq.Code);
        Assert.Equal("SCSIBRDG", inq.Json.GetProperty("vendor").GetString());
        Assert.StartsWith("00", inq.Json.GetProperty("data").GetString());

        var tur = _sim.Run("tur", "--id", "3", "--json");
        Assert.True(tur.Json.GetProperty("ready").GetBoolean(), tur.Out);

        var cap = _sim.Run("readcap", "--id", "3", "--json");
        Assert.Equal(0, cap.Code);
        Assert.Equal(64, cap.Json.GetProperty("blocks").GetInt64());
        Assert.Equal(2048, cap.Json.GetProperty("blockLength").GetInt32());
        Assert.Equal(63, cap.Json.GetProperty("lastLba").GetInt64());

        var sense = _sim.Run("sense", "--id", "0", "--json");
        Assert.Equal(0, sense.Code);
        Assert.Equal(JsonValueKind.Object, sense.Json.GetProperty("sense").ValueKind);
    }

    [Fact]
    public void Modes_decodes_the_disk_pages_and_keeps_their_bytes()
    {
        var r = _sim.Run("modes", "--id", "0", "--json");
        Assert.Equal(0, r.Code);
        var pages = r.Json.GetProperty("pages").EnumerateArray().ToList();
        Assert.Equal(new[] { 1, 2, 3, 4, 8, 10 }, pages.Select(p => p.GetProperty("code").GetInt32()).OrderBy(c => c));
        var geometry = pages.Single(p => p.GetProperty("code").GetInt32() == 4);
        Assert.Equal("rigid disk geometry", geometry.GetProperty("name").GetString());
        Assert.True(geometry.GetProperty("fields").TryGetProperty("heads", out _));
        Assert.StartsWith("04", geometry.GetProperty("bytes").GetString());
        var text = _sim.Run("modes", "--id", "0");
        Assert.Contains("page 08h caching", text.Out);
        Assert.Contains("write cache:", text.Out);
    }

    [Fact]
    public void Cdb_needs_privileged_and_then_sends_any_command()
    {
        var refused = _sim.Run("cdb", "--id", "0", "--in", "36", "12", "00", "00", "00", "24", "00");
        Assert.Equal(ExitCodes.Permission, refused.Code);
        Assert.Contains("--privileged", refused.Err);

        var r = _sim.Run("cdb", "--id", "0", "--in", "36", "--privileged", "12:00:00:00:24:00");
        Assert.Equal(0, r.Code);
        Assert.Contains("GOOD, 36 of 36 bytes read", r.Out);
        Assert.Contains("SCSIBRDG", r.Out);  // the ASCII column of the dump
        Assert.Contains("0000  00 ", r.Out);

        string saved = _sim.Folder.File("inquiry.bin");
        var raw = _sim.Run("cdb", "--id", "0", "--in", "36", "--privileged", "--output", saved, "12 00 00 00 24 00", "--json");
        Assert.Equal(0, raw.Code);
        Assert.Equal(36, File.ReadAllBytes(saved).Length);
        Assert.Equal(saved, raw.Json.GetProperty("savedTo").GetString());
    }

    [Fact]
    public void Cdb_check_condition_is_exit_5_with_the_sense_decoded()
    {
        // READ(10) past the end of a 2048-block disk.
        var r = _sim.Run("cdb", "--id", "0", "--in", "512", "--privileged", "--sense", "28 00 00 01 00 00 00 00 01 00", "--json");
        Assert.Equal(ExitCodes.CheckCondition, r.Code);
        Assert.Equal("CHECK CONDITION", r.Json.GetProperty("statusName").GetString());
        Assert.Equal(5, r.Json.GetProperty("sense").GetProperty("key").GetInt32());
        Assert.Equal(0x21, r.Json.GetProperty("sense").GetProperty("asc").GetInt32());
    }

    [Fact]
    public void Cdb_sends_exactly_its_command_so_the_sense_it_left_is_still_there()
    {
        _sim.Run("tur", "--id", "0");  // takes any unit attention first
        int inquiries = _sim.Bridge.CommandsServed(0x12);
        var failed = _sim.Run("cdb", "--id", "0", "--in", "512", "--privileged", "28 00 00 01 00 00 00 00 01 00");  // past the end, no --sense
        Assert.Equal(ExitCodes.CheckCondition, failed.Code);
        var sense = _sim.Run("cdb", "--id", "0", "--in", "18", "--privileged", "03 00 00 00 12 00", "--json");
        Assert.Equal(0, sense.Code);
        byte[] data = Convert.FromHexString(sense.Json.GetProperty("data").GetString()!);
        Assert.Equal(5, data[2] & 0x0F);   // ILLEGAL REQUEST, from the READ: no probe ran in between
        Assert.Equal(0x21, data[12]);
        Assert.Equal(inquiries, _sim.Bridge.CommandsServed(0x12));
    }

    [Fact]
    public void Cdb_reaches_a_lun_that_reports_no_unit()
    {
        var r = _sim.Run("cdb", "--id", "0", "--lun", "3", "--in", "36", "--privileged", "12 00 00 00 24 00", "--json");
        Assert.Equal(0, r.Code);
        Assert.StartsWith("7F", r.Json.GetProperty("data").GetString());  // qualifier 011b, type 1Fh
    }

    [Fact]
    public void Cdb_beyond_the_largest_transfer_is_refused_before_anything_is_sent()
    {
        int before = _sim.Bridge.CommandsServed(0x12);
        var r = _sim.Run("cdb", "--id", "0", "--in", "16777217", "--privileged", "12 00 00 00 24 00", "--json");
        Assert.Equal(ExitCodes.Usage, r.Code);
        Assert.False(r.Json.GetProperty("ok").GetBoolean());
        Assert.Contains("largest transfer, 16777216 bytes", r.Err);
        Assert.Equal(before, _sim.Bridge.CommandsServed(0x12));
        Assert.Equal(ExitCodes.DeviceNotFound, _sim.Run("cdb", "--id", "2", "--in", "36", "--privileged", "12 00 00 00 24 00").Code);
    }

    [Fact]
    public void Cdb_out_says_how_much_the_device_took()
    {
        using var sim = new Simulator(f => File.WriteAllBytes(f.File("w.img"), new byte[64 * 512]), "--disk", "1:{dir}/w.img");
        sim.Run("tur", "--id", "1");  // the power-on unit attention
        string two = sim.Folder.File("two-blocks.bin");
        File.WriteAllBytes(two, Enumerable.Range(0, 1024).Select(i => (byte)i).ToArray());
        // WRITE(10) of one block with two blocks of data: the device takes only the first.
        var r = sim.Run("cdb", "--id", "1", "--privileged", "--out", two, "2A 00 00 00 00 00 00 00 01 00", "--json");
        Assert.Equal(0, r.Code);
        Assert.Equal(512, r.Json.GetProperty("bytesOut").GetInt32());
        Assert.Contains("512 of 1024 bytes sent", sim.Run("cdb", "--id", "1", "--privileged", "--out", two, "2A 00 00 00 00 00 00 00 01 00").Out);
    }

    [Fact]
    public async Task Automatic_sense_survives_the_reads_queued_behind_a_failing_one()
    {
        await using var client = await ScsiBridge.Client.Api.BridgeClient.ConnectAsync(_sim.Port);
        await client.ElevateAsync();
        await client.ProbeAsync(0);
        await client.StartDeviceAsync(0, 0);
        try
        {
            byte[] pastTheEnd = { 0x28, 0, 0, 0, 0x10, 0, 0, 0, 1, 0 };  // LBA 4096 of a 2048-block disk
            byte[] first = { 0x28, 0, 0, 0, 0, 0, 0, 0, 8, 0 };
            var failing = client.ExecuteAsync(0, 0, pastTheEnd, 512, null, autoSense: true);
            var behind = Enumerable.Range(0, 3).Select(_ => client.ExecuteAsync(0, 0, first, 4096, null, autoSense: true)).ToList();
            var failed = await failing;
            Assert.Equal(2, failed.Status);
            Assert.Equal(5, failed.Sense!.Key);     // ILLEGAL REQUEST
            Assert.Equal(0x21, failed.Sense.Asc);   // LOGICAL BLOCK ADDRESS OUT OF RANGE
            foreach (var r in behind) Assert.True((await r).IsGood);
        }
        finally
        {
            await client.StopDeviceAsync(0, 0);
        }
    }

    [Theory]
    [InlineData("12 00 00 00 2G 00", "'2G' is not hex bytes")]
    [InlineData("12 00 00", "a CDB has 6, 10, 12 or 16 bytes; this one has 3")]
    [InlineData("28 00 00 00 00 00", "opcode 28h is a 10-byte CDB")]
    public void Bad_hex_is_a_usage_error_that_says_how_to_write_it(string hex, string message)
    {
        var r = _sim.Run("cdb", "--id", "0", "--privileged", hex, "--json");
        Assert.Equal(ExitCodes.Usage, r.Code);
        Assert.Contains(message, r.Err);
        Assert.False(r.Json.GetProperty("ok").GetBoolean());
        Assert.Equal("usage", r.Json.GetProperty("exitName").GetString());
    }

    [Fact]
    public void A_missing_device_is_exit_4_and_a_missing_port_exit_3()
    {
        var r = _sim.Run("tur", "--id", "2", "--json");
        Assert.Equal(ExitCodes.DeviceNotFound, r.Code);
        Assert.Contains("no device answered at ID 2", r.Json.GetProperty("error").GetString());

        var port = Cli.Run("info", "--port", _sim.Folder.File("no-such-tty"));
        Assert.Equal(ExitCodes.Link, port.Code);
        Assert.Contains("scsibridge ports", port.Err);
    }

    [Fact]
    public void Usage_errors_are_exit_2_before_anything_is_opened()
    {
        Assert.Equal(ExitCodes.Usage, Cli.Run("inquiry").Code);  // --id missing
        Assert.Equal(ExitCodes.Usage, Cli.Run("inquiry", "--id", "8").Code);
        var unknown = Cli.Run("frobnicate", "--json");
        Assert.Equal(ExitCodes.Usage, unknown.Code);
        Assert.False(unknown.Json.GetProperty("ok").GetBoolean());
    }

    [Fact]
    public void Restore_is_refused_without_allow_write_and_without_a_terminal_to_confirm_on()
    {
        string image = _sim.Folder.File("restore.img");
        File.WriteAllBytes(image, new byte[512 * 16]);
        var refused = _sim.Run("restore", "--id", "0", image);
        Assert.Equal(ExitCodes.Permission, refused.Code);
        Assert.Contains("--allow-write", refused.Err);

        var unconfirmed = _sim.Run("restore", "--id", "0", "--allow-write", image);
        Assert.Equal(ExitCodes.Permission, unconfirmed.Code);
        Assert.Contains("--yes", unconfirmed.Err);
        Assert.Equal(0, _sim.Bridge.CommandsServed(0x2A));  // nothing was written
    }

    [Fact]
    public void Identity_saves_a_profile_that_the_emulation_serves_the_same()
    {
        string profile = _sim.Folder.File("disk.profile");
        var r = _sim.Run("identity", "--id", "0", "-o", profile, "--json");
        Assert.Equal(0, r.Code);
        DeviceProfile parsed = ProfileFile.Parse(File.ReadAllText(profile));
        Assert.Equal("SCSIBRDG", parsed.Vendor);
        Assert.Equal(512, parsed.BlockLength);
        Assert.NotNull(parsed.GetModePage(0x04));

        var original = _sim.Run("modes", "--id", "0", "--json").Json.GetProperty("pages").ToString();
        using var clone = new Simulator("--disk", "1:{dir}/disk.img", "--profile", "1:" + profile);
        var cloned = clone.Run("modes", "--id", "1", "--json");
        Assert.Equal(0, cloned.Code);
        Assert.Equal(original, cloned.Json.GetProperty("pages").ToString());
        Assert.Equal(_sim.Run("inquiry", "--id", "0", "--json").Json.GetProperty("data").GetString(),
                     clone.Run("inquiry", "--id", "1", "--json").Json.GetProperty("data").GetString());
    }

    [Fact]
    public void Target_images_lists_what_attach_can_serve()
    {
        var r = _sim.Run("target", "images", "--json");
        Assert.Equal(0, r.Code);
        var spare = r.Json.GetProperty("images").EnumerateArray().Single();
        Assert.Equal("spare.img", spare.GetProperty("name").GetString());
        Assert.Equal(1048576, spare.GetProperty("bytes").GetInt64());
        var text = _sim.Run("target", "images");
        Assert.Contains("spare.img  1048576  1.0 MiB", text.Out);
    }

    [Fact]
    public void Target_errors_say_what_is_wrong()
    {
        var missing = _sim.Run("target", "attach", "--id", "5", "--name", "nope.img", "--json");
        Assert.Equal(ExitCodes.Failure, missing.Code);
        Assert.Contains("no image called nope.img in its image folder (1 there; `scsibridge target images` lists them)", missing.Err);

        var notATargetId = _sim.Run("target", "attach", "--id", "4", "--name", "spare.img");
        Assert.Equal(ExitCodes.Usage, notATargetId.Code);
        Assert.Contains("serves images only at its own target IDs", notATargetId.Err);

        Assert.Equal(0, _sim.Run("target", "attach", "--id", "5", "--name", "spare.img").Code);
        try
        {
            var busy = _sim.Run("target", "attach", "--id", "5", "--name", "spare.img");
            Assert.Equal(ExitCodes.Busy, busy.Code);
            Assert.Contains("`scsibridge target detach --id 5` takes it off first", busy.Err);
            var fixedDisk = _sim.Run("target", "eject", "--id", "5");
            Assert.Equal(ExitCodes.Usage, fixedDisk.Code);
            Assert.Contains("has no medium to eject", fixedDisk.Err);
        }
        finally
        {
            _sim.Run("target", "detach", "--id", "5");
        }
        var nothing = _sim.Run("target", "detach", "--id", "5");
        Assert.Equal(ExitCodes.Usage, nothing.Code);
        Assert.Contains("nothing is attached at ID 5 LUN 0", nothing.Err);
    }

    [Fact]
    public void Target_attach_detach_and_eject_images_on_the_bridge()
    {
        var attach = _sim.Run("target", "attach", "--id", "5", "--name", "spare.img", "--kind", "removable", "--json");
        Assert.Equal(0, attach.Code);
        Assert.True(attach.Json.GetProperty("ok").GetBoolean());
        var scan = _sim.Run("scan", "--json").Json.GetProperty("devices").EnumerateArray().Single(d => d.GetProperty("id").GetInt32() == 5);
        Assert.Equal("EXISTS", scan.GetProperty("probe").GetString());
        Assert.Equal(2048, scan.GetProperty("blocks").GetInt64());

        Assert.Equal(0, _sim.Run("target", "eject", "--id", "5").Code);
        var noMedium = _sim.Run("tur", "--id", "5", "--json");
        Assert.Equal(ExitCodes.CheckCondition, noMedium.Code);
        Assert.Equal(0x3A, noMedium.Json.GetProperty("sense").GetProperty("asc").GetInt32());

        Assert.Equal(0, _sim.Run("target", "detach", "--id", "5").Code);
        Assert.Equal(ExitCodes.DeviceNotFound, _sim.Run("inquiry", "--id", "5").Code);

        var outside = _sim.Run("target", "attach", "--id", "5", "--name", "../disk.img");
        Assert.NotEqual(0, outside.Code);
    }
}
