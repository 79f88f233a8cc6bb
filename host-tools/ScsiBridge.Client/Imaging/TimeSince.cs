using System;

namespace ScsiBridge.Client.Imaging;

/// <summary>
/// Time since a moment on the client's clock (BridgeClient.Time): the wall clock for a person,
/// the simulator's clock when a test drives the tool, so that when the map is saved and how fast
/// a job went depend on the bridge's time, not on how busy the host was.
/// </summary>
public sealed class TimeSince
{
    private readonly TimeProvider _time;
    private long _start;

    public TimeSince(TimeProvider time)
    {
        _time = time;
        _start = time.GetTimestamp();
    }

    public TimeSpan Elapsed => _time.GetElapsedTime(_start);

    public void Restart() => _start = _time.GetTimestamp();
}
