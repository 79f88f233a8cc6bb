using System;
using System.Collections.Generic;
using System.Linq;

namespace ScsiBridge.Board;

/// <summary>A part on the board: reference, value, footprint, manufacturer part number.</summary>
public sealed record Part(string Reference, string Value, string Footprint, string PartNumber, string Description);

/// <summary>One pin of a part on a net.</summary>
public sealed record Node(string Reference, string Pin);

/// <summary>
/// The board as parts and nets, built from the pin map: the ESP32-S3-DevKitC-1 in two header
/// sockets, the data transceivers, one receiver per control line, the open-collector drivers
/// and their role gates, the active terminator, TERMPWR, the 50-pin connector and the status
/// LED. The netlist and the BOM are written from this one model, so they cannot disagree, and
/// every GPIO comes from board/pins.csv. board/README.md explains the circuit.
/// </summary>
public sealed class Circuit
{
    private readonly List<Part> _parts = new();
    private readonly SortedDictionary<string, List<Node>> _nets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _counters = new();

    public IReadOnlyList<Part> Parts => _parts;

    public IReadOnlyDictionary<string, List<Node>> Nets => _nets;

    /// <summary>Header-socket positions of the DevKitC-1's GPIOs: its left header (J1 on the kit) or right (J3).</summary>
    public static readonly IReadOnlyDictionary<int, (string Socket, int Pin)> DevKitPins = BuildDevKitPins();

    public static Circuit Build(PinMap map)
    {
        var c = new Circuit();
        c.AddDevKit(map);
        c.AddData();
        c.AddControlLines();
        c.AddTermination();
        c.AddConnector();
        c.AddStatusLed();
        return c;
    }

    public static string BusNet(string signal) => "BUS_" + signal;

    private void AddDevKit(PinMap map)
    {
        const string socket = "Connector_PinSocket_2.54mm:PinSocket_1x22_P2.54mm_Vertical";
        Part left = Add("J", "DevKitC-1 left", socket, "PPTC221LFBN-RC", "socket for the ESP32-S3-DevKitC-1-N8R8 header J1");
        Part right = Add("J", "DevKitC-1 right", socket, "PPTC221LFBN-RC", "socket for the ESP32-S3-DevKitC-1-N8R8 header J3");
        Connect("+3V3", left, "1");
        Connect("+3V3", left, "2");
        Connect("+5V", left, "21");
        Connect("GND", left, "22");
        Connect("GND", right, "1");
        Connect("GND", right, "21");
        Connect("GND", right, "22");
        foreach (PinAssignment p in map.Pins)
        {
            (string side, int pin) = DevKitPins[p.Gpio];
            Connect(p.Net, side == "left" ? left : right, pin.ToString());
        }
    }

    private void AddData()
    {
        // DB0-7 on one 74LVTH245, DBP on a second: A side to the GPIOs, B side to the cable.
        // DIR high sends A to B (the bridge drives the bus): initiator with I/O released, or
        // target with I/O asserted, which is ROLE xor the received I/O level.
        Part dataByte = Logic("74LVTH245", "Package_SO:SOIC-20W_7.5x12.8mm_P1.27mm", "SN74LVTH245ADWR", "data bus transceiver DB0-7, bus-hold, 64 mA sink");
        Part parity = Logic("74LVTH245", "Package_SO:SOIC-20W_7.5x12.8mm_P1.27mm", "SN74LVTH245ADWR", "data bus transceiver DBP (one of eight), bus-hold");
        foreach (Part t in new[] { dataByte, parity })
        {
            Connect("DATA_DIR", t, "1");
            Connect("GND", t, "10");
            Connect("DATA_OE_N", t, "19");
            Connect("+3V3", t, "20");
        }

        for (int bit = 0; bit < 8; bit++)
        {
            string net = "DB" + bit;
            Connect(net, dataByte, (2 + bit).ToString());
            Connect(BusNet(net), dataByte, (18 - bit).ToString());
        }

        Connect("DBP", parity, "2");
        Connect(BusNet("DBP"), parity, "18");

        Part xor = Logic("74LVC1G86", "Package_TO_SOT_SMD:SOT-23-5", "SN74LVC1G86DBVR", "data direction: ROLE xor received I/O");
        Connect("ROLE", xor, "1");
        Connect("IO_RX", xor, "2");
        Connect("GND", xor, "3");
        Connect("DATA_DIR", xor, "4");
        Connect("+3V3", xor, "5");

        Part oePull = Add("R", "10k", "Resistor_SMD:R_0603_1608Metric", "RC0603FR-0710KL", "keeps the data transceivers off while the ESP32-S3 boots");
        Connect("DATA_OE_N", oePull, "1");
        Connect("+3V3", oePull, "2");
    }

