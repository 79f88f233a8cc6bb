namespace ScsiBridge.Board;

/// <summary>
/// The 18 signals of a narrow SCSI-2 bus, with their bit in the native controller's line mask
/// (hal/native/core/include/sb/lines.h) and their pin on the 50-pin single-ended connector.
/// </summary>
public static class BusSignals
{
    public sealed record Signal(string Name, string CableName, int Bit, int ConnectorPin);

    public static readonly Signal[] All =
    {
        new("BSY", "BSY", 0, 36),
        new("SEL", "SEL", 1, 44),
        new("ATN", "ATN", 2, 32),
        new("ACK", "ACK", 3, 38),
        new("RST", "RST", 4, 40),
        new("MSG", "MSG", 5, 42),
        new("CD", "C/D", 6, 46),
        new("IO", "I/O", 7, 50),
        new("REQ", "REQ", 8, 48),
        new("DB0", "DB0", 9, 2),
        new("DB1", "DB1", 10, 4),
        new("DB2", "DB2", 11, 6),
        new("DB3", "DB3", 12, 8),
        new("DB4", "DB4", 13, 10),
        new("DB5", "DB5", 14, 12),
        new("DB6", "DB6", 15, 14),
        new("DB7", "DB7", 16, 16),
        new("DBP", "DBP", 17, 18),
    };

    /// <summary>The wired-OR lines: every role may drive them, so each has a sense and a drive GPIO.</summary>
    public static readonly string[] WiredOr = { "BSY", "SEL", "RST" };

    /// <summary>The lines on the data transceivers.</summary>
    public static readonly string[] Data = { "DB0", "DB1", "DB2", "DB3", "DB4", "DB5", "DB6", "DB7", "DBP" };

    /// <summary>The role that drives each one-role control line.</summary>
    public static string? ControlDriver(string signal) => signal switch
    {
        "REQ" or "MSG" or "CD" or "IO" => "target",
        "ACK" or "ATN" => "initiator",
        _ => null,
    };

    public static Signal? Find(string name)
    {
        foreach (Signal s in All)
        {
            if (s.Name == name)
            {
                return s;
            }
        }

        return null;
    }
}
