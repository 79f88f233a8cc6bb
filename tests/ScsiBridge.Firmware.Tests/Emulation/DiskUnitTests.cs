using System;
using System.Text;
using ScsiBridge.Firmware.Emulation;
using ScsiBridge.Firmware.Target;
using ScsiBridge.Hal;
using Xunit;

namespace ScsiBridge.Firmware.Tests.Emulation;

/// <summary>The direct-access unit command by command, its data and its sense.</summary>
public class DiskUnitTests : EmulationTestBase
{
    private const int Blocks = 1000;

    private static (DiskUnit unit, MemoryBlockStore store) NewDisk(DeviceProfile? profile = null, int blocks = Blocks, bool readOnly = false)
    {
        var store = new MemoryBlockStore(PatternImage(blocks, 512), readOnly);
        return (new DiskUnit(profile ?? DeviceProfile.GenericScsi2Disk(), store), store);
    }

    // ---- INQUIRY ----

    [Fact]
    public void StandardInquiryDescribesAScsi2DirectAccessDevice()
    {
        var (disk, _) = NewDisk();
        UnitRig rig = Rig(disk);

        byte[] d = rig.Good(TestCdb.Inquiry(255));

        Assert.Equal(36, d.Length);
        Assert.Equal(0x00, d[0]);          // connected, direct access
        Assert.Equal(0x00, d[1]);          // not removable
        Assert.Equal(2, d[2] & 0x07);      // SCSI-2
        Assert.Equal(2, d[3] & 0x0F);      // response data format 2
        Assert.Equal(31, d[4]);            // additional length
        Assert.Equal(0x10, d[7]);          // Sync
        Assert.Equal("SCSIBRDG", Encoding.ASCII.GetString(d, 8, 8));
        Assert.Equal("EMULATED DISK   ", Encoding.ASCII.GetString(d, 16, 16));
        Assert.Equal("1.0 ", Encoding.ASCII.GetString(d, 32, 4));
        Assert.Equal(d, disk.InquiryData);
    }

    [Fact]
    public void InquiryIsCutToTheAllocationLength()
    {
        var (disk, _) = NewDisk();
        UnitRig rig = Rig(disk);
        Assert.Equal(5, rig.Good(TestCdb.Inquiry(5)).Length);
        Assert.Empty(rig.Good(TestCdb.Inquiry(0)));
    }

    [Fact]
    public void VitalProductDataPagesListSerialAndIdentification()
    {
        DeviceProfile profile = DeviceProfile.GenericScsi2Disk();
        profile.Serial = "XYZ123";
        var (disk, _) = NewDisk(profile);
        UnitRig rig = Rig(disk);

        byte[] list = rig.Good(TestCdb.Inquiry(255, evpd: true, page: 0x00));
        Assert.Equal(new byte[] { 0x00, 0x00, 0x00, 3, 0x00, 0x80, 0x83 }, list);

        byte[] serial = rig.Good(TestCdb.Inquiry(255, evpd: true, page: 0x80));
        Assert.Equal(0x80, serial[1]);
        Assert.Equal(6, serial[3]);
        Assert.Equal("XYZ123", Encoding.ASCII.GetString(serial, 4, 6));

        byte[] id = rig.Good(TestCdb.Inquiry(255, evpd: true, page: 0x83));
        Assert.Equal(0x83, id[1]);
        Assert.Equal(id.Length - 4, id[3]);
        Assert.Equal(0x02, id[4] & 0x0F);  // ASCII
        Assert.Equal(0x01, id[5] & 0x0F);  // T10 vendor ID based
        Assert.Equal(id.Length - 8, id[7]);
        Assert.Equal("SCSIBRDGEMULATED DISK   XYZ123", Encoding.ASCII.GetString(id, 8, id[7]));
    }

    [Fact]
    public void UnknownVpdPageOrPageCodeWithoutEvpdIsAnInvalidField()
    {
        var (disk, _) = NewDisk();
        UnitRig rig = Rig(disk);
        AssertInvalidField(rig.Run(TestCdb.Inquiry(255, evpd: true, page: 0x81)), 2);
        AssertInvalidField(rig.Run(TestCdb.Inquiry(255, evpd: false, page: 0x80)), 2);
    }

    // ---- simple commands ----

