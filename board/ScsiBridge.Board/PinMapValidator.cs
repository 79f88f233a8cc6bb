using System.Collections.Generic;
using System.Globalization;

namespace ScsiBridge.Board;

/// <summary>A rule of the pin map that a row breaks, named so that a test can ask for it.</summary>
public sealed record PinMapError(string Rule, string Message);

/// <summary>
/// The rules a pin map must keep before anything is generated from it (board/README.md says
/// why each exists): every GPIO exists and is free for the board, no GPIO twice, all 18 bus
/// signals present with the kind their electrical path needs, DB0-7 on the dedicated-GPIO
/// bundle in bit order, and the board outputs the firmware and the schematic need.
/// </summary>
public static class PinMapValidator
{
    public const string UnknownGpio = "unknown-gpio";
    public const string ReservedGpio = "reserved-gpio";
    public const string DuplicateGpio = "duplicate-gpio";
    public const string DuplicateNet = "duplicate-net";
    public const string MissingSignal = "missing-signal";
    public const string MissingDrive = "missing-drive";
    public const string WrongKind = "wrong-kind";
    public const string Bundle = "bundle";
    public const string MissingBoardOutput = "missing-board-output";
    public const string UnknownNet = "unknown-net";
    public const string DataNotConsecutive = "data-not-consecutive";
    public const string SampleSplit = "sample-split";

    /// <summary>The board outputs the generated files refer to.</summary>
    public static readonly string[] BoardOutputs = { "DATA_OE_N", "ROLE", "TERM_EN", "STATUS_LED" };

    public static IReadOnlyList<PinMapError> Validate(PinMap map)
    {
        var errors = new List<PinMapError>();
        var byGpio = new Dictionary<int, PinAssignment>();
        var byNet = new Dictionary<string, PinAssignment>();

        foreach (PinAssignment p in map.Pins)
        {
            string where = "line " + p.Line.ToString(CultureInfo.InvariantCulture) + ": " + p.Net + " on GPIO " + p.Gpio.ToString(CultureInfo.InvariantCulture);
            if (!Esp32S3.Exists(p.Gpio))
            {
                errors.Add(new(UnknownGpio, where + ": the ESP32-S3 has GPIO 0-21 and 26-48 only"));
            }
            else if (Esp32S3.Reserved(p.Gpio) is string why)
            {
                errors.Add(new(ReservedGpio, where + ": GPIO " + p.Gpio.ToString(CultureInfo.InvariantCulture) + " is " + why + "; choose a free GPIO"));
            }

            if (byGpio.TryGetValue(p.Gpio, out PinAssignment? first))
            {
                errors.Add(new(DuplicateGpio, where + ": GPIO " + p.Gpio.ToString(CultureInfo.InvariantCulture) + " already carries " + first.Net + " (line " + first.Line.ToString(CultureInfo.InvariantCulture) + ")"));
            }
            else
            {
                byGpio[p.Gpio] = p;
            }

            if (!byNet.TryAdd(p.Net, p))
            {
                errors.Add(new(DuplicateNet, where + ": " + p.Net + " is already on GPIO " + byNet[p.Net].Gpio.ToString(CultureInfo.InvariantCulture)));
            }

            CheckKind(p, where, errors);
            CheckBundle(p, where, errors);
        }

        foreach (BusSignals.Signal s in BusSignals.All)
        {
            if (!byNet.ContainsKey(s.Name))
            {
                errors.Add(new(MissingSignal, "bus signal " + s.CableName + " has no GPIO: all 18 signals of the bus must be on the map (net " + s.Name + ")"));
            }
        }

        foreach (string line in BusSignals.WiredOr)
        {
            if (!byNet.ContainsKey(line + "_DRV"))
            {
                errors.Add(new(MissingDrive, line + " is wired-OR (any device may assert it, in either role) and needs a drive GPIO, net " + line + "_DRV"));
            }
        }

        foreach (string output in BoardOutputs)
        {
            if (!byNet.ContainsKey(output))
            {
                errors.Add(new(MissingBoardOutput, "board output " + output + " has no GPIO; the firmware and the schematic use it"));
            }
        }

        CheckSampling(byNet, errors);
        return errors;
    }

