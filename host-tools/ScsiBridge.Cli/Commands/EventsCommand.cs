using System.CommandLine;
using ScsiBridge.Client.Api;

namespace ScsiBridge.Cli.Commands;

/// <summary>
/// scsibridge events: follows the bridge's asynchronous events (bus resets, unit attentions,
/// devices that stop answering) for the devices on the bus, until Ctrl-C, --count or --seconds.
/// </summary>
internal static class EventsCommand
{
    public static Command Create(CliApp app)
    {
        var ids = OptionValues.Wholes(new Option<int[]>("--id", "-i") { Description = "follow these IDs, 0 to 7 (default: every device a scan finds)", AllowMultipleArgumentsPerToken = true }, 0, 7);
        var count = OptionValues.Whole(new Option<int>("--count") { Description = "stop after this many events (0: no limit)" }, 0, int.MaxValue);
        var seconds = OptionValues.Seconds(new Option<double>("--seconds") { Description = "stop after this long (0: until Ctrl-C)" }, 0, 31_536_000);
        var command = new Command("events", "follow the bridge's asynchronous events (bus reset, unit attention, device gone) until Ctrl-C") { ids, count, seconds };
        app.Handle(command, async run =>
        {
            await using BridgeSession session = await run.ConnectAsync();
            var watch = new List<(int Id, int Lun, ProbeReport? Probe)>();
            int[] chosen = run.Get(ids) ?? Array.Empty<int>();
            if (chosen.Length > 0) watch.AddRange(chosen.Select(i => (i, 0, (ProbeReport?)null)));
            else watch.AddRange((await session.Client.ScanAsync(false, run.Cancel)).Where(p => p.Result == 0).Select(p => (p.TargetId, p.Lun, (ProbeReport?)p)));
            foreach (var (id, lun, probe) in watch)
            {
                await session.StartDeviceAsync(id, lun, false, run.Cancel, probe);
                await session.Client.RegisterEventsAsync(id, lun, (uint)(id * 8 + lun), run.Cancel);
            }
            run.Note("following events of " + (watch.Count == 0 ? "the bus (no devices found)" : string.Join(", ", watch.Select(w => "ID " + w.Id))) + "; Ctrl-C stops");

            int limit = run.Get(count);
            double duration = run.Get(seconds);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(run.Cancel);
            if (duration > 0) stop.CancelAfter(TimeSpan.FromSeconds(duration));
            var seen = new List<object>();
            try
            {
                await foreach (DeviceEvent e in session.Client.EventsAsync(stop.Token))
                {
                    var at = DateTimeOffset.Now;
                    seen.Add(new { time = at, kind = e.Kind, kindName = e.KindName, id = e.TargetId, lun = e.Lun, correlator = e.Correlator, senseKey = e.SenseKey, asc = e.Asc, ascq = e.Ascq });
                    run.Line(at.ToString("HH:mm:ss.fff") + "  " + e.KindName + "  ID " + e.TargetId + " LUN " + e.Lun
                             + (e.SenseKey != 0 || e.Asc != 0 ? "  " + SenseData.KeyName(e.SenseKey) + " (ASC " + e.Asc.ToString("X2") + "h, ASCQ " + e.Ascq.ToString("X2") + "h)" : ""));
                    if (limit > 0 && seen.Count >= limit) break;
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Ctrl-C or --seconds: following events ends this way.
            }
            if (run.Json) run.Emit(new { events = seen });
            return ExitCodes.Ok;
        });
        return command;
    }
}