    [Fact]
    public void TestUnitReadyRezeroSeekAndSelfTestSucceed()
    {
        var (disk, _) = NewDisk();
        UnitRig rig = Rig(disk);
        rig.Good(TestCdb.TestUnitReady());
        rig.Good(TestCdb.RezeroUnit());
        rig.Good(TestCdb.Seek6(Blocks - 1));
        rig.Good(TestCdb.Seek10(500));
        rig.Good(TestCdb.SendDiagnostic(selfTest: true));
        rig.Good(TestCdb.SendDiagnostic(selfTest: false, length: 0));
        rig.Good(TestCdb.SendDiagnostic(selfTest: false, length: 4, pf: true), dataOut: new byte[4]);
        AssertSense(rig.Run(TestCdb.SendDiagnostic(selfTest: false, length: 4, pf: true), dataOut: new byte[] { 0x80, 0, 0, 0 }),
            SenseData.IllegalRequest, SenseData.InvalidFieldInParameterList);
        AssertInvalidField(rig.Run(TestCdb.SendDiagnostic(selfTest: true, length: 4)), 3);
        rig.Good(TestCdb.StartStop(start: false, loadEject: false));
        rig.Good(TestCdb.StartStop(start: true, loadEject: false));
        rig.Good(TestCdb.PreventAllow(true));
        rig.Good(TestCdb.PreventAllow(false));
        rig.Good(TestCdb.SynchronizeCache(0, 0));
        rig.Good(TestCdb.SynchronizeCache(10, 20));
    }

    [Fact]
    public void SeekOutsideTheDiskIsOutOfRange()
    {
        var (disk, _) = NewDisk();
        UnitRig rig = Rig(disk);
        Answer a = rig.Run(TestCdb.Seek10(Blocks));
        AssertSense(a, SenseData.IllegalRequest, SenseData.LogicalBlockAddressOutOfRange);
        Assert.True(a.InformationValid);
        Assert.Equal(Blocks, a.Information);
        AssertSense(rig.Run(TestCdb.Seek6(Blocks + 5)), SenseData.IllegalRequest, SenseData.LogicalBlockAddressOutOfRange);
    }

    [Fact]
    public void EjectOnAFixedDiskIsAnInvalidField()
    {
        var (disk, _) = NewDisk();
        UnitRig rig = Rig(disk);
        AssertInvalidField(rig.Run(TestCdb.StartStop(start: false, loadEject: true)), 4);
    }

    [Fact]
    public void UnknownOpcodeIsAnInvalidCommandOperationCode()
    {
        var (disk, _) = NewDisk();
        UnitRig rig = Rig(disk);
        AssertSense(rig.Run(new byte[] { 0xC7, 0, 0, 0, 0, 0 }), SenseData.IllegalRequest, SenseData.InvalidCommandOperationCode);
        AssertSense(rig.Run(TestCdb.ReadToc(false, 1)), SenseData.IllegalRequest, SenseData.InvalidCommandOperationCode);
        AssertSense(rig.Run(TestCdb.Read12(0, 1)), SenseData.IllegalRequest, SenseData.InvalidCommandOperationCode);
    }

    [Fact]
    public void LinkBitAndRelativeAddressingAreInvalidFields()
    {
        var (disk, _) = NewDisk();
        UnitRig rig = Rig(disk);
        byte[] linked = TestCdb.Read10(0, 1);
        linked[9] = 0x01;
        AssertInvalidField(rig.Run(linked), 9);
        byte[] tur = TestCdb.TestUnitReady();
        tur[5] = 0x01;
        AssertInvalidField(rig.Run(tur), 5);
        byte[] relative = TestCdb.Read10(0, 1);
        relative[1] = 0x01;
        AssertInvalidField(rig.Run(relative), 1);
    }

    // ---- READ CAPACITY ----

    [Fact]
    public void ReadCapacityGivesTheLastBlockAndTheBlockLength()
    {
        var (disk, _) = NewDisk();
        UnitRig rig = Rig(disk);
        byte[] d = rig.Good(TestCdb.ReadCapacity());
        Assert.Equal(new byte[] { 0, 0, 0x03, 0xE7, 0, 0, 0x02, 0x00 }, d);  // 999, 512
    }