    private void AddControlLines()
    {
        Part inverter = Logic("74LVC1G04", "Package_TO_SOT_SMD:SOT-23-5", "SN74LVC1G04DBVR", "ROLE_N for the target-driven lines' gates");
        Connect("ROLE", inverter, "2");
        Connect("GND", inverter, "3");
        Connect("ROLE_N", inverter, "4");
        Connect("+3V3", inverter, "5");

        // 74LVT125 channels (OE#, A, Y) and 74LVC32 gates (A, B, Y), in datasheet pin order.
        string[][] bufferChannels = { new[] { "1", "2", "3" }, new[] { "4", "5", "6" }, new[] { "10", "9", "8" }, new[] { "13", "12", "11" } };
        string[][] orGates = { new[] { "1", "2", "3" }, new[] { "4", "5", "6" }, new[] { "9", "10", "8" }, new[] { "12", "13", "11" } };
        var drivers = new Queue<(Part Part, string[] Pins)>();
        var gates = new Queue<(Part Part, string[] Pins)>();

        IEnumerable<string> signals = BusSignals.All.Select(s => s.Name).Where(n => Array.IndexOf(BusSignals.Data, n) < 0);
        foreach (string signal in signals)
        {
            bool wiredOr = Array.IndexOf(BusSignals.WiredOr, signal) >= 0;

            // Receiver: a Schmitt-trigger buffer with a 5 V tolerant input, non-inverting, so a
            // low GPIO means asserted as on the cable.
            Part receiver = Logic("74LVC1G17", "Package_TO_SOT_SMD:SOT-23-5", "SN74LVC1G17DBVR", "Schmitt-trigger receiver for " + signal);
            Connect(BusNet(signal), receiver, "2");
            Connect("GND", receiver, "3");
            Connect("+3V3", receiver, "5");

            // Driver: a 74LVT125 channel with its input grounded, so enabling it sinks the line
            // (64 mA) and disabling it lets go: an open-collector driver.
            if (drivers.Count == 0)
            {
                Part quad = Logic("74LVT125", "Package_SO:SOIC-14_3.9x8.7mm_P1.27mm", "SN74LVT125DR", "open-collector line drivers, 64 mA sink, OE# asserts");
                Connect("GND", quad, "7");
                Connect("+3V3", quad, "14");
                foreach (string[] ch in bufferChannels)
                {
                    drivers.Enqueue((quad, ch));
                }
            }

            (Part drv, string[] dp) = drivers.Dequeue();
            Connect("GND", drv, dp[1]);
            Connect(BusNet(signal), drv, dp[2]);

            if (wiredOr)
            {
                Connect(signal, receiver, "4");
                Connect(signal + "_DRV", drv, dp[0]);
                Part pull = Add("R", "10k", "Resistor_SMD:R_0603_1608Metric", "RC0603FR-0710KL", "keeps " + signal + " released while the ESP32-S3 boots");
                Connect(signal + "_DRV", pull, "1");
                Connect("+3V3", pull, "2");
                continue;
            }

            // One GPIO for a line one role drives and the other senses: the receiver feeds the
            // GPIO through 1k, which the GPIO overrides when it drives; the driver is enabled
            // only in the driving role (OE# = GPIO or not-driving-role).
            string rx = signal + "_RX";
            Connect(rx, receiver, "4");
            Part series = Add("R", "1k", "Resistor_SMD:R_0603_1608Metric", "RC0603FR-071KL", "receiver to GPIO for " + signal + "; the GPIO overrides it when driving");
            Connect(rx, series, "1");
            Connect(signal, series, "2");
            Part pull2 = Add("R", "10k", "Resistor_SMD:R_0603_1608Metric", "RC0603FR-0710KL", "keeps " + signal + " released while the ESP32-S3 boots");
            Connect(signal, pull2, "1");
            Connect("+3V3", pull2, "2");

            if (gates.Count == 0)
            {
                Part quadOr = Logic("74LVC32", "Package_SO:SOIC-14_3.9x8.7mm_P1.27mm", "SN74LVC32ADR", "role gates of the one-role drivers");
                Connect("GND", quadOr, "7");
                Connect("+3V3", quadOr, "14");
                foreach (string[] g in orGates)
                {
                    gates.Enqueue((quadOr, g));
                }
            }

            (Part gate, string[] gp) = gates.Dequeue();
            string oe = signal + "_OE_N";
            Connect(signal, gate, gp[0]);
            Connect(BusSignals.ControlDriver(signal) == "target" ? "ROLE_N" : "ROLE", gate, gp[1]);
            Connect(oe, gate, gp[2]);
            Connect(oe, drv, dp[0]);
        }

        // Unused channels: drivers disabled with the input grounded, gate inputs grounded.
        while (drivers.Count > 0)
        {
            (Part drv, string[] dp) = drivers.Dequeue();
            Connect("+3V3", drv, dp[0]);
            Connect("GND", drv, dp[1]);
        }

        while (gates.Count > 0)
        {
            (Part gate, string[] gp) = gates.Dequeue();
            Connect("GND", gate, gp[0]);
            Connect("GND", gate, gp[1]);
        }

    }

