using System;
using System.Collections.Generic;
using System.Threading;
using ScsiBridge.Firmware.Adapter;
using ScsiBridge.Hal;
using ScsiBridge.Hal.Sim;

namespace ScsiBridge.Firmware.Tests.Targets;

/// <summary>
/// The adapter (initiator ID 7) and scripted targets on one simulated bus. Run spawns the
/// targets, the adapter's bus thread and the test body as instances, in that order; when the
/// body returns, the adapter and the targets are stopped.
/// </summary>
public sealed class AdapterRig : IDisposable
{
    public readonly SimBus Bus = new SimBus();
    public readonly ScsiAdapter Adapter;
    public readonly SimController Initiator;
    private readonly List<ScriptedTarget> _targets = new List<ScriptedTarget>();
    private readonly List<(string Name, ThreadStart Body)> _extra = new List<(string, ThreadStart)>();
    private readonly List<Action> _stops = new List<Action>();

    /// <summary>nativeDataPlane false: the platform offers no native ring or codec, so the
    /// adapter keeps its ring in managed arrays (the fallback path).</summary>
    public AdapterRig(AdapterConfig? config = null, bool nativeDataPlane = true)
    {
        config ??= new AdapterConfig();
        Initiator = Bus.Attach(new ControllerOptions(config.ScsiId));
        Adapter = new ScsiAdapter(Initiator, Platform(nativeDataPlane), config);
    }

    /// <summary>A platform on this rig's bus, with or without the native data plane.</summary>
    public SimPlatform Platform(bool nativeDataPlane = true)
    {
        var platform = new SimPlatform(Bus);
        if (!nativeDataPlane) platform.DataPlane = null;
        return platform;
    }

    public ScriptedTarget AddTarget(int id, Action<ScriptedTargetOptions>? configure = null)
    {
        var options = new ScriptedTargetOptions { Id = id };
        configure?.Invoke(options);
        SimController c = Bus.Attach(new ControllerOptions(id));
        var t = new ScriptedTarget(Bus, c, options);
        _targets.Add(t);
        return t;
    }

    /// <summary>Another firmware thread (a link server's, a second engine's) that Run starts after
    /// the adapter; stop is called when the body returns so that it ends.</summary>
    public void AddInstance(string name, ThreadStart body, Action stop)
    {
        _extra.Add((name, body));
        _stops.Add(stop);
    }

    /// <summary>
    /// As Run, for tests that freeze a target with a fault: its instance waits for ever on a
    /// controller that will never complete, so the deadlock that follows the body is expected
    /// as long as only targets are left waiting.
    /// </summary>
    public void RunWithFrozenTargets(Action body)
    {
        try
        {
            Run(body);
        }
        catch (SimDeadlockException e)
        {
            foreach (string waiting in e.Waiting)
            {
                if (!waiting.StartsWith("'target ", StringComparison.Ordinal)) throw;
            }
        }
    }

    public void Run(Action body)
    {
        foreach (ScriptedTarget t in _targets) Bus.Spawn("target " + t.Id, t.Run);
        Bus.Spawn("adapter", Adapter.RunBusThread);
        foreach (var (name, instance) in _extra) Bus.Spawn(name, instance);
        Bus.Spawn("test", () =>
        {
            try
            {
                body();
            }
            finally
            {
                foreach (Action stop in _stops) stop();
                Adapter.Shutdown();
                foreach (ScriptedTarget t in _targets) t.Stop();
            }
        });
        Bus.RunAll();
    }

    /// <summary>A read request on a started session with its own data array.</summary>
    public IoRequest Read(int id, int lun, byte[] cdb, byte[] into)
    {
        IoRequest r = Adapter.CreateRequest();
        r.TargetId = id;
        r.Lun = lun;
        r.SetCdb(cdb, cdb.Length);
        r.DataLength = into.Length;
        r.Flags = IoFlags.Read;
        r.Sink = new ArrayData(into, 0);
        return r;
    }

    public IoRequest Write(int id, int lun, byte[] cdb, byte[] from)
    {
        IoRequest r = Adapter.CreateRequest();
        r.TargetId = id;
        r.Lun = lun;
        r.SetCdb(cdb, cdb.Length);
        r.DataLength = from.Length;
        r.Source = new ArrayData(from, 0);
        return r;
    }

    public IoRequest NoData(int id, int lun, byte[] cdb)
    {
        IoRequest r = Adapter.CreateRequest();
        r.TargetId = id;
        r.Lun = lun;
        r.SetCdb(cdb, cdb.Length);
        return r;
    }

    /// <summary>The bus monitor's findings, one per line; empty when the run kept every rule.</summary>
    public string ViolationsText()
    {
        return string.Join("\n", Bus.Violations);
    }

    public void Dispose()
    {
        Bus.Dispose();
    }
}
