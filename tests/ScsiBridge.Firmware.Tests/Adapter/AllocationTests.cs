using System;
using ScsiBridge.Firmware.Adapter;
using ScsiBridge.Firmware.Tests.Targets;
using ScsiBridge.Hal;
using Xunit;

namespace ScsiBridge.Firmware.Tests.Adapter;

/// <summary>The command path allocates nothing once warm, on the caller's thread and on the
/// adapter's bus thread.</summary>
public class AllocationTests
{
    [Fact]
    public void AThousandReadsAllocateNothingAfterWarmUp()
    {
        using var rig = new AdapterRig();
        ScriptedTarget disk = rig.AddTarget(0);
        var probe = new BusThreadAllocations();
        byte[] data = new byte[2 * 512];
        long callerBytes = -1;
        rig.Run(() =>
        {
            Assert.Equal(Errno.Ok, rig.Adapter.StartDevice(0, 0, false, false));
            IoRequest r = rig.Read(0, 0, Cdb.Read10(8, 2), data);
            r.Listener = probe;
            for (int i = 0; i < 50; i++) Assert.Equal(Errno.Ok, rig.Adapter.Execute(r, true));
            probe.Mark();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++)
            {
                if (rig.Adapter.Execute(r, true) != Errno.Ok) throw new InvalidOperationException("read failed");
            }
            callerBytes = GC.GetAllocatedBytesForCurrentThread() - before;
        });
        Assert.Equal(0, callerBytes);
        Assert.Equal(999, probe.Completions);  // the window runs from the first measured completion to the last
        Assert.Equal(0, probe.BusThreadBytes);
        Assert.Equal(disk.Image[(8 * 512)..(10 * 512)], data);
    }

    /// <summary>Runs on the bus thread at every completion: measures that thread's allocations
    /// between the first completion after Mark and the last.</summary>
    private sealed class BusThreadAllocations : IRequestListener
    {
        private bool _armed;
        private long _start = -1;
        private long _last;
        public int Completions;

        public long BusThreadBytes => _last - _start;

        public void Mark() => _armed = true;

        public void OnComplete(IoRequest request)
        {
            if (!_armed) return;
            long now = GC.GetAllocatedBytesForCurrentThread();
            if (_start < 0) _start = now;  // the first measured command's completion
            else Completions++;
            _last = now;
        }
    }
}
