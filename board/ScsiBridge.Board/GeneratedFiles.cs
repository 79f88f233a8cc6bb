using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace ScsiBridge.Board;

/// <summary>
/// The files generated from the pin map, by path below the repository root. One place lists
/// them so that `generate` writes them and the tests check each is up to date.
/// </summary>
public static class GeneratedFiles
{
    public const string FirmwarePins = "firmware/ScsiBridge.Device/BoardPins.cs";
    public const string NativePins = "hal/native/esp32s3/include/sb/board_pins.h";
    public const string Netlist = "board/scsibridge.net";
    public const string Bom = "board/bom.csv";

    private const string Regenerate = "Generated from board/pins.csv by `dotnet run --project board/ScsiBridge.Board -- generate`; do not edit.";

    public static IReadOnlyDictionary<string, string> All(PinMap map)
    {
        Circuit circuit = Circuit.Build(map);
        return new SortedDictionary<string, string>
        {
            [FirmwarePins] = FirmwarePinsText(map),
            [NativePins] = NativePinsText(map),
            [Netlist] = NetlistText(circuit),
            [Bom] = BomText(circuit),
        };
    }

    /// <summary>The firmware's view: a nanoFramework-safe class of constants.</summary>
    public static string FirmwarePinsText(PinMap map)
    {
        var b = new StringBuilder();
        b.Append("// ").Append(Regenerate).Append('\n');
        b.Append("namespace ScsiBridge.Device\n{\n");
        b.Append("    /// <summary>\n    /// The ESP32-S3 GPIO of every board signal, from board/pins.csv. Bus signals read low when\n");
        b.Append("    /// asserted except where a constant says otherwise; DB0-7 are on dedicated-GPIO channels 0-7.\n    /// </summary>\n");
        b.Append("    public static class BoardPins\n    {\n");
        foreach (PinAssignment p in map.Pins)
        {
            b.Append("        /// <summary>").Append(Describe(p)).Append("</summary>\n");
            b.Append("        public const int ").Append(Pascal(p.Net)).Append(" = ").Append(p.Gpio.ToString(CultureInfo.InvariantCulture)).Append(";\n\n");
        }

        foreach (PinAssignment p in map.Pins.Where(p => p.Kind == PinKind.Board))
        {
            b.Append("        /// <summary>The level that turns ").Append(p.Net).Append(" on.</summary>\n");
            b.Append("        public const bool ").Append(Pascal(p.Net)).Append("ActiveHigh = ").Append(p.AssertedHigh ? "true" : "false").Append(";\n\n");
        }

        b.Append("        /// <summary>DB0-7 in bit order: the GPIOs of dedicated-GPIO channels 0-7.</summary>\n");
        b.Append("        public static readonly int[] DataBundle = { ");
        b.Append(string.Join(", ", DataBundle(map).Select(g => g.ToString(CultureInfo.InvariantCulture))));
        b.Append(" };\n    }\n}\n");
        return b.ToString();
    }

