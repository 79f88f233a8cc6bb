using System;
using System.Diagnostics;
using ScsiBridge.Firmware.Adapter;
using ScsiBridge.Firmware.Emulation;
using ScsiBridge.Firmware.Target;
using ScsiBridge.Hal;
using ScsiBridge.Hal.Sim;

namespace ScsiBridge.Firmware.Bench;

/// <summary>
/// A whole image read and written between two bridges: the initiator adapter at ID 7 and the
/// target engine with an emulated disk at ID 0, asynchronous and synchronous; wall-clock and
/// modelled board rates, and managed bytes allocated per command on the target's bus thread.
/// </summary>
internal static class TargetBench
{
    public static bool Run(int mib)
    {
        Console.WriteLine("bridge to bridge: " + mib + " MiB image, READ(10)/WRITE(10) of 64 KiB, emulated disk at ID 0");
        Console.WriteLine();
        Console.WriteLine("{0,-6} {1,-6} {2,9} {3,10} {4,12} {5,12} {6,16}", "mode", "dir", "wall s", "wall MiB/s",
            "virtual s", "board MB/s", "target B/cmd");
        bool ok = true;
        foreach (bool sync in new[] { false, true })
        {
            foreach (bool write in new[] { false, true })
            {
                ok &= One(mib, sync, write);
            }
        }
        Console.WriteLine();
        Console.WriteLine("board MB/s uses the ESP32-S3 time model (docs/time-model.md); sync is 200 ns, offset 15.");
        return ok;
    }

    private static bool One(int mib, bool sync, bool write)
    {
        int size = mib * 1024 * 1024;
        byte[] image = new byte[size];
        new Random(7).NextBytes(image);
        var bus = new SimBus();
        var adapterConfig = new AdapterConfig { SyncOffset = sync ? 15 : 0, SyncPeriodNs = 200 };
        var adapter = new ScsiAdapter(bus.Attach(new ControllerOptions(7)), new SimPlatform(bus), adapterConfig);
        var engine = new TargetEngine(bus.Attach(new ControllerOptions(0)), new SimPlatform(bus),
                                      new TargetConfig { RingBuffers = 32, MaxSyncOffset = 15, MinSyncPeriodNs = 200 });
        var store = new MemoryBlockStore(write ? new byte[size] : image, readOnly: false);
        var meter = new AllocationMeter(new DiskUnit(store));
        engine.SetUnit(0, 0, meter, true);
        byte[] piece = new byte[64 * 1024];
        long wallTicks = 0, virtualNs = 0;
        int commands = 0;
        bool ok = true;
        bus.Spawn("target", engine.RunBusThread);
        bus.Spawn("adapter", adapter.RunBusThread);
        bus.Spawn("host", () =>
        {
            var probe = new ProbeOutcome();
            adapter.Probe(0, 0, ProbeWait.Sleep, null, probe);
            adapter.StartDevice(0, 0, true, true);
            IoRequest r = adapter.CreateRequest();
            r.TargetId = 0;
            r.DataLength = piece.Length;
            r.Flags = write ? 0 : IoFlags.Read;
            var data = new ArrayData(piece, 0);
            if (write) r.Source = data; else r.Sink = data;
            var sw = Stopwatch.StartNew();
            long v0 = bus.NowNs;
            for (long lba = 0; lba < size / 512; lba += 128)
            {
                if (write) Array.Copy(image, lba * 512, piece, 0, piece.Length);
                byte[] cdb = { (byte)(write ? 0x2A : 0x28), 0, (byte)(lba >> 24), (byte)(lba >> 16), (byte)(lba >> 8), (byte)lba, 0, 0, 128, 0 };
                r.SetCdb(cdb, 10);
                ok &= adapter.Execute(r, true) == Errno.Ok;
                if (!write) ok &= piece.AsSpan().SequenceEqual(image.AsSpan((int)(lba * 512), piece.Length));
                commands++;
                if (commands == 8) meter.Start();
            }
            virtualNs = bus.NowNs - v0;
            wallTicks = sw.ElapsedTicks;
            adapter.Shutdown();
            engine.Stop();
        });
        bus.RunAll();
        bus.Dispose();
        if (write) ok &= store.Data.AsSpan().SequenceEqual(image);
        double wall = (double)wallTicks / Stopwatch.Frequency;
        double virt = virtualNs * 1e-9;
        Console.WriteLine("{0,-6} {1,-6} {2,9:F2} {3,10:F2} {4,12:F3} {5,12:F3} {6,16:F1}", sync ? "sync" : "async",
            write ? "write" : "read", wall, mib / wall, virt, size / virt / 1e6, meter.BytesPerCommand);
        if (!ok) Console.Error.WriteLine("error: a command failed or the data differs (" + (sync ? "sync " : "async ") + (write ? "write" : "read") + ")");
        return ok;
    }

    /// <summary>Wraps the disk to read the target bus thread's allocation counter at each command.</summary>
    private sealed class AllocationMeter : ILogicalUnit
    {
        private readonly ILogicalUnit _inner;
        private bool _on;
        private long _first = -1, _last;
        private int _measured;

        public AllocationMeter(ILogicalUnit inner) => _inner = inner;

        public byte[] InquiryData => _inner.InquiryData;

        public double BytesPerCommand => _measured > 1 ? (double)(_last - _first) / (_measured - 1) : double.NaN;

        public void Start() => _on = true;

        public void Execute(TargetCommand command, ITargetIo io)
        {
            if (_on)
            {
                long now = GC.GetAllocatedBytesForCurrentThread();
                if (_first < 0) _first = now;
                _last = now;
                _measured++;
            }
            _inner.Execute(command, io);
        }

        public void OnReset() => _inner.OnReset();
    }
}
