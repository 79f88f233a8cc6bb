using System;
using ScsiBridge.Firmware.Emulation;
using ScsiBridge.Firmware.Target;
using Xunit;

namespace ScsiBridge.Firmware.Tests.Emulation;

/// <summary>The CD-ROM unit: 2048/512-byte blocks, READ TOC, its mode pages, disc changes.</summary>
public class CdromUnitTests : EmulationTestBase
{
    private const int Sectors = 300;

    private (CdromUnit cd, MemoryBlockStore disc, UnitRig rig) NewCdrom()
    {
        var disc = new MemoryBlockStore(PatternImage(Sectors, 2048), true);
        var cd = new CdromUnit(disc);
        return (cd, disc, Rig(cd));
    }

    [Fact]
    public void InquiryAndCapacityDescribeARemovableCdromWith2048ByteBlocks()
    {
        var (_, _, rig) = NewCdrom();
        byte[] inquiry = rig.Good(TestCdb.Inquiry());
        Assert.Equal(0x05, inquiry[0]);
        Assert.Equal(0x80, inquiry[1]);
        byte[] capacity = rig.Good(TestCdb.ReadCapacity());
        Assert.Equal(Sectors - 1, DiskUnitTests.BigEndianInt(capacity, 0));
        Assert.Equal(2048, DiskUnitTests.BigEndianInt(capacity, 4));
        rig.Good(TestCdb.TestUnitReady());
    }

    [Fact]
    public void Read6Read10AndRead12ReturnTheDisc()
    {
        var (_, disc, rig) = NewCdrom();
        Assert.Equal(Slice(disc.Data, 0, 2048), rig.Good(TestCdb.Read6(0, 1)));
        Assert.Equal(Slice(disc.Data, 150 * 2048, 2 * 2048), rig.Good(TestCdb.Read10(150, 2)));
        Assert.Equal(Slice(disc.Data, (Sectors - 3) * 2048, 3 * 2048), rig.Good(TestCdb.Read12(Sectors - 3, 3)));
        Answer beyond = rig.Run(TestCdb.Read12(Sectors - 1, 2));
        AssertSense(beyond, SenseData.IllegalRequest, SenseData.LogicalBlockAddressOutOfRange);
        Assert.Equal(Sectors - 1, beyond.Information);
    }

    [Fact]
    public void WritesAreNotCdromCommands()
    {
        var (_, _, rig) = NewCdrom();
        AssertSense(rig.Run(TestCdb.Write10(0, 1), new byte[2048]), SenseData.IllegalRequest, SenseData.InvalidCommandOperationCode);
        AssertSense(rig.Run(TestCdb.Write6(0, 1), new byte[2048]), SenseData.IllegalRequest, SenseData.InvalidCommandOperationCode);
        AssertSense(rig.Run(TestCdb.FormatUnit(false)), SenseData.IllegalRequest, SenseData.InvalidCommandOperationCode);
        Assert.Equal(0, rig.Io.Receives);
    }

    [Fact]
    public void ModeSelectSwitchesTo512ByteBlocksAndBack()
    {
        var (cd, disc, rig) = NewCdrom();
        byte[] to512 = ModePageTests.BlockDescriptorList(512);
        rig.Good(TestCdb.ModeSelect6(to512.Length), to512);
        Assert.Equal(512, cd.BlockLength);
        byte[] capacity = rig.Good(TestCdb.ReadCapacity());
        Assert.Equal(Sectors * 4 - 1, DiskUnitTests.BigEndianInt(capacity, 0));
        Assert.Equal(512, DiskUnitTests.BigEndianInt(capacity, 4));
        Assert.Equal(Slice(disc.Data, 5 * 512, 3 * 512), rig.Good(TestCdb.Read10(5, 3)));
        Assert.Equal(Slice(disc.Data, 0, 512), rig.Good(TestCdb.Read6(0, 1)));
        Assert.Equal(512, new ModeData(rig.Good(TestCdb.ModeSense6(0x01)), false).BlockLength);

        byte[] to2048 = ModePageTests.BlockDescriptorList(2048);
        rig.Good(TestCdb.ModeSelect6(to2048.Length), to2048);
        Assert.Equal(2048, cd.BlockLength);
        Assert.Equal(Sectors - 1, DiskUnitTests.BigEndianInt(rig.Good(TestCdb.ReadCapacity()), 0));
        Assert.Equal(Slice(disc.Data, 5 * 2048, 2048), rig.Good(TestCdb.Read10(5, 1)));

        AssertSense(rig.Run(TestCdb.ModeSelect6(12), ModePageTests.BlockDescriptorList(1024)), SenseData.IllegalRequest, SenseData.InvalidFieldInParameterList);
    }