    [Fact]
    public void ReadCapacityWithPmiGivesTheEndOfTheCylinder()
    {
        var (disk, _) = NewDisk(blocks: 3000);
        UnitRig rig = Rig(disk);
        int cylinder = DiskUnit.Heads * DiskUnit.SectorsPerTrack;  // 1008
        Assert.Equal(cylinder - 1, BigEndianInt(rig.Good(TestCdb.ReadCapacity(5, pmi: true)), 0));
        Assert.Equal(2 * cylinder - 1, BigEndianInt(rig.Good(TestCdb.ReadCapacity(cylinder, pmi: true)), 0));
        Assert.Equal(2999, BigEndianInt(rig.Good(TestCdb.ReadCapacity(2500, pmi: true)), 0));
        Answer beyond = rig.Run(TestCdb.ReadCapacity(3000, pmi: true));
        AssertSense(beyond, SenseData.IllegalRequest, SenseData.LogicalBlockAddressOutOfRange);
        Assert.Equal(3000, beyond.Information);
        AssertInvalidField(rig.Run(TestCdb.ReadCapacity(5, pmi: false)), 2);
    }

    [Fact]
    public void ATrailingPartialBlockIsNotAddressable()
    {
        var store = new MemoryBlockStore(new byte[100 * 512 + 300], false);
        var disk = new DiskUnit(store);
        UnitRig rig = Rig(disk);
        Assert.Equal(99, BigEndianInt(rig.Good(TestCdb.ReadCapacity()), 0));
        AssertSense(rig.Run(TestCdb.Read10(100, 1)), SenseData.IllegalRequest, SenseData.LogicalBlockAddressOutOfRange);
    }

    [Fact]
    public void AnImageSmallerThanOneBlockIsRefused()
    {
        Assert.Throws<ArgumentException>(() => new DiskUnit(new MemoryBlockStore(100, false)));
    }

    // ---- READ / WRITE ----

