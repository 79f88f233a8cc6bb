using System;
using System.Linq;
using System.Text;
using ScsiBridge.Firmware.Emulation;
using Xunit;

namespace ScsiBridge.Firmware.Tests.Emulation;

/// <summary>Device profiles: the built-ins, the profile file format, a unit made from a clone.</summary>
public class ProfileTests : EmulationTestBase
{
    // A clone of a (made-up) SCSI-2 drive as the CLI's identity command would write it.
    private const string ClonedDrive = """
        # Fujitsu M2694 cloned on 2024-05-01
        name: Fujitsu M2694ESA
        inquiry: 00 00 02 02 1F 00 00 18 46 55 4A 49 54 53 55 20 4D 32 36 39 34 45 53 41 20 53 55 4E 31 30 38 30 38 34 32 39
        serial: 08102233   # from VPD 80h
        block-length: 512
        page 01: 81 0A C0 3F 00 00 00 00 3F 00 00 00
        changeable 01: 01 0A FF FF 00 00 00 00 FF 00 FF FF
        Page 3A: BA 02 12 34
        remove-page: 0A
        vpd 80: 00 80 00 08 30 38 31 30 32 32 33 33
        vpd C0: 00 C0 00 02 AB CD
        """;

    [Fact]
    public void BuiltInProfilesHaveTheirIdentities()
    {
        DeviceProfile generic = DeviceProfile.GenericScsi2Disk();
        Assert.Equal(DeviceProfile.DirectAccess, generic.DeviceType);
        Assert.Equal(2, generic.AnsiVersion);
        Assert.False(generic.Removable);

        DeviceProfile ccs = DeviceProfile.Scsi1CcsDisk();
        byte[] ccsInquiry = ccs.BuildInquiry();
        Assert.Equal(1, ccsInquiry[2]);
        Assert.Equal(1, ccsInquiry[3]);
        Assert.True(ccs.IsModePageRemoved(0x08));

        DeviceProfile apple = DeviceProfile.AppleDisk();
        Assert.Equal("QUANTUM", apple.Vendor);
        Assert.Equal("APPLE COMPUTER, INC.", Encoding.ASCII.GetString(apple.GetModePage(0x30)!, 10, 20));

        DeviceProfile cd = DeviceProfile.GenericCdrom();
        Assert.Equal(DeviceProfile.CdRom, cd.DeviceType);
        Assert.True(cd.Removable);
        Assert.Equal(2048, cd.BlockLength);
        Assert.Equal(0x85, cd.BuildInquiry()[0] | cd.BuildInquiry()[1]);

        // Each call makes a fresh profile.
        DeviceProfile a = DeviceProfile.GenericScsi2Disk();
        a.Serial = "CHANGED";
        Assert.NotEqual("CHANGED", DeviceProfile.GenericScsi2Disk().Serial);
    }

    [Fact]
    public void AClonedDriveParsesIntoAProfile()
    {
        DeviceProfile p = ProfileFile.Parse(ClonedDrive);
        Assert.Equal("Fujitsu M2694ESA", p.Name);
        Assert.Equal("FUJITSU", p.Vendor);
        Assert.Equal("M2694ESA SUN1080", p.Product);
        Assert.Equal("8429", p.Revision);
        Assert.Equal("08102233", p.Serial);
        Assert.Equal(0x18, p.InquiryFlags);
        Assert.Equal(512, p.BlockLength);
        Assert.Equal(new byte[] { 0x01, 0x0A, 0xC0, 0x3F, 0, 0, 0, 0, 0x3F, 0, 0, 0 }, p.GetModePage(0x01));
        Assert.Equal(0xFF, p.GetChangeableMask(0x01)![2]);
        Assert.Equal(new byte[] { 0x3A, 0x02, 0x12, 0x34 }, p.GetModePage(0x3A));
        Assert.True(p.IsModePageRemoved(0x0A));
        Assert.Equal(new byte[] { 0x00, 0xC0, 0x00, 0x02, 0xAB, 0xCD }, p.GetVpdPage(0xC0));
    }

    [Fact]
    public void AProfileWrittenAndParsedAgainIsTheSame()
    {
        DeviceProfile first = ProfileFile.Parse(ClonedDrive);
        string text = ProfileFile.Write(first);
        DeviceProfile second = ProfileFile.Parse(text);
        Assert.Equal(text, ProfileFile.Write(second));
        Assert.Equal(first.BuildInquiry(), second.BuildInquiry());
        Assert.Equal(first.Serial, second.Serial);
        Assert.Equal(first.Name, second.Name);
        for (int code = 0; code < 0x3F; code++)
        {
            Assert.Equal(first.GetModePage(code), second.GetModePage(code));
            Assert.Equal(first.GetChangeableMask(code), second.GetChangeableMask(code));
            Assert.Equal(first.IsModePageRemoved(code), second.IsModePageRemoved(code));
        }
        for (int code = 1; code < 256; code++) Assert.Equal(first.GetVpdPage(code), second.GetVpdPage(code));

        // The built-ins survive the trip too.
        foreach (DeviceProfile builtIn in new[] { DeviceProfile.AppleDisk(), DeviceProfile.Scsi1CcsDisk(), DeviceProfile.GenericCdrom(), DeviceProfile.IomegaZip100() })
        {
            string written = ProfileFile.Write(builtIn);
            Assert.Equal(written, ProfileFile.Write(ProfileFile.Parse(written)));
            Assert.Equal(builtIn.BuildInquiry(), ProfileFile.Parse(written).BuildInquiry());
        }
    }

