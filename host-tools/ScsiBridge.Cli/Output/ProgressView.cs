using Spectre.Console;
using ScsiBridge.Cli.Imaging;
using ScsiBridge.Client.Imaging;

namespace ScsiBridge.Cli.Output;

/// <summary>
/// Shows a long job's progress on stderr: a live Spectre bar (percentage, rate, time left,
/// errors) on a terminal; a plain line every few seconds otherwise; nothing with --json.
/// </summary>
internal static class ProgressView
{
    public static async Task<T> RunAsync<T>(Invocation run, string title, Func<Action<ImagingProgress>, Task<T>> body)
    {
        if (run.Json) return await body(_ => { });
        if (!run.Console.ErrorIsTerminal) return await PlainAsync(run.Console.Error, title, body);
        T result = default!;
        await run.Console.TerminalError().Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn { Width = 20 }, new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                ProgressTask? task = null;
                result = await body(p =>
                {
                    task ??= ctx.AddTask(Markup.Escape(title), maxValue: Math.Max(1, p.Total));
                    task.IsIndeterminate = p.Total == 0;  // a tape: its length is not known before its end
                    if (p.Total > 0) task.Value = p.Tried;
                    task.Description = Markup.Escape(title + " " + p.Phase) + (p.Bad > 0 ? " [red]" + Markup.Escape(Sizes.Mib(p.Bad) + " bad") + "[/]" : "");
                });
            });
        return result;
    }

    private static async Task<T> PlainAsync<T>(TextWriter error, string title, Func<Action<ImagingProgress>, Task<T>> body)
    {
        var last = TimeSpan.MinValue;
        string lastPhase = "", lastLine = "";
        ImagingProgress latest = default;
        T result = await body(p =>
        {
            latest = p;
            if (p.Phase == lastPhase && p.Elapsed - last < TimeSpan.FromSeconds(5)) return;
            last = p.Elapsed;
            lastPhase = p.Phase;
            lastLine = Line(title, p);
            error.WriteLine(lastLine);
        });
        string final = Line(title, latest);
        if (latest.Total > 0 && final != lastLine) error.WriteLine(final);
        return result;
    }

    public static string Line(string title, ImagingProgress p)
    {
        // Short enough for 80 columns with a large disk: "ID 1 retrying: 100.0 %, 4000.0 of
        // 4000.0 MiB, 10.625 MB/s, 1h20m left, 64 KiB bad".
        if (p.Total == 0) return title + " " + p.Phase + ": " + Sizes.Mib(p.Tried) + ", " + Sizes.Rate(p.Rate);  // a tape: no total
        double percent = 100.0 * p.Tried / p.Total;
        string eta = p.Rate > 0 && p.Tried < p.Total ? ", " + Sizes.Duration(TimeSpan.FromSeconds((p.Total - p.Tried) / p.Rate)) + " left" : "";
        return title + " " + p.Phase + ": " + percent.ToString("F1", System.Globalization.CultureInfo.InvariantCulture) + " %, "
               + Sizes.Mib(p.Tried).Replace(" MiB", "", StringComparison.Ordinal) + " of " + Sizes.Mib(p.Total) + ", " + Sizes.Rate(p.Rate) + eta
               + (p.Bad > 0 ? ", " + Sizes.Mib(p.Bad) + " bad" : "");
    }
}