    [Theory]
    [InlineData(0)]
    [InlineData(Blocks / 2)]
    [InlineData(Blocks - 1)]
    public void Read6AndRead10ReturnTheImageAtFirstMiddleAndLastBlocks(int lba)
    {
        var (disk, store) = NewDisk();
        UnitRig rig = Rig(disk);
        int count = Math.Min(3, Blocks - lba);
        Assert.Equal(Slice(store.Data, lba * 512L, count * 512L), rig.Good(TestCdb.Read6(lba, count)));
        Assert.Equal(Slice(store.Data, lba * 512L, count * 512L), rig.Good(TestCdb.Read10(lba, count)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(Blocks / 2)]
    [InlineData(Blocks - 1)]
    public void Write6AndWrite10RoundTripAtFirstMiddleAndLastBlocks(int lba)
    {
        var (disk, store) = NewDisk();
        UnitRig rig = Rig(disk);
        byte[] one = new byte[512];
        new Random(lba).NextBytes(one);
        rig.Good(TestCdb.Write6(lba, 1), one);
        Assert.Equal(one, rig.Good(TestCdb.Read10(lba, 1)));
        Assert.Equal(one, Slice(store.Data, lba * 512L, 512));

        Array.Reverse(one);
        rig.Good(TestCdb.Write10(lba, 1), one);
        Assert.Equal(one, rig.Good(TestCdb.Read6(lba, 1)));
    }

    [Fact]
    public void Read6WithLengthZeroReads256Blocks()
    {
        var (disk, store) = NewDisk();
        UnitRig rig = Rig(disk);
        byte[] d = rig.Good(TestCdb.Read6(10, 0));
        Assert.Equal(256 * 512, d.Length);
        Assert.Equal(Slice(store.Data, 10 * 512, 256 * 512), d);
    }

    [Fact]
    public void Write6WithLengthZeroWrites256Blocks()
    {
        var (disk, store) = NewDisk();
        UnitRig rig = Rig(disk);
        byte[] data = PatternImage(256, 512);
        Array.Reverse(data);
        rig.Good(TestCdb.Write6(100, 0), data);
        Assert.Equal(data, Slice(store.Data, 100 * 512, 256 * 512));
    }

    [Fact]
    public void Read10OfZeroBlocksMovesNoData()
    {
        var (disk, _) = NewDisk();
        UnitRig rig = Rig(disk);
        Assert.Empty(rig.Good(TestCdb.Read10(5, 0)));
        Assert.Equal(0, rig.Io.Sends);
    }

    [Fact]
    public void ReadPastTheEndIsOutOfRangeWithTheLbaAsInformation()
    {
        var (disk, _) = NewDisk();
        UnitRig rig = Rig(disk);
        Answer a = rig.Run(TestCdb.Read10(Blocks - 1, 2));
        AssertSense(a, SenseData.IllegalRequest, SenseData.LogicalBlockAddressOutOfRange);
        Assert.True(a.InformationValid);
        Assert.Equal(Blocks - 1, a.Information);
        Assert.Empty(a.Data);

        Answer w = rig.Run(TestCdb.Write10(0x12345678, 1), new byte[512]);
        AssertSense(w, SenseData.IllegalRequest, SenseData.LogicalBlockAddressOutOfRange);
        Assert.Equal(0x12345678, w.Information);
        Assert.Equal(0, rig.Io.Receives);
    }

    [Fact]
    public void LongTransfersGoThroughTheRingInPieces()
    {
        var (disk, store) = NewDisk();
        var io = new FakeTargetIo(buffers: 2, bufferSize: 1536);  // 3 blocks a piece
        UnitRig rig = Rig(disk, io);
        Assert.Equal(Slice(store.Data, 0, 100 * 512), rig.Good(TestCdb.Read10(0, 100)));
        Assert.Equal(34, io.Sends);
        byte[] data = PatternImage(50, 512);
        Array.Reverse(data);
        rig.Good(TestCdb.Write10(200, 50), data);
        Assert.Equal(data, Slice(store.Data, 200 * 512, 50 * 512));
    }

    [Fact]
    public void BuffersSmallerThanABlockStillCarryWholeBlocks()
    {
        var store = new MemoryBlockStore(PatternImage(100, 2048), false);
        DeviceProfile profile = DeviceProfile.GenericScsi2Disk();
        profile.BlockLength = 2048;
        var disk = new DiskUnit(profile, store);
        var io = new FakeTargetIo(buffers: 2, bufferSize: 700);
        UnitRig rig = Rig(disk, io);
        Assert.Equal(Slice(store.Data, 5 * 2048, 3 * 2048), rig.Good(TestCdb.Read10(5, 3)));
        byte[] data = new byte[2 * 2048];
        new Random(3).NextBytes(data);
        rig.Good(TestCdb.Write10(7, 2), data);
        Assert.Equal(data, Slice(store.Data, 7 * 2048, 2 * 2048));
    }

    [Fact]
    public void AStoppedTransferReleasesItsBuffers()
    {
        var (disk, _) = NewDisk();
        var io = new FakeTargetIo(buffers: 2, bufferSize: 1024);
        UnitRig rig = Rig(disk, io);
        io.FailSendAfter = 3000;
        Answer a = rig.Run(TestCdb.Read10(0, 20));
        AssertSense(a, SenseData.AbortedCommand, 0);
        io.FailSendAfter = -1;

        // The host sends less than the command announced.
        AssertSense(rig.Run(TestCdb.Write10(0, 4), new byte[1000]), SenseData.AbortedCommand, 0);
    }

    [Fact]
    public void ACommandEndedWhileWaitingForABufferReturnsNothing()
    {
        var (disk, store) = NewDisk();
        var io = new FakeTargetIo();
        UnitRig rig = Rig(disk, io);
        io.RingExhausted = true;
        io.WaitEndsCommand = true;
        Answer a = rig.Run(TestCdb.Read10(0, 4));
        Assert.Empty(a.Data);
        io.RingExhausted = false;
        Assert.Equal(Slice(store.Data, 0, 512), rig.Good(TestCdb.Read10(0, 1)));
    }

    // ---- VERIFY ----

    [Fact]
    public void VerifyChecksTheRangeAndComparesHostData()
    {
        var (disk, store) = NewDisk();
        UnitRig rig = Rig(disk);
        rig.Good(TestCdb.Verify10(10, 20, byteCheck: false));
        Assert.Equal(0, rig.Io.Receives);
        AssertSense(rig.Run(TestCdb.Verify10(Blocks - 2, 5, false)), SenseData.IllegalRequest, SenseData.LogicalBlockAddressOutOfRange);

        byte[] same = Slice(store.Data, 30 * 512, 4 * 512);
        rig.Good(TestCdb.Verify10(30, 4, byteCheck: true), same);

        same[2 * 512 + 100] ^= 0xFF;
        Answer a = rig.Run(TestCdb.Verify10(30, 4, byteCheck: true), same);
        AssertSense(a, EmulationSense.Miscompare, EmulationSense.MiscompareDuringVerify);
        Assert.Equal(32, a.Information);
    }

    // ---- write protection, medium errors ----

    [Fact]
    public void AReadOnlyImageIsWriteProtected()
    {
        var (disk, store) = NewDisk(readOnly: true);
        UnitRig rig = Rig(disk);
        byte[] before = Slice(store.Data, 0, 512);
        AssertSense(rig.Run(TestCdb.Write10(0, 1), new byte[512]), SenseData.DataProtect, SenseData.WriteProtected);
        AssertSense(rig.Run(TestCdb.Write6(0, 1), new byte[512]), SenseData.DataProtect, SenseData.WriteProtected);
        AssertSense(rig.Run(TestCdb.FormatUnit(false)), SenseData.DataProtect, SenseData.WriteProtected);
        Assert.Equal(before, Slice(store.Data, 0, 512));
        Assert.Equal(0x80, new ModeData(rig.Good(TestCdb.ModeSense6(0x08)), false).DeviceSpecific);
        rig.Good(TestCdb.Read10(0, 1));
    }

    [Fact]
    public void TheWriteProtectSwitchProtectsAWritableImage()
    {
        var (disk, _) = NewDisk();
        UnitRig rig = Rig(disk);
        disk.WriteProtect = true;
        AssertSense(rig.Run(TestCdb.Write10(0, 1), new byte[512]), SenseData.DataProtect, SenseData.WriteProtected);
        disk.WriteProtect = false;
        rig.Good(TestCdb.Write10(0, 1), new byte[512]);
        Assert.Equal(0, new ModeData(rig.Good(TestCdb.ModeSense6(0x08)), false).DeviceSpecific);
    }

    [Fact]
    public void AFailingStoreGivesMediumErrorsAtTheFailingBlock()
    {
        var inner = new MemoryBlockStore(PatternImage(Blocks, 512), false);
        var store = new FailingStore(inner, 57 * 512, 58 * 512);
        var disk = new DiskUnit(store);
        UnitRig rig = Rig(disk);

        Answer read = rig.Run(TestCdb.Read10(50, 10));
        AssertSense(read, SenseData.MediumError, SenseData.UnrecoveredReadError);
        Assert.True(read.InformationValid);
        Assert.Equal(57, read.Information);

        Answer write = rig.Run(TestCdb.Write10(55, 4), new byte[4 * 512]);
        AssertSense(write, SenseData.MediumError, SenseData.WriteError);
        Assert.Equal(57, write.Information);

        AssertSense(rig.Run(TestCdb.Verify10(56, 3, false)), SenseData.MediumError, SenseData.UnrecoveredReadError);

        store.Throw = true;
        Answer thrown = rig.Run(TestCdb.Read10(57, 1));
        AssertSense(thrown, SenseData.MediumError, SenseData.UnrecoveredReadError);
        Assert.Equal(57, thrown.Information);

        store.FailFlush = true;
        AssertSense(rig.Run(TestCdb.SynchronizeCache(0, 0)), SenseData.MediumError, SenseData.WriteError);
        rig.Good(TestCdb.Read10(0, 10));
    }

    [Fact]
    public void WithoutAMediumMediaCommandsAreNotReady()
    {
        var disk = new DiskUnit(DeviceProfile.GenericRemovableDisk(), null);
        UnitRig rig = Rig(disk);
        foreach (byte[] cdb in new[]
        {
            TestCdb.TestUnitReady(), TestCdb.Read10(0, 1), TestCdb.Read6(0, 1), TestCdb.ReadCapacity(),
            TestCdb.Seek10(0), TestCdb.Verify10(0, 1, false), TestCdb.SynchronizeCache(0, 0), TestCdb.FormatUnit(false),
        })
        {
            AssertSense(rig.Run(cdb), SenseData.NotReady, SenseData.MediumNotPresent);
        }
        AssertSense(rig.Run(TestCdb.Write10(0, 1), new byte[512]), SenseData.NotReady, SenseData.MediumNotPresent);
        rig.Good(TestCdb.Inquiry());
        rig.Good(TestCdb.ModeSense6(0x3F));
    }

    // ---- FORMAT UNIT ----

    [Fact]
    public void FormatUnitTakesItsParameterListAndKeepsTheImage()
    {
        var (disk, store) = NewDisk();
        UnitRig rig = Rig(disk);
        byte[] before = (byte[])store.Data.Clone();
        rig.Good(TestCdb.FormatUnit(false));

        // Defect list header with an 8-byte list (two block descriptors).
        byte[] list = { 0, 0x00, 0, 8, 0, 0, 0, 5, 0, 0, 0, 9 };
        rig.Good(TestCdb.FormatUnit(true), list);
        Assert.Equal(0, rig.Io.SupplyLeft);

        // With an initialization pattern (IP): its 4-byte header and 2 pattern bytes come first.
        byte[] withPattern = { 0, 0x08, 0, 4, 0, 1, 0, 2, 0xE5, 0xE5, 0, 0, 0, 7 };
        rig.Good(TestCdb.FormatUnit(true), withPattern);
        Assert.Equal(0, rig.Io.SupplyLeft);
        Assert.Equal(before, store.Data);
    }

    // ---- READ BUFFER / WRITE BUFFER ----

    [Fact]
    public void WriteBufferDataComesBackFromReadBuffer()
    {
        var (disk, _) = NewDisk();
        UnitRig rig = Rig(disk);

        byte[] descriptor = rig.Good(TestCdb.ReadBuffer(3, 0, 4));
        Assert.Equal(new byte[] { 0, 0, 0x02, 0x00 }, descriptor);  // byte boundary, 512 bytes

        byte[] data = new byte[100];
        new Random(1).NextBytes(data);
        rig.Good(TestCdb.WriteBuffer(2, 10, 100), data);
        Assert.Equal(data, rig.Good(TestCdb.ReadBuffer(2, 10, 100)));

        byte[] combined = new byte[4 + 20];
        new Random(2).NextBytes(combined);
        rig.Good(TestCdb.WriteBuffer(0, 0, combined.Length), combined);
        byte[] back = rig.Good(TestCdb.ReadBuffer(0, 0, 24));
        Assert.Equal(new byte[] { 0, 0, 0x02, 0x00 }, back[..4]);  // header: capacity
        Assert.Equal(combined[4..], back[4..]);

        AssertInvalidField(rig.Run(TestCdb.WriteBuffer(2, 500, 20), new byte[20]), 6);
        AssertInvalidField(rig.Run(TestCdb.WriteBuffer(5, 0, 20), new byte[20]), 1);
        AssertInvalidField(rig.Run(TestCdb.ReadBuffer(2, 600, 4)), 3);
        AssertInvalidField(rig.Run(TestCdb.ReadBuffer(1, 0, 4)), 1);
        Assert.Equal(512 - 12, rig.Good(TestCdb.ReadBuffer(2, 12, 4096)).Length);
    }

    // ---- reservations ----

    [Fact]
    public void AReservationHoldsOtherInitiatorsOffUntilReleased()
    {
        var (disk, _) = NewDisk();
        UnitRig rig = Rig(disk);
        rig.Good(TestCdb.Reserve(), initiator: 7);
        Assert.Equal(7, disk.ReservedFor);

        Answer other = rig.Run(TestCdb.Read10(0, 1), initiator: 6);
        Assert.Equal(0x18, other.Status);
        Assert.Empty(other.Data);
        Assert.Equal(0x18, rig.Run(TestCdb.Reserve(), initiator: 6).Status);
        Assert.Equal(0x18, rig.Run(TestCdb.TestUnitReady(), initiator: -1).Status);
        rig.Good(TestCdb.Inquiry(), initiator: 6);           // INQUIRY is never refused
        rig.Good(TestCdb.Release(), initiator: 6);           // not the holder: GOOD, no effect
        Assert.Equal(7, disk.ReservedFor);
        Assert.Equal(0x18, rig.Run(TestCdb.TestUnitReady(), initiator: 6).Status);

        rig.Good(TestCdb.Read10(0, 1), initiator: 7);
        rig.Good(TestCdb.Reserve(), initiator: 7);           // the holder may reserve again
        rig.Good(TestCdb.Release(), initiator: 7);
        Assert.Equal(-1, disk.ReservedFor);
        rig.Good(TestCdb.Read10(0, 1), initiator: 6);
    }

    [Fact]
    public void AThirdPartyReservationAndAResetEndReservations()
    {
        var (disk, _) = NewDisk();
        UnitRig rig = Rig(disk);
        rig.Good(TestCdb.Reserve(thirdParty: 3), initiator: 7);
        Assert.Equal(3, disk.ReservedFor);
        rig.Good(TestCdb.TestUnitReady(), initiator: 3);
        Assert.Equal(0x18, rig.Run(TestCdb.TestUnitReady(), initiator: 5).Status);

        disk.OnReset();
        Assert.Equal(-1, disk.ReservedFor);
        rig.Good(TestCdb.TestUnitReady(), initiator: 5);

        byte[] extent = TestCdb.Reserve();
        extent[1] = 0x01;
        AssertInvalidField(rig.Run(extent), 1);
    }

    // ---- removable disk ----

    [Fact]
    public void ARemovableDiskReportsRmbAndChangesMedia()
    {
        var disk = new DiskUnit(DeviceProfile.GenericRemovableDisk(), null);
        UnitRig rig = Rig(disk);
        Assert.Equal(0x80, rig.Good(TestCdb.Inquiry())[1]);
        Assert.False(disk.MediumPresent);

        var cartridge = new MemoryBlockStore(PatternImage(200, 512), false);
        disk.Insert(cartridge);
        rig.Good(TestCdb.Inquiry(), initiator: 7);  // INQUIRY does not consume the unit attention
        AssertSense(rig.Run(TestCdb.TestUnitReady(), initiator: 7), SenseData.UnitAttention, SenseData.NotReadyToReadyChange);
        rig.Good(TestCdb.TestUnitReady(), initiator: 7);
        AssertSense(rig.Run(TestCdb.Read10(0, 1), initiator: 2), SenseData.UnitAttention, SenseData.NotReadyToReadyChange);
        Assert.Equal(Slice(cartridge.Data, 512, 512), rig.Good(TestCdb.Read10(1, 1), initiator: 2));
        Assert.Equal(199, BigEndianInt(rig.Good(TestCdb.ReadCapacity()), 0));

        rig.Good(TestCdb.PreventAllow(true), initiator: 2);
        Assert.True(disk.RemovalPrevented);
        Assert.False(disk.Eject());
        AssertSense(rig.Run(TestCdb.StartStop(start: false, loadEject: true), initiator: 7), SenseData.IllegalRequest, SenseData.MediumRemovalPrevented);
        rig.Good(TestCdb.PreventAllow(false), initiator: 2);
        Assert.True(disk.Eject());
        AssertSense(rig.Run(TestCdb.TestUnitReady()), SenseData.NotReady, SenseData.MediumNotPresent);
    }

    [Fact]
    public void PreventionIsPerInitiatorAndEndsWithAReset()
    {
        var disk = new DiskUnit(DeviceProfile.GenericMagnetoOptical(), new MemoryBlockStore(PatternImage(100, 512), false));
        UnitRig rig = Rig(disk);
        Assert.Equal(0x87, rig.Good(TestCdb.Inquiry())[0] | rig.Good(TestCdb.Inquiry())[1]);
        Assert.Equal(0x03, new ModeData(rig.Good(TestCdb.ModeSense6(0x01)), false).MediumType);
        rig.Good(TestCdb.PreventAllow(true), initiator: 1);
        rig.Good(TestCdb.PreventAllow(true), initiator: 2);
        rig.Good(TestCdb.PreventAllow(false), initiator: 1);
        Assert.True(disk.RemovalPrevented);
        disk.OnReset();
        Assert.False(disk.RemovalPrevented);
        rig.Good(TestCdb.StartStop(start: false, loadEject: true));
        Assert.False(disk.MediumPresent);
        rig.Good(TestCdb.StartStop(start: true, loadEject: true));  // loads the same cartridge again
        Assert.True(disk.MediumPresent);
        rig.Good(TestCdb.TestUnitReady());
    }

    [Fact]
    public void AProfileOfTheWrongDeviceTypeIsRefused()
    {
        Assert.Throws<ArgumentException>(() => new DiskUnit(DeviceProfile.GenericCdrom(), null));
        Assert.Throws<ArgumentException>(() => new CdromUnit(DeviceProfile.GenericScsi2Disk(), null));
    }

    internal static int BigEndianInt(byte[] d, int offset) => (d[offset] << 24) | (d[offset + 1] << 16) | (d[offset + 2] << 8) | d[offset + 3];
}
