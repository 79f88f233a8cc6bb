using System;
using System.Collections.Generic;
using System.Linq;
using ScsiBridge.Board;
using Xunit;

namespace ScsiBridge.Board.Tests;

public class PinMapValidatorTests
{
    [Fact]
    public void TheBoardsPinMapKeepsEveryRule()
    {
        PinMap map = RealBoard.Map;

        IReadOnlyList<PinMapError> errors = PinMapValidator.Validate(map);

        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => e.Message)));
        Assert.Equal(25, map.Pins.Count);
    }

    // Each case changes one row of the real map and names the rule that must refuse it.
    [Theory]
    [InlineData("strapping pin 0", "DB0,4,", "DB0,0,", PinMapValidator.ReservedGpio, "strapping")]
    [InlineData("strapping pin 3", "REQ,14,", "REQ,3,", PinMapValidator.ReservedGpio, "strapping")]
    [InlineData("strapping pin 45", "ACK,15,", "ACK,45,", PinMapValidator.ReservedGpio, "strapping")]
    [InlineData("strapping pin 46", "STATUS_LED,48,", "STATUS_LED,46,", PinMapValidator.ReservedGpio, "strapping")]
    [InlineData("flash pin", "MSG,13,", "MSG,30,", PinMapValidator.ReservedGpio, "SPI flash")]
    [InlineData("PSRAM chip select", "MSG,13,", "MSG,26,", PinMapValidator.ReservedGpio, "SPI flash")]
    [InlineData("octal PSRAM pin", "CD,16,", "CD,35,", PinMapValidator.ReservedGpio, "octal PSRAM")]
    [InlineData("USB D-", "IO,21,", "IO,19,", PinMapValidator.ReservedGpio, "USB")]
    [InlineData("USB D+", "IO,21,", "IO,20,", PinMapValidator.ReservedGpio, "USB")]
    [InlineData("UART0 TX", "ATN,47,", "ATN,43,", PinMapValidator.ReservedGpio, "UART0")]
    [InlineData("a GPIO the S3 lacks", "BSY,1,", "BSY,23,", PinMapValidator.UnknownGpio, "0-21 and 26-48")]
    [InlineData("a GPIO past 48", "BSY,1,", "BSY,49,", PinMapValidator.UnknownGpio, "0-21 and 26-48")]
    [InlineData("a GPIO twice", "DB1,5,", "DB1,4,", PinMapValidator.DuplicateGpio, "already carries DB0")]
    [InlineData("a net twice", "STATUS_LED,48,board", "TERM_EN,48,board", PinMapValidator.DuplicateNet, "already on GPIO 38")]
    [InlineData("a data line as a control line", "DB0,4,data,both,0,low", "DB0,4,control,target,,low", PinMapValidator.WrongKind, "must be kind data")]
    [InlineData("REQ driven by the initiator", "REQ,14,control,target", "REQ,14,control,initiator", PinMapValidator.WrongKind, "driven by the target")]
    [InlineData("a wired-OR line as a control line", "BSY,1,sense,both", "BSY,1,control,target", PinMapValidator.WrongKind, "must be kind sense")]
    [InlineData("a drive GPIO for a one-role line", "STATUS_LED,48,board,-,,high", "REQ_DRV,48,drive,both,,low", PinMapValidator.WrongKind, "only the wired-OR lines")]
    [InlineData("DB3 off the bundle", "DB3,7,data,both,3,low", "DB3,7,data,both,,low", PinMapValidator.Bundle, "dedicated-GPIO bundle")]
    [InlineData("DB3 on a channel that does not exist", "DB3,7,data,both,3,low", "DB3,7,data,both,8,low", PinMapValidator.Bundle, "does not exist")]
    [InlineData("DB3 on DB2's channel", "DB3,7,data,both,3,low", "DB3,7,data,both,2,low", PinMapValidator.Bundle, "must be on channel 3")]
    [InlineData("DBP on the bundle", "DBP,12,data,both,,low", "DBP,12,data,both,0,low", PinMapValidator.Bundle, "only DB0-7")]
    [InlineData("an unknown board output", "STATUS_LED,48,board", "BUZZER,48,board", PinMapValidator.UnknownNet, "no board output")]
    [InlineData("an unknown bus net", "DBP,12,data", "DB8,12,data", PinMapValidator.UnknownNet, "not a bus signal")]
    [InlineData("DB4 away from DB3", "DB4,8,", "DB4,39,", PinMapValidator.DataNotConsecutive, "put DB4 on GPIO 8")]
    [InlineData("DBP not right above DB7", "DBP,12,", "DBP,13,", PinMapValidator.DataNotConsecutive, "put DBP on GPIO 12")]
    [InlineData("MSG in GPIO 32-48", "MSG,13,", "MSG,48,", PinMapValidator.SampleSplit, "MSG on GPIO 48: MSG and the data lines must be in GPIO 0-31")]
    [InlineData("DBP in GPIO 32-48", "DBP,12,", "DBP,39,", PinMapValidator.SampleSplit, "DBP on GPIO 39")]
    public void ARuleRefusesIt(string what, string original, string changed, string rule, string says)
    {
        PinMap map = PinMap.Parse(Replace(original, changed));

        IReadOnlyList<PinMapError> errors = PinMapValidator.Validate(map);

        Assert.True(errors.Any(e => e.Rule == rule && e.Message.Contains(says, StringComparison.Ordinal)),
            what + ": expected " + rule + " saying \"" + says + "\", got:\n" + string.Join("\n", errors.Select(e => e.Rule + ": " + e.Message)));
    }

    [Theory]
    [InlineData("REQ", PinMapValidator.MissingSignal, "REQ has no GPIO")]
    [InlineData("DB5", PinMapValidator.MissingSignal, "DB5 has no GPIO")]
    [InlineData("IO", PinMapValidator.MissingSignal, "I/O has no GPIO")]
    [InlineData("BSY_DRV", PinMapValidator.MissingDrive, "BSY is wired-OR")]
    [InlineData("TERM_EN", PinMapValidator.MissingBoardOutput, "TERM_EN has no GPIO")]
    public void ALineMissingIsRefused(string net, string rule, string says)
    {
        string text = string.Join("\n", RealBoard.Text.Split('\n').Where(l => !l.StartsWith(net + ",", StringComparison.Ordinal)));

        IReadOnlyList<PinMapError> errors = PinMapValidator.Validate(PinMap.Parse(text));

        PinMapError error = Assert.Single(errors);
        Assert.Equal(rule, error.Rule);
        Assert.Contains(says, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnErrorNamesTheLineOfTheFile()
    {
        PinMap map = PinMap.Parse(Replace("STATUS_LED,48,", "STATUS_LED,0,"));
        int line = map.Get("STATUS_LED").Line;

        PinMapError error = Assert.Single(PinMapValidator.Validate(map));

        Assert.StartsWith("line " + line + ": STATUS_LED on GPIO 0: GPIO 0 is a strapping pin", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("net,gpio,kind\nDB0,4,data", "the header must be")]
    [InlineData(PinMap.Header + "\nDB0,four,data,both,0,low", "gpio \"four\" is not a GPIO number")]
    [InlineData(PinMap.Header + "\nDB0,4,data,both,0", "expected 6 fields")]
    [InlineData(PinMap.Header + "\nDB0,4,bus,both,0,low", "kind \"bus\" is none of")]
    [InlineData(PinMap.Header + "\nDB0,4,data,nobody,0,low", "driven_by \"nobody\"")]
    [InlineData(PinMap.Header + "\nDB0,4,data,both,x,low", "bundle \"x\"")]
    [InlineData(PinMap.Header + "\nDB0,4,data,both,0,maybe", "asserted \"maybe\"")]
    [InlineData("# only a comment\n", "no header line")]
    public void ALineThatIsNotAPinIsACleanError(string text, string says)
    {
        PinMapFormatException e = Assert.Throws<PinMapFormatException>(() => PinMap.Parse(text));

        Assert.Contains(says, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("pins.csv:", e.Message, StringComparison.Ordinal);
    }

    private static string Replace(string original, string changed)
    {
        string text = RealBoard.Text;
        int at = text.IndexOf("\n" + original, StringComparison.Ordinal);
        Assert.True(at >= 0, "the real map has no line starting " + original);
        return text.Substring(0, at + 1) + changed + text.Substring(at + 1 + original.Length);
    }
}
