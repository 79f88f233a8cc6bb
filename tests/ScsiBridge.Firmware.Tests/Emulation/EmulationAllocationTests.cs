using System;
using ScsiBridge.Firmware.Emulation;
using Xunit;

namespace ScsiBridge.Firmware.Tests.Emulation;

/// <summary>A warm unit serves reads without allocating (the board's hot path).</summary>
public class EmulationAllocationTests : EmulationTestBase
{
    [Fact]
    public void AHundredRead10sAllocateNothingOnceWarm()
    {
        var store = new MemoryBlockStore(PatternImage(512, 512), false);
        var disk = new DiskUnit(store);
        UnitRig rig = Rig(disk);
        rig.Prepare(TestCdb.Read10(100, 16));
        for (int i = 0; i < 10; i++)
        {
            rig.Io.ClearSent();
            disk.Execute(rig.Command, rig.Io);
        }
        Assert.Equal(0, rig.Command.Status);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            rig.Io.ClearSent();
            disk.Execute(rig.Command, rig.Io);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(0, rig.Command.Status);
        Assert.Equal(16 * 512, rig.Io.SentLength);
        Assert.Equal(Slice(store.Data, 100 * 512, 16 * 512), rig.Io.Sent());
    }

    [Fact]
    public void WarmWritesModeSenseAndCdReadsAllocateNothingEither()
    {
        var disk = new DiskUnit(new MemoryBlockStore(PatternImage(512, 512), false));
        UnitRig diskRig = Rig(disk);
        var cd = new CdromUnit(new MemoryBlockStore(PatternImage(64, 2048), true));
        UnitRig cdRig = Rig(cd);
        byte[] writeData = new byte[8 * 512];

        void WarmAndMeasure(UnitRig rig, ILogicalUnitRunner run)
        {
            for (int i = 0; i < 5; i++) run();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 50; i++) run();
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal(0, rig.Command.Status);
        }

        diskRig.Prepare(TestCdb.Write10(40, 8), dataOut: writeData);
        WarmAndMeasure(diskRig, () => { diskRig.Io.Reset(writeData); disk.Execute(diskRig.Command, diskRig.Io); });

        diskRig.Prepare(TestCdb.ModeSense10(0x3F));
        WarmAndMeasure(diskRig, () => { diskRig.Io.ClearSent(); disk.Execute(diskRig.Command, diskRig.Io); });

        cdRig.Prepare(TestCdb.Read12(3, 4));
        WarmAndMeasure(cdRig, () => { cdRig.Io.ClearSent(); cd.Execute(cdRig.Command, cdRig.Io); });

        cdRig.Prepare(TestCdb.ReadToc(true, 0));
        WarmAndMeasure(cdRig, () => { cdRig.Io.ClearSent(); cd.Execute(cdRig.Command, cdRig.Io); });
    }

    private delegate void ILogicalUnitRunner();
}