    private void AddTermination()
    {
        // TERMPWR: +5V through a Schottky diode (no back-feed from another device's TERMPWR)
        // and a resettable fuse, onto connector pin 26.
        Part diode = Add("D", "1N5817", "Diode_THT:D_DO-41_SOD81_P10.16mm_Horizontal", "1N5817", "TERMPWR diode: +5V to the cable, never back");
        Connect("TERMPWR_D", diode, "1");
        Connect("+5V", diode, "2");
        Part fuse = Add("F", "1.1A PTC", "Fuse:Fuse_1812_4532Metric", "MF-MSMF110-2", "TERMPWR resettable fuse");
        Connect("TERMPWR_D", fuse, "1");
        Connect("TERMPWR", fuse, "2");

        // The terminator's supply is switched by TERM_EN: a P-MOSFET from TERMPWR, turned on
        // by an N-MOSFET; off (no termination) until the firmware enables it.
        Part pmos = Add("Q", "AO3401A", "Package_TO_SOT_SMD:SOT-23", "AO3401A", "termination power switch");
        Connect("TERM_GATE", pmos, "1");
        Connect("TERMPWR", pmos, "2");
        Connect("TERM_SW", pmos, "3");
        Part gateUp = Add("R", "10k", "Resistor_SMD:R_0603_1608Metric", "RC0603FR-0710KL", "holds the termination switch off");
        Connect("TERM_GATE", gateUp, "1");
        Connect("TERMPWR", gateUp, "2");
        Part nmos = Add("Q", "2N7002", "Package_TO_SOT_SMD:SOT-23", "2N7002", "termination switch driver");
        Connect("TERM_EN", nmos, "1");
        Connect("GND", nmos, "2");
        Connect("TERM_GATE", nmos, "3");
        Part enDown = Add("R", "100k", "Resistor_SMD:R_0603_1608Metric", "RC0603FR-07100KL", "termination off while the ESP32-S3 boots");
        Connect("TERM_EN", enDown, "1");
        Connect("GND", enDown, "2");

        // SCSI-2 alternative-2 (active) termination: 2.85 V through 110 ohm on each of the 18 lines.
        Part regulator = Add("U", "LM1117-2.85", "Package_TO_SOT_SMD:SOT-223-3_TabPin2", "LM1117MPX-2.85/NOPB", "2.85 V terminator regulator");
        Connect("GND", regulator, "1");
        Connect("TERM_2V85", regulator, "2");
        Connect("TERM_SW", regulator, "3");
        Part cin = Add("C", "10u", "Capacitor_SMD:C_1206_3216Metric", "GRM31CR71E106KA12L", "terminator regulator input");
        Connect("TERM_SW", cin, "1");
        Connect("GND", cin, "2");
        Part cout = Add("C", "10u", "Capacitor_SMD:C_1206_3216Metric", "GRM31CR71E106KA12L", "terminator regulator output");
        Connect("TERM_2V85", cout, "1");
        Connect("GND", cout, "2");

        string[][] groups =
        {
            new[] { "DB0", "DB1", "DB2", "DB3", "DB4", "DB5", "DB6", "DB7", "DBP" },
            new[] { "ATN", "BSY", "ACK", "RST", "MSG", "SEL", "CD", "REQ", "IO" },
        };
        foreach (string[] group in groups)
        {
            Part network = Add("RN", "110 x9", "Resistor_THT:R_Array_SIP10", "4610X-101-111LF", "bussed 110 ohm terminator network");
            Connect("TERM_2V85", network, "1");
            for (int i = 0; i < group.Length; i++)
            {
                Connect(BusNet(group[i]), network, (i + 2).ToString());
            }
        }

    }

