using ScsiBridge.SimHost;

namespace ScsiBridge.Campaign.Tests;

/// <summary>A simulated bridge on its own thread for one run of the tool; disposing it is the
/// drive's power-cycle (the next run gets a new one on the same media).</summary>
internal sealed class RunningSimulatorForCampaign : IDisposable
{
    private readonly Thread _thread;

    public RunningSimulatorForCampaign(SimConfig config)
    {
        Bridge = new SimulatedBridge(config);
        _thread = new Thread(() =>
        {
            try
            {
                Bridge.Run();
            }
            catch (ScsiBridge.Hal.Sim.SimDeadlockException e)
            {
                // A drive frozen by a fault never finishes what its engine asked of it: once the
                // link has stopped, nothing is left to move the bus, and the simulator says so.
                // That is the power-cycle; the runner decides whether a drive was frozen.
                Deadlock = e;
            }
        }) { IsBackground = true, Name = "simulated bridge" };
        _thread.Start();
    }

    public SimulatedBridge Bridge { get; }

    /// <summary>Set when the simulator ended because every instance left waits forever.</summary>
    public Exception? Deadlock { get; private set; }

    private bool _disposed;

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Bridge.Stop();
        if (!_thread.Join(TimeSpan.FromSeconds(60))) throw new TimeoutException("the simulator did not stop within 60 s");
        Bridge.Dispose();
    }
}