    /// <summary>The native backend's view: a freestanding C++17 table indexed like lines.h.</summary>
    public static string NativePinsText(PinMap map)
    {
        var b = new StringBuilder();
        b.Append("// ").Append(Regenerate).Append('\n');
        b.Append("// The ESP32-S3 pin table of the board's bus backend. Freestanding C++17.\n");
        b.Append("#pragma once\n#include <stdint.h>\n\nnamespace sb {\nnamespace board {\n\n");
        b.Append("// How a line meets the GPIOs: both directions through the data transceivers; one GPIO\n");
        b.Append("// that one role drives and the other senses; or a wired-OR line with a sense and a drive GPIO.\n");
        b.Append("enum LineWiring : uint8_t { kWiringData = 0, kWiringControl = 1, kWiringWiredOr = 2 };\n");
        b.Append("enum LineDriver : uint8_t { kDrivenByBoth = 0, kDrivenByInitiator = 1, kDrivenByTarget = 2 };\n\n");
        b.Append("struct LinePin {\n  uint32_t line;        // the bit in sb/lines.h\n  int8_t sense_gpio;    // the GPIO the line is read on\n");
        b.Append("  int8_t drive_gpio;    // the GPIO that asserts it (the same one except for wired-OR lines)\n");
        b.Append("  uint8_t wiring;       // LineWiring\n  uint8_t driven_by;    // LineDriver\n  bool asserted_high;   // the GPIO level that means asserted\n};\n\n");
        b.Append("constexpr uint32_t kLinePinCount = 18;\n\n// In the bit order of sb/lines.h.\nconstexpr LinePin kLinePins[kLinePinCount] = {\n");
        foreach (BusSignals.Signal s in BusSignals.All)
        {
            PinAssignment sense = map.Get(s.Name);
            PinAssignment drive = sense.Kind == PinKind.Sense ? map.Get(s.Name + "_DRV") : sense;
            string wiring = sense.Kind switch { PinKind.Data => "kWiringData", PinKind.Control => "kWiringControl", _ => "kWiringWiredOr" };
            string driver = sense.DrivenBy switch { "initiator" => "kDrivenByInitiator", "target" => "kDrivenByTarget", _ => "kDrivenByBoth" };
            b.Append("    {1u << ").Append(s.Bit.ToString(CultureInfo.InvariantCulture)).Append(", ")
             .Append(sense.Gpio.ToString(CultureInfo.InvariantCulture)).Append(", ")
             .Append(drive.Gpio.ToString(CultureInfo.InvariantCulture)).Append(", ")
             .Append(wiring).Append(", ").Append(driver).Append(", ")
             .Append(sense.AssertedHigh ? "true" : "false").Append("},  // ").Append(s.CableName).Append('\n');
        }

        b.Append("};\n\n// DB0-7 in bit order: the GPIOs of dedicated-GPIO channels 0-7.\nconstexpr int8_t kDataBundleGpio[8] = {");
        b.Append(string.Join(", ", DataBundle(map).Select(g => g.ToString(CultureInfo.InvariantCulture))));
        b.Append("};\n\n// Board outputs.\n");
        foreach (PinAssignment p in map.Pins.Where(p => p.Kind == PinKind.Board))
        {
            b.Append("constexpr int8_t kGpio").Append(Pascal(p.Net)).Append(" = ").Append(p.Gpio.ToString(CultureInfo.InvariantCulture)).Append(";\n");
            b.Append("constexpr bool k").Append(Pascal(p.Net)).Append("ActiveHigh = ").Append(p.AssertedHigh ? "true" : "false").Append(";\n");
        }

        b.Append("\n}  // namespace board\n}  // namespace sb\n");
        return b.ToString();
    }

    /// <summary>The schematic's connections in KiCad's netlist format (version E).</summary>
    public static string NetlistText(Circuit circuit)
    {
        var b = new StringBuilder();
        b.Append("(export (version \"E\")\n");
        b.Append("  (design\n    (source \"board/pins.csv\")\n    (tool \"ScsiBridge.Board\")\n");
        b.Append("    (comment (number \"1\") (value \"").Append(Regenerate.Replace("`", string.Empty)).Append("\")))\n");
        b.Append("  (components\n");
        foreach (Part p in circuit.Parts)
        {
            b.Append("    (comp (ref \"").Append(p.Reference).Append("\")\n");
            b.Append("      (value \"").Append(Escape(p.Value)).Append("\")\n");
            b.Append("      (footprint \"").Append(p.Footprint).Append("\")\n");
            b.Append("      (description \"").Append(Escape(p.Description)).Append("\")\n");
            b.Append("      (fields (field (name \"MPN\") \"").Append(p.PartNumber).Append("\")))\n");
        }

        b.Append("  )\n  (nets\n");
        int code = 1;
        foreach (KeyValuePair<string, List<Node>> net in circuit.Nets)
        {
            b.Append("    (net (code \"").Append(code.ToString(CultureInfo.InvariantCulture)).Append("\") (name \"").Append(net.Key).Append("\")");
            foreach (Node n in net.Value)
            {
                b.Append("\n      (node (ref \"").Append(n.Reference).Append("\") (pin \"").Append(n.Pin).Append("\"))");
            }

            b.Append(")\n");
            code++;
        }

        b.Append("  )\n)\n");
        return b.ToString();
    }