    private void AddConnector()
    {
        // SCSI-2 single-ended 50-pin (A cable, IDC header): odd pins ground except 25 (open),
        // signals on even pins.
        Part header = Add("J", "SCSI 50-pin", "Connector_IDC:IDC-Header_2x25_P2.54mm_Vertical", "75869-131LF", "SCSI-2 single-ended 50-pin connector");
        for (int pin = 1; pin <= 49; pin += 2)
        {
            if (pin != 25)
            {
                Connect("GND", header, pin.ToString());
            }
        }

        foreach (int ground in new[] { 20, 22, 24, 28, 30, 34 })
        {
            Connect("GND", header, ground.ToString());
        }

        Connect("TERMPWR", header, "26");
        foreach (BusSignals.Signal s in BusSignals.All)
        {
            Connect(BusNet(s.Name), header, s.ConnectorPin.ToString());
        }
    }

    private void AddStatusLed()
    {
        Part resistor = Add("R", "330", "Resistor_SMD:R_0603_1608Metric", "RC0603FR-07330RL", "status LED current");
        Connect("STATUS_LED", resistor, "1");
        Connect("LED_A", resistor, "2");
        Part led = Add("D", "LED green", "LED_SMD:LED_0603_1608Metric", "150060GS75000", "status LED");
        Connect("GND", led, "1");
        Connect("LED_A", led, "2");
    }

    /// <summary>A logic part with its 100 nF decoupling capacitor.</summary>
    private Part Logic(string value, string footprint, string partNumber, string description)
    {
        Part part = Add("U", value, footprint, partNumber, description);
        Part cap = Add("C", "100n", "Capacitor_SMD:C_0603_1608Metric", "GRM188R71H104KA93D", "decoupling for " + part.Reference);
        Connect("+3V3", cap, "1");
        Connect("GND", cap, "2");
        return part;
    }

    private Part Add(string prefix, string value, string footprint, string partNumber, string description)
    {
        _counters.TryGetValue(prefix, out int n);
        n++;
        _counters[prefix] = n;
        var part = new Part(prefix + n, value, footprint, partNumber, description);
        _parts.Add(part);
        return part;
    }

    private void Connect(string net, Part part, string pin)
    {
        if (!_nets.TryGetValue(net, out List<Node>? nodes))
        {
            nodes = new List<Node>();
            _nets[net] = nodes;
        }

        foreach (List<Node> other in _nets.Values)
        {
            if (other.Any(n => n.Reference == part.Reference && n.Pin == pin))
            {
                throw new InvalidOperationException(part.Reference + " pin " + pin + " is on two nets");
            }
        }

        nodes.Add(new Node(part.Reference, pin));
    }

    private static Dictionary<int, (string, int)> BuildDevKitPins()
    {
        // ESP32-S3-DevKitC-1 user guide, header blocks J1 (left) and J3 (right).
        int[] left = { -1, -1, -1, 4, 5, 6, 7, 15, 16, 17, 18, 8, 3, 46, 9, 10, 11, 12, 13, 14, -1, -1 };
        int[] right = { -1, 43, 44, 1, 2, 42, 41, 40, 39, 38, 37, 36, 35, 0, 45, 48, 47, 21, 20, 19, -1, -1 };
        var map = new Dictionary<int, (string, int)>();
        for (int i = 0; i < 22; i++)
        {
            if (left[i] >= 0)
            {
                map[left[i]] = ("left", i + 1);
            }

            if (right[i] >= 0)
            {
                map[right[i]] = ("right", i + 1);
            }
        }

        return map;
    }
}
