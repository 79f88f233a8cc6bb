namespace ScsiBridge.Board;

/// <summary>One row of board/pins.csv: a net on a GPIO.</summary>
/// <param name="Net">The signal at the GPIO (DB0, REQ, BSY_DRV, TERM_EN...).</param>
/// <param name="Gpio">The ESP32-S3 GPIO number.</param>
/// <param name="Kind">How the GPIO meets the bus or the board.</param>
/// <param name="DrivenBy">"both", "initiator", "target" or "-".</param>
/// <param name="Bundle">The dedicated-GPIO channel, or null.</param>
/// <param name="AssertedHigh">True when a high GPIO level means asserted (or active).</param>
/// <param name="Line">The number of the line in the file, for messages.</param>
public sealed record PinAssignment(string Net, int Gpio, PinKind Kind, string DrivenBy, int? Bundle, bool AssertedHigh, int Line)
{
    /// <summary>The bus signal this GPIO carries (BSY_DRV carries BSY), or null for board outputs.</summary>
    public string? Signal => Kind switch
    {
        PinKind.Board => null,
        PinKind.Drive => Net.EndsWith("_DRV", System.StringComparison.Ordinal) ? Net[..^4] : Net,
        _ => Net,
    };
}
