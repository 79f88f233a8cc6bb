using System;
using System.Text;
using ScsiBridge.Firmware.Emulation;
using ScsiBridge.Firmware.Target;
using Xunit;

namespace ScsiBridge.Firmware.Tests.Emulation;

/// <summary>MODE SENSE and MODE SELECT on the disk unit: every page, the page controls, the block
/// descriptor, the checks of MODE SELECT and block length changes.</summary>
public class ModePageTests : EmulationTestBase
{
    private const int Blocks = 4000;

    private (DiskUnit disk, MemoryBlockStore store, UnitRig rig) NewDisk(DeviceProfile? profile = null)
    {
        var store = new MemoryBlockStore(PatternImage(Blocks, 512), false);
        var disk = new DiskUnit(profile ?? DeviceProfile.GenericScsi2Disk(), store);
        return (disk, store, Rig(disk));
    }

    [Fact]
    public void EachDiskPageHasItsCodeLengthAndContents()
    {
        var (_, _, rig) = NewDisk();

        byte[] p1 = new ModeData(rig.Good(TestCdb.ModeSense6(0x01)), false).Page(0x01);
        Assert.Equal(new byte[] { 0x81, 0x0A, 0x26, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, p1);  // PS: savable

        byte[] p2 = new ModeData(rig.Good(TestCdb.ModeSense6(0x02)), false).Page(0x02);
        Assert.Equal(0x82, p2[0]);
        Assert.Equal(0x0E, p2[1]);
        Assert.Equal(16, p2.Length);

        byte[] p3 = new ModeData(rig.Good(TestCdb.ModeSense6(0x03)), false).Page(0x03);
        Assert.Equal(0x83, p3[0]);
        Assert.Equal(0x16, p3[1]);
        Assert.Equal(DiskUnit.SectorsPerTrack, (p3[10] << 8) | p3[11]);
        Assert.Equal(512, (p3[12] << 8) | p3[13]);
        Assert.Equal(1, (p3[14] << 8) | p3[15]);
        Assert.Equal(0x40, p3[20]);  // HSEC, not removable

        byte[] p4 = new ModeData(rig.Good(TestCdb.ModeSense6(0x04)), false).Page(0x04);
        Assert.Equal(0x04, p4[0]);  // nothing changeable: not savable
        Assert.Equal(0x16, p4[1]);
        int cylinders = (p4[2] << 16) | (p4[3] << 8) | p4[4];
        Assert.Equal(Blocks / (DiskUnit.Heads * DiskUnit.SectorsPerTrack), cylinders);
        Assert.Equal(DiskUnit.Heads, p4[5]);
        Assert.Equal(DiskUnit.RotationRate, (p4[20] << 8) | p4[21]);

        byte[] p8 = new ModeData(rig.Good(TestCdb.ModeSense6(0x08)), false).Page(0x08);
        Assert.Equal(new byte[] { 0x88, 0x0A, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, p8);

        byte[] pa = new ModeData(rig.Good(TestCdb.ModeSense6(0x0A)), false).Page(0x0A);
        Assert.Equal(new byte[] { 0x0A, 0x06, 0, 0x01, 0, 0, 0, 0 }, pa);
    }

    [Fact]
    public void AllPagesComeInAscendingOrderAfterTheBlockDescriptor()
    {
        var (_, _, rig) = NewDisk();
        foreach (bool ten in new[] { false, true })
        {
            byte[] d = rig.Good(ten ? TestCdb.ModeSense10(0x3F) : TestCdb.ModeSense6(0x3F));
            var m = new ModeData(d, ten);
            Assert.Equal(d.Length - (ten ? 2 : 1), m.DataLength);
            Assert.True(m.HasBlockDescriptor);
            Assert.Equal(0, m.Density);
            Assert.Equal(Blocks, m.BlockCount);
            Assert.Equal(512, m.BlockLength);
            Assert.Equal(0, m.MediumType);
            Assert.Equal(new[] { 0x01, 0x02, 0x03, 0x04, 0x08, 0x0A }, m.Codes());
        }
    }

    [Fact]
    public void DbdLeavesTheBlockDescriptorOut()
    {
        var (_, _, rig) = NewDisk();
        byte[] d = rig.Good(TestCdb.ModeSense6(0x08, dbd: true));
        Assert.Equal(0, d[3]);
        Assert.Equal(4 + 12, d.Length);
        Assert.False(new ModeData(d, false).HasBlockDescriptor);
        byte[] d10 = rig.Good(TestCdb.ModeSense10(0x08, dbd: true));
        Assert.Equal(8 + 12, d10.Length);
    }

    [Fact]
    public void ModeSenseIsCutToTheAllocationLengthButKeepsTheFullDataLength()
    {
        var (_, _, rig) = NewDisk();
        byte[] full = rig.Good(TestCdb.ModeSense6(0x3F));
        byte[] cut = rig.Good(TestCdb.ModeSense6(0x3F, allocation: 20));
        Assert.Equal(20, cut.Length);
        Assert.Equal(full[..20], cut);
        Assert.Equal(full[0], cut[0]);
    }

    [Fact]
    public void PageControlGivesChangeableDefaultAndSavedValues()
    {
        var (_, _, rig) = NewDisk();
        byte[] mask8 = new ModeData(rig.Good(TestCdb.ModeSense6(0x08, pc: 1)), false).Page(0x08);
        Assert.Equal(0x05, mask8[2]);  // WCE, RCD
        byte[] mask3 = new ModeData(rig.Good(TestCdb.ModeSense6(0x03, pc: 1)), false).Page(0x03);
        Assert.Equal(0xFF, mask3[12]);
        Assert.Equal(0xFF, mask3[13]);
        Assert.Equal(0, mask3[10]);
        byte[] mask4 = new ModeData(rig.Good(TestCdb.ModeSense6(0x04, pc: 1)), false).Page(0x04);
        Assert.All(mask4[2..], b => Assert.Equal(0, b));

        Assert.Equal(0, new ModeData(rig.Good(TestCdb.ModeSense6(0x08, pc: 2)), false).Page(0x08)[2]);
        Assert.Equal(0, new ModeData(rig.Good(TestCdb.ModeSense6(0x08, pc: 3)), false).Page(0x08)[2]);
    }

    [Fact]
    public void UnknownPageIsAnInvalidField()
    {
        var (_, _, rig) = NewDisk();
        AssertInvalidField(rig.Run(TestCdb.ModeSense6(0x05)), 2);
        AssertInvalidField(rig.Run(TestCdb.ModeSense10(0x30)), 2);  // no Apple page on a generic disk
    }

    [Fact]
    public void ModeSelectChangesAChangeableFieldAndModeSenseShowsIt()
    {
        var (_, _, rig) = NewDisk();
        byte[] list = Header6(new byte[] { 0x08, 0x0A, 0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0 });
        rig.Good(TestCdb.ModeSelect6(list.Length), list);
        Assert.Equal(0x04, new ModeData(rig.Good(TestCdb.ModeSense6(0x08)), false).Page(0x08)[2]);
        Assert.Equal(0x00, new ModeData(rig.Good(TestCdb.ModeSense6(0x08, pc: 3)), false).Page(0x08)[2]);  // not saved
        Assert.Equal(0x00, new ModeData(rig.Good(TestCdb.ModeSense6(0x08, pc: 2)), false).Page(0x08)[2]);

        // What MODE SENSE returned (PS bit and all) is accepted back, in MODE SELECT(10) too.
        byte[] sensed = new ModeData(rig.Good(TestCdb.ModeSense10(0x01)), true).Page(0x01);
        sensed[3] = 8;  // read retry count
        byte[] list10 = Header10(sensed);
        rig.Good(TestCdb.ModeSelect10(list10.Length), list10);
        Assert.Equal(8, new ModeData(rig.Good(TestCdb.ModeSense10(0x01)), true).Page(0x01)[3]);
    }

    [Fact]
    public void SavedValuesSurviveAResetAndCurrentOnesDoNot()
    {
        var (disk, _, rig) = NewDisk();
        rig.Good(TestCdb.ModeSelect6(16, save: true), Header6(new byte[] { 0x08, 0x0A, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0 }));
        rig.Good(TestCdb.ModeSelect6(16), Header6(new byte[] { 0x08, 0x0A, 0x05, 0, 0, 0, 0, 0, 0, 0, 0, 0 }));
        Assert.Equal(0x05, new ModeData(rig.Good(TestCdb.ModeSense6(0x08)), false).Page(0x08)[2]);
        Assert.Equal(0x01, new ModeData(rig.Good(TestCdb.ModeSense6(0x08, pc: 3)), false).Page(0x08)[2]);
        disk.OnReset();
        Assert.Equal(0x01, new ModeData(rig.Good(TestCdb.ModeSense6(0x08)), false).Page(0x08)[2]);
    }

    [Fact]
    public void ChangingAnUnchangeableFieldIsAnInvalidFieldInTheParameterList()
    {
        var (_, _, rig) = NewDisk();
        byte[] p4 = new ModeData(rig.Good(TestCdb.ModeSense6(0x04)), false).Page(0x04);
        p4[5] = 3;  // heads
        AssertSense(rig.Run(TestCdb.ModeSelect6(4 + p4.Length), Header6(p4)), SenseData.IllegalRequest, SenseData.InvalidFieldInParameterList);
        byte[] p8 = { 0x08, 0x0A, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0 };  // MF: not changeable
        AssertSense(rig.Run(TestCdb.ModeSelect6(16), Header6(p8)), SenseData.IllegalRequest, SenseData.InvalidFieldInParameterList);
        Assert.Equal(0, new ModeData(rig.Good(TestCdb.ModeSense6(0x08)), false).Page(0x08)[2]);
        byte[] wrongLength = { 0x08, 0x08, 0, 0, 0, 0, 0, 0, 0, 0 };
        AssertSense(rig.Run(TestCdb.ModeSelect6(14), Header6(wrongLength)), SenseData.IllegalRequest, SenseData.InvalidFieldInParameterList);
        byte[] unknown = { 0x05, 0x02, 0, 0 };
        AssertSense(rig.Run(TestCdb.ModeSelect6(8), Header6(unknown)), SenseData.IllegalRequest, SenseData.InvalidFieldInParameterList);
    }

    [Fact]
    public void ModeSelectChecksPfAndTheParameterListLength()
    {
        var (_, _, rig) = NewDisk();
        byte[] list = Header6(new byte[] { 0x08, 0x0A, 0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0 });
        AssertInvalidField(rig.Run(TestCdb.ModeSelect6(list.Length, pf: false), list), 1);
        AssertSense(rig.Run(TestCdb.ModeSelect6(3), new byte[3]), SenseData.IllegalRequest, SenseData.ParameterListLengthError);
        AssertSense(rig.Run(TestCdb.ModeSelect6(10), list[..10]), SenseData.IllegalRequest, SenseData.ParameterListLengthError);
        byte[] badDescriptorLength = { 0, 0, 0, 4, 0, 0, 0, 0 };
        AssertSense(rig.Run(TestCdb.ModeSelect6(8), badDescriptorLength), SenseData.IllegalRequest, SenseData.InvalidFieldInParameterList);
        rig.Good(TestCdb.ModeSelect6(0));                        // no data: not an error
        rig.Good(TestCdb.ModeSelect6(4, pf: false), new byte[4]);  // header only, PF 0: fine
    }

    [Fact]
    public void ABlockDescriptorChangesTheBlockLengthAndTheCapacity()
    {
        var (disk, store, rig) = NewDisk();
        byte[] list = BlockDescriptorList(1024);
        rig.Good(TestCdb.ModeSelect6(list.Length), list);

        Assert.Equal(1024, disk.BlockLength);
        byte[] capacity = rig.Good(TestCdb.ReadCapacity());
        Assert.Equal(Blocks / 2 - 1, DiskUnitTests.BigEndianInt(capacity, 0));
        Assert.Equal(1024, DiskUnitTests.BigEndianInt(capacity, 4));
        Assert.Equal(Slice(store.Data, 7 * 1024, 1024), rig.Good(TestCdb.Read10(7, 1)));
        var m = new ModeData(rig.Good(TestCdb.ModeSense6(0x03)), false);
        Assert.Equal(1024, m.BlockLength);
        Assert.Equal(Blocks / 2, m.BlockCount);
        Assert.Equal(1024, (m.Page(0x03)[12] << 8) | m.Page(0x03)[13]);

        // The other initiators learn that mode parameters changed; the one that changed them does not.
        AssertSense(rig.Run(TestCdb.TestUnitReady(), initiator: 3), SenseData.UnitAttention, SenseData.ModeParametersChanged);
        rig.Good(TestCdb.TestUnitReady(), initiator: 3);
        rig.Good(TestCdb.TestUnitReady(), initiator: 7);

        // Not saved: a reset brings 512 back.
        disk.OnReset();
        Assert.Equal(512, disk.BlockLength);
        Assert.Equal(Blocks - 1, DiskUnitTests.BigEndianInt(rig.Good(TestCdb.ReadCapacity()), 0));
    }

    [Theory]
    [InlineData(256)]
    [InlineData(2048)]
    public void EverySupportedBlockLengthCanBeSelected(int length)
    {
        var (disk, store, rig) = NewDisk();
        byte[] list = BlockDescriptorList(length);
        rig.Good(TestCdb.ModeSelect6(list.Length), list);
        Assert.Equal(length, disk.BlockLength);
        Assert.Equal(Blocks * 512 / length - 1, DiskUnitTests.BigEndianInt(rig.Good(TestCdb.ReadCapacity()), 0));
        Assert.Equal(Slice(store.Data, 3L * length, length), rig.Good(TestCdb.Read10(3, 1)));
    }

    [Fact]
    public void AnUnsupportedBlockLengthOrDensityIsRefused()
    {
        var (disk, _, rig) = NewDisk();
        AssertSense(rig.Run(TestCdb.ModeSelect6(12), BlockDescriptorList(520)), SenseData.IllegalRequest, SenseData.InvalidFieldInParameterList);
        byte[] density = BlockDescriptorList(512);
        density[4] = 0x13;
        AssertSense(rig.Run(TestCdb.ModeSelect6(12), density), SenseData.IllegalRequest, SenseData.InvalidFieldInParameterList);
        Assert.Equal(512, disk.BlockLength);
    }

    [Fact]
    public void TheFormatDevicePageCanChangeTheBlockLengthToo()
    {
        var (disk, _, rig) = NewDisk();
        byte[] p3 = new ModeData(rig.Good(TestCdb.ModeSense6(0x03)), false).Page(0x03);
        p3[12] = 0x04;  // 1024
        p3[13] = 0x00;
        byte[] list = Header6(p3);
        rig.Good(TestCdb.ModeSelect6(list.Length, save: true), list);
        Assert.Equal(1024, disk.BlockLength);
        disk.OnReset();
        Assert.Equal(1024, disk.BlockLength);  // saved
        p3[12] = 0x03;  // 768
        AssertSense(rig.Run(TestCdb.ModeSelect6(list.Length), Header6(p3)), SenseData.IllegalRequest, SenseData.InvalidFieldInParameterList);
    }

    [Fact]
    public void TheAppleProfileHasPage30WithTheAppleSignature()
    {
        var (_, _, rig) = NewDisk(DeviceProfile.AppleDisk());
        byte[] inquiry = rig.Good(TestCdb.Inquiry());
        Assert.Equal("QUANTUM FIREBALL        ", Encoding.ASCII.GetString(inquiry, 8, 24));

        byte[] p30 = new ModeData(rig.Good(TestCdb.ModeSense6(0x30)), false).Page(0x30);
        Assert.Equal(0x30, p30[0]);
        Assert.Equal(0x1C, p30[1]);
        Assert.Equal(30, p30.Length);
        Assert.Equal("APPLE COMPUTER, INC.", Encoding.ASCII.GetString(p30, 10, 20));
        Assert.Contains(0x30, new ModeData(rig.Good(TestCdb.ModeSense6(0x3F)), false).Codes());
    }

    [Fact]
    public void TheCcsProfileHasScsi1PageLengthsAndNoScsi2Pages()
    {
        var (_, _, rig) = NewDisk(DeviceProfile.Scsi1CcsDisk());
        byte[] inquiry = rig.Good(TestCdb.Inquiry());
        Assert.Equal(1, inquiry[2] & 7);
        Assert.Equal(1, inquiry[3] & 0x0F);
        var m = new ModeData(rig.Good(TestCdb.ModeSense6(0x3F)), false);
        Assert.Equal(new[] { 0x01, 0x02, 0x03, 0x04 }, m.Codes());
        Assert.Equal(0x06, m.Page(0x01)[1]);
        Assert.Equal(0x0A, m.Page(0x02)[1]);
        Assert.Equal(0x12, m.Page(0x04)[1]);
        Assert.Equal(DiskUnit.Heads, m.Page(0x04)[5]);
        AssertInvalidField(rig.Run(TestCdb.Inquiry(255, evpd: true)), 1);  // no VPD in SCSI-1

        // SCSI-1 hosts send PF 0 with pages.
        byte[] p1 = m.Page(0x01);
        p1[3] = 4;
        rig.Good(TestCdb.ModeSelect6(4 + p1.Length, pf: false), Header6(p1));
    }

    [Fact]
    public void TheZipProfileHasIomegaPage2F()
    {
        var disk = new DiskUnit(DeviceProfile.IomegaZip100(), new MemoryBlockStore(PatternImage(100, 512), false));
        UnitRig rig = Rig(disk);
        Assert.Equal(0x80, rig.Good(TestCdb.Inquiry())[1]);
        Assert.Equal(new byte[] { 0x2F, 0x04, 0x5C, 0x0F, 0xFF, 0x0F }, new ModeData(rig.Good(TestCdb.ModeSense6(0x2F)), false).Page(0x2F));
        Assert.Equal(0x60, new ModeData(rig.Good(TestCdb.ModeSense6(0x03)), false).Page(0x03)[20]);  // HSEC, RMB
    }

    internal static byte[] Header6(byte[] page)
    {
        byte[] list = new byte[4 + page.Length];
        Array.Copy(page, 0, list, 4, page.Length);
        return list;
    }

    internal static byte[] Header10(byte[] page)
    {
        byte[] list = new byte[8 + page.Length];
        Array.Copy(page, 0, list, 8, page.Length);
        return list;
    }

    /// <summary>A MODE SELECT(6) list with only a block descriptor asking for <paramref name="length"/>.</summary>
    internal static byte[] BlockDescriptorList(int length) =>
        new byte[] { 0, 0, 0, 8, 0, 0, 0, 0, 0, (byte)(length >> 16), (byte)(length >> 8), (byte)length };
}
