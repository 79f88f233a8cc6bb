using System;
using ScsiBridge.Firmware.Adapter;
using ScsiBridge.Firmware.Target;
using ScsiBridge.Hal;
using ScsiBridge.Hal.Sim;

namespace ScsiBridge.Firmware.Tests.Target;

/// <summary>Two bridges on one simulated bus: the initiator adapter at ID 7 and the target
/// engine at ID 0 (plus any extra instances a test spawns).</summary>
internal sealed class TargetRig : IDisposable
{
    public readonly SimBus Bus = new SimBus();
    public readonly ScsiAdapter Adapter;
    public readonly TargetEngine Engine;
    public readonly SimController TargetController;

    public TargetRig(TargetConfig? target = null, AdapterConfig? adapter = null)
    {
        adapter ??= new AdapterConfig();
        Adapter = new ScsiAdapter(Bus.Attach(new ControllerOptions(adapter.ScsiId)), new SimPlatform(Bus), adapter);
        target ??= new TargetConfig();
        TargetController = Bus.Attach(new ControllerOptions(LowestId(target.IdMask)));
        Engine = new TargetEngine(TargetController, new SimPlatform(Bus), target);
    }

    private static int LowestId(int mask)
    {
        for (int i = 0; i < 8; i++) if ((mask & (1 << i)) != 0) return i;
        throw new ArgumentException("no target ID");
    }

    public void Run(Action body)
    {
        Bus.Spawn("target", Engine.RunBusThread);
        Bus.Spawn("adapter", Adapter.RunBusThread);
        Bus.Spawn("test", () =>
        {
            try
            {
                body();
            }
            finally
            {
                Adapter.Shutdown();
                Engine.Stop();
            }
        });
        Bus.RunAll();
    }

    public IoRequest Request(int id, int lun, byte[] cdb, byte[]? data, bool read)
    {
        IoRequest r = Adapter.CreateRequest();
        r.TargetId = id;
        r.Lun = lun;
        r.SetCdb(cdb, cdb.Length);
        r.DataLength = data?.Length ?? 0;
        r.Flags = read ? IoFlags.Read : 0;
        if (data != null)
        {
            if (read) r.Sink = new ArrayData(data, 0); else r.Source = new ArrayData(data, 0);
        }
        return r;
    }

    /// <summary>What a host does first: a probe, which consumes the power-on unit attention.</summary>
    public void Greet(int id, int lun)
    {
        var o = new ProbeOutcome();
        int result = Adapter.Probe(id, lun, ProbeWait.Sleep, null, o);
        if (result != ProbeResult.Exists) throw new InvalidOperationException("probe of " + id + ":" + lun + " gave " + ProbeResult.Name(result));
    }

    public string Violations() => string.Join("\n", Bus.Violations);

    public void Dispose() => Bus.Dispose();
}