    // The backend reads DB0-7, DBP and MSG with one GPIO_IN read and puts the nine data bits in
    // place with one shift: DB0-7 and DBP on nine consecutive GPIOs (DB0 lowest, DBP right above
    // DB7), all of them and MSG in GPIO 0-31 (GPIO_IN_REG's bank). Checked only when the nets
    // exist; a missing one is reported above.
    private static void CheckSampling(Dictionary<string, PinAssignment> byNet, List<PinMapError> errors)
    {
        if (!byNet.TryGetValue("DB0", out PinAssignment? db0))
        {
            return;
        }

        for (int k = 1; k < BusSignals.Data.Length; k++)
        {
            string net = BusSignals.Data[k];
            if (byNet.TryGetValue(net, out PinAssignment? p) && p.Gpio != db0.Gpio + k)
            {
                errors.Add(new(DataNotConsecutive, "line " + p.Line.ToString(CultureInfo.InvariantCulture) + ": " + net + " on GPIO " + p.Gpio.ToString(CultureInfo.InvariantCulture)
                    + ": DB0-7 and DBP must be nine consecutive GPIOs, DB0 first and DBP right above DB7 (one shift reads them); put " + net + " on GPIO " + (db0.Gpio + k).ToString(CultureInfo.InvariantCulture)));
            }
        }

        foreach (string net in new[] { "DB0", "DB1", "DB2", "DB3", "DB4", "DB5", "DB6", "DB7", "DBP", "MSG" })
        {
            if (byNet.TryGetValue(net, out PinAssignment? p) && Esp32S3.Exists(p.Gpio) && p.Gpio > 31)
            {
                errors.Add(new(SampleSplit, "line " + p.Line.ToString(CultureInfo.InvariantCulture) + ": " + net + " on GPIO " + p.Gpio.ToString(CultureInfo.InvariantCulture)
                    + ": MSG and the data lines must be in GPIO 0-31, so one GPIO_IN read samples them; move it below 32"));
            }
        }
    }

    private static void CheckKind(PinAssignment p, string where, List<PinMapError> errors)
    {
        BusSignals.Signal? signal = p.Signal == null ? null : BusSignals.Find(p.Signal);
        switch (p.Kind)
        {
            case PinKind.Board:
                if (System.Array.IndexOf(BoardOutputs, p.Net) < 0)
                {
                    errors.Add(new(UnknownNet, where + ": no board output is called " + p.Net + " (known: " + string.Join(", ", BoardOutputs) + ")"));
                }

                return;
            case PinKind.Drive:
                if (signal == null || System.Array.IndexOf(BusSignals.WiredOr, signal.Name) < 0 || !p.Net.EndsWith("_DRV", System.StringComparison.Ordinal))
                {
                    errors.Add(new(WrongKind, where + ": only the wired-OR lines (BSY, SEL, RST) have a separate drive GPIO, named <LINE>_DRV"));
                }

                return;
        }

        if (signal == null)
        {
            errors.Add(new(UnknownNet, where + ": " + p.Net + " is not a bus signal (BSY SEL ATN ACK RST MSG CD IO REQ DB0-7 DBP)"));
            return;
        }

        PinKind expected = System.Array.IndexOf(BusSignals.Data, signal.Name) >= 0 ? PinKind.Data
            : System.Array.IndexOf(BusSignals.WiredOr, signal.Name) >= 0 ? PinKind.Sense
            : PinKind.Control;
        if (p.Kind != expected)
        {
            errors.Add(new(WrongKind, where + ": " + signal.CableName + " must be kind " + expected.ToString().ToLowerInvariant() + ", the electrical path the board gives it"));
        }
        else if (expected == PinKind.Control && p.DrivenBy != BusSignals.ControlDriver(signal.Name))
        {
            errors.Add(new(WrongKind, where + ": " + signal.CableName + " is driven by the " + BusSignals.ControlDriver(signal.Name) + ", not \"" + p.DrivenBy + "\""));
        }
    }

    private static void CheckBundle(PinAssignment p, string where, List<PinMapError> errors)
    {
        bool dataByte = p.Kind == PinKind.Data && p.Net.StartsWith("DB", System.StringComparison.Ordinal) && p.Net != "DBP";
        if (!dataByte)
        {
            if (p.Bundle != null)
            {
                errors.Add(new(Bundle, where + ": only DB0-7 go on the dedicated-GPIO bundle (8 channels, all taken by the data byte)"));
            }

            return;
        }

        int bit = p.Net[2] - '0';
        if (p.Bundle == null)
        {
            errors.Add(new(Bundle, where + ": DB0-7 must be on the dedicated-GPIO bundle so that the bus loop reads or writes a byte in one instruction; give it channel " + bit.ToString(CultureInfo.InvariantCulture)));
        }
        else if (p.Bundle < 0 || p.Bundle >= Esp32S3.DedicatedChannels)
        {
            errors.Add(new(Bundle, where + ": channel " + p.Bundle.Value.ToString(CultureInfo.InvariantCulture) + " does not exist; a core has 8 dedicated-GPIO channels each way (0-7)"));
        }
        else if (p.Bundle != bit)
        {
            errors.Add(new(Bundle, where + ": " + p.Net + " must be on channel " + bit.ToString(CultureInfo.InvariantCulture) + " so that the bundle's bits are the data byte as it is"));
        }
    }
}