    [Fact]
    public void ReadTocListsTrackOneAndTheLeadOutInLbaForm()
    {
        var (_, _, rig) = NewCdrom();
        byte[] toc = rig.Good(TestCdb.ReadToc(msf: false, startTrack: 0));
        Assert.Equal(new byte[]
        {
            0x00, 0x12, 0x01, 0x01,
            0x00, 0x14, 0x01, 0x00, 0, 0, 0, 0,
            0x00, 0x14, 0xAA, 0x00, 0, 0, (byte)(Sectors >> 8), unchecked((byte)Sectors),
        }, toc);
        Assert.Equal(toc, rig.Good(TestCdb.ReadToc(msf: false, startTrack: 1)));
    }

    [Fact]
    public void ReadTocInMsfFormCountsFromTwoSeconds()
    {
        var (_, _, rig) = NewCdrom();
        byte[] toc = rig.Good(TestCdb.ReadToc(msf: true, startTrack: 1));
        Assert.Equal(new byte[] { 0, 0, 2, 0 }, toc[8..12]);  // 00:02:00
        int frames = Sectors + 150;  // 450: 00:06:00
        Assert.Equal(new byte[] { 0, (byte)(frames / 4500), (byte)(frames / 75 % 60), (byte)(frames % 75) }, toc[16..20]);
    }

    [Fact]
    public void ReadTocFromTheLeadOutAndOfAMissingTrack()
    {
        var (_, _, rig) = NewCdrom();
        byte[] leadOut = rig.Good(TestCdb.ReadToc(msf: false, startTrack: 0xAA));
        Assert.Equal(12, leadOut.Length);
        Assert.Equal(0x0A, leadOut[1]);
        Assert.Equal(0xAA, leadOut[6]);
        AssertInvalidField(rig.Run(TestCdb.ReadToc(msf: false, startTrack: 2)), 6);
        AssertInvalidField(rig.Run(TestCdb.ReadToc(msf: false, startTrack: 0, format: 3)), 2);  // format 2 (full TOC) is served now; 3 (PMA) is not
        Assert.Equal(4, rig.Good(TestCdb.ReadToc(msf: false, startTrack: 0, allocation: 4)).Length);

        byte[] session = rig.Good(TestCdb.ReadToc(msf: false, startTrack: 0, format: 1));
        Assert.Equal(new byte[] { 0, 0x0A, 1, 1, 0, 0x14, 1, 0, 0, 0, 0, 0 }, session);
    }

    [Fact]
    public void ReadTocIn512ByteModeCountsLogicalBlocks()
    {
        var (_, _, rig) = NewCdrom();
        rig.Good(TestCdb.ModeSelect6(12), ModePageTests.BlockDescriptorList(512));
        byte[] toc = rig.Good(TestCdb.ReadToc(msf: false, startTrack: 0xAA));
        Assert.Equal(Sectors * 4, DiskUnitTests.BigEndianInt(toc, 8));
    }

    [Fact]
    public void CdromModePagesHaveTheirCodesLengthsAndContents()
    {
        var (_, _, rig) = NewCdrom();
        var all = new ModeData(rig.Good(TestCdb.ModeSense10(0x3F)), true);
        Assert.Equal(new[] { 0x01, 0x02, 0x0A, 0x0D, 0x0E, 0x2A }, all.Codes());
        Assert.Equal(2048, all.BlockLength);
        Assert.Equal(0, all.DeviceSpecific);

        byte[] p1 = all.Page(0x01);
        Assert.Equal(0x06, p1[1]);

        byte[] pd = all.Page(0x0D);
        Assert.Equal(new byte[] { 0x8D, 0x06, 0, 0, 0, 60, 0, 75 }, pd);

        byte[] pe = all.Page(0x0E);
        Assert.Equal(0x0E, pe[1]);
        Assert.Equal(0x04, pe[2]);  // IMMED
        Assert.Equal(new byte[] { 0x01, 0xFF, 0x02, 0xFF, 0, 0, 0, 0 }, pe[8..16]);

        byte[] p2a = all.Page(0x2A);
        Assert.Equal(0x2A, p2a[0]);
        Assert.Equal(0x14, p2a[1]);
        Assert.Equal(0x29, p2a[6]);  // tray, eject, lock; not locked
        Assert.Equal(CdromUnit.ReadSpeedKBps, (p2a[8] << 8) | p2a[9]);

        rig.Good(TestCdb.PreventAllow(true));
        Assert.Equal(0x2B, new ModeData(rig.Good(TestCdb.ModeSense6(0x2A)), false).Page(0x2A)[6]);  // lock state
        rig.Good(TestCdb.PreventAllow(false));

        AssertInvalidField(rig.Run(TestCdb.ModeSense6(0x03)), 2);  // no format device page on a CD
    }

