using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace ScsiBridge.Board;

/// <summary>The board's pin map, as read from board/pins.csv.</summary>
public sealed class PinMap
{
    public const string Header = "net,gpio,kind,driven_by,bundle,asserted";

    public PinMap(IReadOnlyList<PinAssignment> pins)
    {
        Pins = pins;
    }

    public IReadOnlyList<PinAssignment> Pins { get; }

    public PinAssignment? Find(string net)
    {
        foreach (PinAssignment p in Pins)
        {
            if (p.Net == net)
            {
                return p;
            }
        }

        return null;
    }

    /// <summary>The row of a net the generators need; the validator has made sure it is there.</summary>
    public PinAssignment Get(string net) =>
        Find(net) ?? throw new InvalidOperationException("the pin map has no " + net + "; run the validator first");

    public static PinMap Load(string path) => Parse(File.ReadAllText(path), Path.GetFileName(path));

    /// <summary>Reads the CSV: '#' lines are comments, the first other line is the header.</summary>
    /// <exception cref="PinMapFormatException">A line that is not a pin assignment.</exception>
    public static PinMap Parse(string text, string source = "pins.csv")
    {
        var pins = new List<PinAssignment>();
        string[] lines = text.Replace("\r\n", "\n").Split('\n');
        bool headerSeen = false;
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            int number = i + 1;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (!headerSeen)
            {
                if (line != Header)
                {
                    throw new PinMapFormatException(source, number, "the header must be \"" + Header + "\"");
                }

                headerSeen = true;
                continue;
            }

            pins.Add(ParseRow(line, source, number));
        }

        if (!headerSeen)
        {
            throw new PinMapFormatException(source, lines.Length, "no header line \"" + Header + "\" and no pins");
        }

        return new PinMap(pins);
    }

    private static PinAssignment ParseRow(string line, string source, int number)
    {
        string[] f = line.Split(',');
        if (f.Length != 6)
        {
            throw new PinMapFormatException(source, number, "expected 6 fields (" + Header + "), found " + f.Length);
        }

        string net = f[0].Trim();
        if (net.Length == 0)
        {
            throw new PinMapFormatException(source, number, "the net name is empty");
        }

        if (!int.TryParse(f[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int gpio))
        {
            throw new PinMapFormatException(source, number, "gpio \"" + f[1].Trim() + "\" is not a GPIO number");
        }

        PinKind kind = f[2].Trim() switch
        {
            "data" => PinKind.Data,
            "control" => PinKind.Control,
            "sense" => PinKind.Sense,
            "drive" => PinKind.Drive,
            "board" => PinKind.Board,
            string other => throw new PinMapFormatException(source, number, "kind \"" + other + "\" is none of data, control, sense, drive, board"),
        };

        string drivenBy = f[3].Trim();
        if (drivenBy is not ("both" or "initiator" or "target" or "-"))
        {
            throw new PinMapFormatException(source, number, "driven_by \"" + drivenBy + "\" is none of both, initiator, target, -");
        }

        int? bundle = null;
        string bundleText = f[4].Trim();
        if (bundleText.Length > 0)
        {
            if (!int.TryParse(bundleText, NumberStyles.None, CultureInfo.InvariantCulture, out int channel))
            {
                throw new PinMapFormatException(source, number, "bundle \"" + bundleText + "\" is not a channel number");
            }

            bundle = channel;
        }

        bool assertedHigh = f[5].Trim() switch
        {
            "high" => true,
            "low" => false,
            string other => throw new PinMapFormatException(source, number, "asserted \"" + other + "\" is neither high nor low"),
        };

        return new PinAssignment(net, gpio, kind, drivenBy, bundle, assertedHigh, number);
    }
}

/// <summary>A line of the pin map file that cannot be read.</summary>
public sealed class PinMapFormatException : Exception
{
    public PinMapFormatException(string source, int line, string problem)
        : base(source + ":" + line.ToString(CultureInfo.InvariantCulture) + ": " + problem)
    {
        Line = line;
    }

    public int Line { get; }
}