    [Fact]
    public void AUnitMadeFromACloneAnswersLikeTheDrive()
    {
        DeviceProfile p = ProfileFile.Parse(ClonedDrive);
        var disk = new DiskUnit(p, new MemoryBlockStore(PatternImage(100, 512), false));
        UnitRig rig = Rig(disk);

        byte[] inquiry = rig.Good(TestCdb.Inquiry());
        Assert.Equal(p.RawInquiry, inquiry);
        Assert.Equal(new byte[] { 0, 0, 0, 4, 0x00, 0x80, 0x83, 0xC0 }, rig.Good(TestCdb.Inquiry(255, evpd: true, page: 0)));
        Assert.Equal("08102233", Encoding.ASCII.GetString(rig.Good(TestCdb.Inquiry(255, evpd: true, page: 0x80)), 4, 8));
        Assert.Equal(new byte[] { 0x00, 0xC0, 0x00, 0x02, 0xAB, 0xCD }, rig.Good(TestCdb.Inquiry(255, evpd: true, page: 0xC0)));

        var all = new ModeData(rig.Good(TestCdb.ModeSense6(0x3F)), false);
        Assert.Equal(new[] { 0x01, 0x02, 0x03, 0x04, 0x08, 0x3A }, all.Codes());
        Assert.Equal(new byte[] { 0x81, 0x0A, 0xC0, 0x3F, 0, 0, 0, 0, 0x3F, 0, 0, 0 }, all.Page(0x01));
        Assert.Equal(new byte[] { 0x3A, 0x02, 0x12, 0x34 }, all.Page(0x3A));

        // The clone's changeable mask rules MODE SELECT.
        byte[] p1 = all.Page(0x01);
        p1[8] = 0x10;
        rig.Good(TestCdb.ModeSelect6(4 + p1.Length), ModePageTests.Header6(p1));
        byte[] p3a = all.Page(0x3A);
        p3a[2] = 0;
        AssertSense(rig.Run(TestCdb.ModeSelect6(4 + p3a.Length), ModePageTests.Header6(p3a)),
            ScsiBridge.Firmware.Target.SenseData.IllegalRequest, ScsiBridge.Firmware.Target.SenseData.InvalidFieldInParameterList);
    }

    [Theory]
    [InlineData("name: no inquiry here", "no 'inquiry:' line")]
    [InlineData("inquiry 00 00", "line 1: expected 'key: value'")]
    [InlineData("# c\ninquiry: 00 11 22", "line 2: standard INQUIRY data has 36 to 255 bytes, this has 3")]
    [InlineData("\n\ninquiry: 0G", "line 3: 'G' is not a hexadecimal digit")]
    [InlineData("inquiry: 0 00", "line 1: a byte needs two hexadecimal digits")]
    [InlineData("inquiry: 000", "line 1: a byte needs two hexadecimal digits (a lone digit at the end)")]
    [InlineData("colour: red", "line 1: unknown key 'colour'")]
    [InlineData("page 1: 01 00", "line 1: page code '1' is not two hexadecimal digits")]
    [InlineData("page: 01 00", "line 1: a page code (two hexadecimal digits) is missing")]
    [InlineData("page 3F: 3F 00", "line 1: page code 3F is above 3E")]
    [InlineData("page 08: 08 0A 00", "line 1: page 08: its length byte says 12 bytes, the line has 3")]
    [InlineData("page 08: 01 01 00", "line 1: page 08 starts with page code 01")]
    [InlineData("page 08: 08 01 00\npage 08: 08 01 00", "line 2: page 08 is given twice")]
    [InlineData("changeable 08: 00 00 00", "changeable 08 has no 'page 08' line")]
    [InlineData("block-length: 520", "line 1: block length '520' is not 256, 512, 1024 or 2048")]
    [InlineData("vpd 80: 00 81 00 00", "line 1: vpd 80 does not start with a header for page 80")]
    [InlineData("vpd 00: 00 00 00 00", "line 1: VPD page 00 (the list) is built by the unit")]
    [InlineData("name x: y", "line 1: 'name' takes no page code")]
    public void MalformedProfilesAreRefusedWithTheLine(string text, string expected)
    {
        string inquiry = ProfileFile.Write(DeviceProfile.GenericScsi2Disk()).Split('\n')[2];
        Assert.StartsWith("inquiry: ", inquiry);
        // Cases about other lines get a valid inquiry line appended, so that only their fault shows.
        string input = text.Contains("inquiry") ? text : text + "\n" + inquiry;
        Assert.False(ProfileFile.TryParse(input, out DeviceProfile? profile, out string error));
        Assert.Null(profile);
        Assert.Contains(expected, error);
        var thrown = Assert.Throws<FormatException>(() => ProfileFile.Parse(input));
        Assert.Equal(error, thrown.Message);
    }

    [Fact]
    public void ChangeableMaskOfTheWrongLengthNamesItsLine()
    {
        string text = "inquiry: " + string.Join(" ", new string('0', 72).Chunk(2).Select(c => new string(c))) + "\n" +
                      "page 08: 08 02 00 00\n" +
                      "changeable 08: 08 02 00\n";
        Assert.False(ProfileFile.TryParse(text, out _, out string error));
        Assert.Equal("line 3: changeable 08 has 3 bytes, its page 4", error);
    }
}