    [Fact]
    public void TheAudioControlPageRoundTripsThroughModeSelect()
    {
        var (_, _, rig) = NewCdrom();
        byte[] pe = new ModeData(rig.Good(TestCdb.ModeSense6(0x0E)), false).Page(0x0E);
        pe[9] = 0x80;   // port 0 volume
        pe[11] = 0x40;  // port 1 volume
        rig.Good(TestCdb.ModeSelect6(4 + pe.Length), ModePageTests.Header6(pe));
        byte[] back = new ModeData(rig.Good(TestCdb.ModeSense6(0x0E)), false).Page(0x0E);
        Assert.Equal(0x80, back[9]);
        Assert.Equal(0x40, back[11]);
    }

    [Fact]
    public void EjectAndInsertRaiseUnitAttentionOncePerInitiator()
    {
        var (cd, _, rig) = NewCdrom();
        Assert.True(cd.Eject());
        AssertSense(rig.Run(TestCdb.TestUnitReady()), SenseData.NotReady, SenseData.MediumNotPresent);
        AssertSense(rig.Run(TestCdb.ReadCapacity()), SenseData.NotReady, SenseData.MediumNotPresent);
        AssertSense(rig.Run(TestCdb.ReadToc(false, 0)), SenseData.NotReady, SenseData.MediumNotPresent);

        var other = new MemoryBlockStore(PatternImage(50, 2048), true);
        cd.Insert(other);
        rig.Good(TestCdb.Inquiry(), initiator: 7);
        AssertSense(rig.Run(TestCdb.ReadCapacity(), initiator: 7), SenseData.UnitAttention, SenseData.NotReadyToReadyChange);
        Assert.Equal(49, DiskUnitTests.BigEndianInt(rig.Good(TestCdb.ReadCapacity(), initiator: 7), 0));
        AssertSense(rig.Run(TestCdb.TestUnitReady(), initiator: 0), SenseData.UnitAttention, SenseData.NotReadyToReadyChange);
        rig.Good(TestCdb.TestUnitReady(), initiator: 0);
        Assert.Equal(Slice(other.Data, 2048, 2048), rig.Good(TestCdb.Read10(1, 1), initiator: 0));

        // A change while a disc is in counts as well.
        cd.Insert(new MemoryBlockStore(PatternImage(60, 2048), true));
        AssertSense(rig.Run(TestCdb.Read10(0, 1), initiator: 7), SenseData.UnitAttention, SenseData.NotReadyToReadyChange);
    }

    [Fact]
    public void AMediumChangeIsStillReportedAfterAReset()
    {
        var (cd, _, rig) = NewCdrom();
        cd.Insert(new MemoryBlockStore(PatternImage(60, 2048), true));
        cd.OnReset();
        AssertSense(rig.Run(TestCdb.TestUnitReady()), SenseData.UnitAttention, SenseData.NotReadyToReadyChange);
        rig.Good(TestCdb.TestUnitReady());
    }

    [Fact]
    public void PreventBlocksEjectUntilAllowed()
    {
        var (cd, _, rig) = NewCdrom();
        rig.Good(TestCdb.PreventAllow(true));
        AssertSense(rig.Run(TestCdb.StartStop(start: false, loadEject: true)), SenseData.IllegalRequest, SenseData.MediumRemovalPrevented);
        Assert.False(cd.Eject());
        Assert.True(cd.MediumPresent);
        rig.Good(TestCdb.TestUnitReady());

        rig.Good(TestCdb.PreventAllow(false));
        rig.Good(TestCdb.StartStop(start: false, loadEject: true));
        Assert.False(cd.MediumPresent);
        rig.Good(TestCdb.StartStop(start: true, loadEject: true));  // the tray closes on the same disc
        Assert.True(cd.MediumPresent);
        rig.Good(TestCdb.TestUnitReady());

        rig.Good(TestCdb.PreventAllow(true));
        cd.ForceEject();
        Assert.False(cd.MediumPresent);
    }

    [Fact]
    public void ACdromWithoutADiscIsNotReadyButAnswersInquiryAndModeSense()
    {
        var cd = new CdromUnit(null);
        UnitRig rig = Rig(cd);
        rig.Good(TestCdb.Inquiry());
        var m = new ModeData(rig.Good(TestCdb.ModeSense6(0x3F)), false);
        Assert.Equal(0, m.BlockCount);
        Assert.Equal(2048, m.BlockLength);
        AssertSense(rig.Run(TestCdb.Read10(0, 1)), SenseData.NotReady, SenseData.MediumNotPresent);
        rig.Good(TestCdb.StartStop(start: true, loadEject: true));  // nothing to load
        AssertSense(rig.Run(TestCdb.TestUnitReady()), SenseData.NotReady, SenseData.MediumNotPresent);
    }
}
