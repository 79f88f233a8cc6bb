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

    /// <summary>The link as a person needs it to read the rates: its model, the most it can
    /// carry, and whether the simulator keeps to the wall clock.</summary>
    public static string Describe(SimConfig config) =>
        config.Link.Name + ", at most " + (config.Link.BytesPerSecond / 1e6).ToString("F3", System.Globalization.CultureInfo.InvariantCulture) + " MB/s; "
        + (config.Paced ? "paced to the wall clock" : "full speed (rates are not the board's)");

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
