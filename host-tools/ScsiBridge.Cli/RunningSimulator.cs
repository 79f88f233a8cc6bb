using ScsiBridge.SimHost;

namespace ScsiBridge.Cli;

/// <summary>The simulated bridge running on its own thread, for sim, trace and demo.</summary>
internal sealed class RunningSimulator : IDisposable
{
    private readonly Thread _thread;

    public RunningSimulator(SimConfig config)
    {
        Config = config;
        Bridge = new SimulatedBridge(config);
        _thread = new Thread(Bridge.Run) { IsBackground = true, Name = "simulated bridge" };
        _thread.Start();
    }

    public SimConfig Config { get; }

    public SimulatedBridge Bridge { get; }

    public string Port => Bridge.PortPath;

    /// <summary>Waits until cancelled (real time: the simulator serves the link meanwhile).</summary>
    public static async Task WaitAsync(CancellationToken ct)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, ct);
        }
        catch (OperationCanceledException)
        {
            // The normal end of `scsibridge sim`.
        }
    }

    public void Dispose()
    {
        Bridge.Stop();
        _thread.Join();
        Bridge.Dispose();
    }
}
