using System;
using System.Diagnostics;
using ScsiBridge.Firmware.Adapter;
using ScsiBridge.Firmware.Tests.Targets;
using ScsiBridge.Hal;

namespace ScsiBridge.Firmware.Bench;

/// <summary>
/// Commands per second of wall time and of virtual (modelled board) time for 512-byte and
/// 64 KiB reads through the whole adapter (TMIOCMD, the bus thread, the controller, the
/// simulated bus and a scripted disk), and the managed bytes allocated per command on the
/// caller's thread and on the adapter's bus thread. With "target [MiB]": bridge to bridge
/// image read and write through the target engine and an emulated disk.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "target")
        {
            int mib = args.Length > 1 && int.TryParse(args[1], out int m) && m > 0 ? m : 64;
            return TargetBench.Run(mib) ? 0 : 1;
        }
        int scale = args.Length > 0 && int.TryParse(args[0], out int s) && s > 0 ? s : 1;
        Console.WriteLine("initiator adapter: READ(10) commands through TMIOCMD to a scripted disk on the simulated bus");
        Console.WriteLine();
        Console.WriteLine("{0,-8} {1,9} {2,9} {3,12} {4,14} {5,12} {6,14}", "size", "commands", "wall s", "cmds/wall s",
            "cmds/virtual s", "virtual MB/s", "alloc B/cmd");
        bool ok = Measure(512, 2000 * scale) & Measure(64 * 1024, 40 * scale);
        Console.WriteLine();
        Console.WriteLine("virtual time is the ESP32-S3 time model (docs/time-model.md); alloc B/cmd counts the caller's");
        Console.WriteLine("thread and the adapter's bus thread over the measured commands, after a warm-up.");
        return ok ? 0 : 1;
    }

    private static bool Measure(int bytes, int commands)
    {
        int blocks = bytes / 512;
        using var rig = new AdapterRig();
        ScriptedTarget disk = rig.AddTarget(0, o => o.Blocks = 4096);
        var busThread = new AllocationWindow();
        byte[] data = new byte[bytes];
        long wallTicks = 0, virtualNs = 0, callerBytes = 0;
        bool ok = true;
        rig.Run(() =>
        {
            rig.Adapter.StartDevice(0, 0, false, false);
            IoRequest r = rig.Read(0, 0, new byte[] { 0x28, 0, 0, 0, 0, 16, 0, (byte)(blocks >> 8), (byte)blocks, 0 }, data);
            r.Listener = busThread;
            for (int i = 0; i < 20; i++) ok &= rig.Adapter.Execute(r, true) == Errno.Ok;
            busThread.Start();
            var sw = new Stopwatch();
            long v0 = rig.Bus.NowNs;
            long a0 = GC.GetAllocatedBytesForCurrentThread();
            sw.Start();
            for (int i = 0; i < commands; i++) ok &= rig.Adapter.Execute(r, true) == Errno.Ok;
            sw.Stop();
            callerBytes = GC.GetAllocatedBytesForCurrentThread() - a0;
            wallTicks = sw.ElapsedTicks;
            virtualNs = rig.Bus.NowNs - v0;
        });
        ok &= data.AsSpan().SequenceEqual(disk.Image.AsSpan(16 * 512, bytes));
        double wall = (double)wallTicks / Stopwatch.Frequency;
        double virt = virtualNs * 1e-9;
        double perCommand = (double)(callerBytes + busThread.Bytes) / commands;
        Console.WriteLine("{0,-8} {1,9} {2,9:F3} {3,12:F0} {4,14:F0} {5,12:F3} {6,14:F1}", bytes >= 1024 ? (bytes / 1024) + " KiB" : bytes + " B",
            commands, wall, commands / wall, commands / virt, (double)bytes * commands / virt / 1e6, perCommand);
        if (!ok) Console.Error.WriteLine("error: a command failed or the data differs (" + bytes + " bytes)");
        return ok;
    }

    /// <summary>The bus thread's allocations, read at each completion on that thread.</summary>
    private sealed class AllocationWindow : IRequestListener
    {
        private bool _on;
        private long _first = -1;
        private long _last;

        public long Bytes => _first < 0 ? 0 : _last - _first;

        public void Start() => _on = true;

        public void OnComplete(IoRequest request)
        {
            if (!_on) return;
            long now = GC.GetAllocatedBytesForCurrentThread();
            if (_first < 0) _first = now;
            _last = now;
        }
    }
}
