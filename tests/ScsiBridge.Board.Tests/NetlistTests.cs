using System;
using System.Collections.Generic;
using System.Linq;
using ScsiBridge.Board;
using Xunit;

namespace ScsiBridge.Board.Tests;

/// <summary>The schematic connects what the pin map and SCSI-2 say it must.</summary>
public class NetlistTests
{
    private static readonly Circuit Board = Circuit.Build(RealBoard.Map);

    [Fact]
    public void EveryGpioOfTheMapReachesItsDevKitPin()
    {
        foreach (PinAssignment p in RealBoard.Map.Pins)
        {
            (string side, int pin) = Circuit.DevKitPins[p.Gpio];
            string socket = side == "left" ? "J1" : "J2";
            Assert.Contains(new Node(socket, pin.ToString()), Board.Nets[p.Net]);
        }
    }

    [Fact]
    public void EveryBusSignalIsOnItsConnectorPinAndTerminated()
    {
        foreach (BusSignals.Signal s in BusSignals.All)
        {
            List<Node> net = Board.Nets[Circuit.BusNet(s.Name)];
            Assert.Contains(new Node("J3", s.ConnectorPin.ToString()), net);
            Assert.Single(net, n => n.Reference.StartsWith("RN", StringComparison.Ordinal));
        }

        Assert.Contains(new Node("J3", "26"), Board.Nets["TERMPWR"]);
        Assert.DoesNotContain(Board.Nets.Values.SelectMany(n => n), n => n.Reference == "J3" && n.Pin == "25");
        // 24 odd pins (25 is open) and the even grounds 20, 22, 24, 28, 30, 34.
        Assert.Equal(24 + 6, Board.Nets["GND"].Count(n => n.Reference == "J3"));
    }

    [Fact]
    public void EveryControlLineHasAReceiverAndAnOpenCollectorDriver()
    {
        foreach (BusSignals.Signal s in BusSignals.All.Where(s => Array.IndexOf(BusSignals.Data, s.Name) < 0))
        {
            List<Node> net = Board.Nets[Circuit.BusNet(s.Name)];
            Part receiver = Assert.Single(PartsOn(net), p => p.Value == "74LVC1G17");
            Part driver = Assert.Single(PartsOn(net), p => p.Value == "74LVT125");
            Assert.Contains(new Node(receiver.Reference, "2"), net);
            Assert.NotNull(driver);
        }
    }

    // A one-role line's driver is enabled only in the role that drives it: its OE# comes from
    // an OR gate fed by the line's GPIO and by ROLE (initiator-driven) or ROLE_N (target-driven).
    [Theory]
    [InlineData("REQ", "ROLE_N")]
    [InlineData("MSG", "ROLE_N")]
    [InlineData("CD", "ROLE_N")]
    [InlineData("IO", "ROLE_N")]
    [InlineData("ATN", "ROLE")]
    [InlineData("ACK", "ROLE")]
    public void AOneRoleDriverIsGatedByItsRole(string signal, string roleNet)
    {
        List<Node> enable = Board.Nets[signal + "_OE_N"];
        Node gateOutput = Assert.Single(enable, n => Find(n.Reference).Value == "74LVC32");
        string gate = gateOutput.Reference;

        Assert.Contains(enable, n => Find(n.Reference).Value == "74LVT125");
        Assert.Contains(Board.Nets[signal], n => n.Reference == gate);
        Assert.Contains(Board.Nets[roleNet], n => n.Reference == gate);
    }

    [Fact]
    public void WiredOrLinesAreDrivenFromTheirOwnGpio()
    {
        foreach (string line in BusSignals.WiredOr)
        {
            Assert.Contains(Board.Nets[line + "_DRV"], n => Find(n.Reference).Value == "74LVT125");
            Assert.Contains(Board.Nets[line], n => Find(n.Reference).Value == "74LVC1G17");
        }
    }

    [Fact]
    public void TheDataDirectionIsRoleXorIo()
    {
        Part xor = Assert.Single(Board.Parts, p => p.Value == "74LVC1G86");

        Assert.Contains(new Node(xor.Reference, "1"), Board.Nets["ROLE"]);
        Assert.Contains(new Node(xor.Reference, "2"), Board.Nets["IO_RX"]);
        Assert.Contains(new Node(xor.Reference, "4"), Board.Nets["DATA_DIR"]);
        Assert.Equal(3, Board.Nets["DATA_DIR"].Count);
    }

    [Fact]
    public void NoNetHasASinglePin()
    {
        var lonely = Board.Nets.Where(n => n.Value.Count < 2).Select(n => n.Key).ToList();

        Assert.True(lonely.Count == 0, "nets that connect nothing: " + string.Join(", ", lonely));
    }

    [Fact]
    public void TheNetlistIsBalancedKiCadText()
    {
        string text = GeneratedFiles.NetlistText(Board);

        Assert.StartsWith("(export (version \"E\")", text, StringComparison.Ordinal);
        int depth = 0;
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '"' && text[i - 1] != '\\')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == '(')
            {
                depth++;
            }
            else if (!quoted && c == ')')
            {
                depth--;
                Assert.True(depth >= 0, "a ')' closes nothing at " + i);
            }
        }

        Assert.Equal(0, depth);
        Assert.Equal(Board.Parts.Count, text.Split("(comp (ref ").Length - 1);
        Assert.Equal(Board.Nets.Count, text.Split("(net (code ").Length - 1);
    }

    private static IEnumerable<Part> PartsOn(List<Node> net) => net.Select(n => Find(n.Reference));

    private static Part Find(string reference) => Board.Parts.Single(p => p.Reference == reference);
}