    /// <summary>The bill of materials: one line per part kind, with its references.</summary>
    public static string BomText(Circuit circuit)
    {
        var b = new StringBuilder();
        b.Append("# ").Append(Regenerate).Append('\n');
        b.Append("quantity,references,value,part_number,footprint,description\n");
        b.Append("1,-,ESP32-S3-DevKitC-1-N8R8,ESP32-S3-DEVKITC-1-N8R8,-,the ESP32-S3 board (8 MB flash, 8 MB octal PSRAM) in sockets J1 and J2\n");
        foreach (IGrouping<string, Part> group in circuit.Parts.GroupBy(p => p.PartNumber + "|" + p.Value).OrderBy(g => g.First().Reference, ReferenceOrder.Instance))
        {
            Part first = group.First();
            string refs = string.Join(" ", group.Select(p => p.Reference));
            string description = group.Count() == 1 ? first.Description : GroupDescription(group);
            b.Append(group.Count().ToString(CultureInfo.InvariantCulture)).Append(',').Append(refs).Append(',').Append(first.Value).Append(',')
             .Append(first.PartNumber).Append(',').Append(first.Footprint).Append(',').Append(description.Replace(',', ';')).Append('\n');
        }

        return b.ToString();
    }

    private static string GroupDescription(IGrouping<string, Part> group)
    {
        string first = group.First().Description;
        return group.All(p => p.Description == first) ? first : string.Join("; ", group.Select(p => p.Reference + ": " + p.Description));
    }

    private static IEnumerable<int> DataBundle(PinMap map)
    {
        return Enumerable.Range(0, 8).Select(bit => map.Get("DB" + bit.ToString(CultureInfo.InvariantCulture)).Gpio);
    }

    private static string Describe(PinAssignment p)
    {
        string what = p.Kind switch
        {
            PinKind.Data => "data line " + p.Net + ", both directions",
            PinKind.Control => p.Net + ", driven by the " + p.DrivenBy + ", sensed by the other role",
            PinKind.Sense => p.Net + " (wired-OR), sensed",
            PinKind.Drive => p.Signal + " (wired-OR), driven",
            _ => "board output " + p.Net,
        };
        return what + ".";
    }

    /// <summary>DB0 -> Db0, DATA_OE_N -> DataOeN, BSY_DRV -> BsyDrv.</summary>
    public static string Pascal(string net)
    {
        var b = new StringBuilder();
        foreach (string word in net.Split('_'))
        {
            if (word.Length > 0)
            {
                b.Append(char.ToUpperInvariant(word[0])).Append(word.Substring(1).ToLowerInvariant());
            }
        }

        return b.ToString();
    }

    private static string Escape(string text) => text.Replace("\\", "\\\\").Replace("\"", "\\\"");

    /// <summary>C1, C2, ..., C10 in number order, prefixes alphabetically.</summary>
    private sealed class ReferenceOrder : IComparer<string>
    {
        public static readonly ReferenceOrder Instance = new();

        public int Compare(string? x, string? y)
        {
            (string px, int nx) = Split(x ?? string.Empty);
            (string py, int ny) = Split(y ?? string.Empty);
            int byPrefix = string.CompareOrdinal(px, py);
            return byPrefix != 0 ? byPrefix : nx.CompareTo(ny);
        }

        private static (string, int) Split(string reference)
        {
            int i = 0;
            while (i < reference.Length && char.IsLetter(reference[i]))
            {
                i++;
            }

            int.TryParse(reference.Substring(i), NumberStyles.None, CultureInfo.InvariantCulture, out int n);
            return (reference.Substring(0, i), n);
        }
    }
}
