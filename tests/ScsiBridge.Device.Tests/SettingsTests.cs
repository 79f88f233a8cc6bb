using System;
using System.IO;
using ScsiBridge.Device;
using Xunit;

namespace ScsiBridge.Device.Tests;

public class SettingsTests
{
    [Fact]
    public void AFullFileIsRead()
    {
        BridgeSettings s = BridgeSettings.Parse("# the bench bridge\r\nscsi_id = 6\ntarget_ids = 4, 5 # disk and processor\nadmin_pin=1234\nboard_name = Bench bridge\ntermination = on\n");

        Assert.Equal(6, s.ScsiId);
        Assert.Equal((1 << 4) | (1 << 5), s.TargetIdMask);
        Assert.Equal("1234", s.AdminPin);
        Assert.Equal("Bench bridge", s.BoardName);
        Assert.True(s.Termination);
    }

    [Fact]
    public void AnEmptyFileGivesTheDefaults()
    {
        BridgeSettings s = BridgeSettings.Parse("");

        Assert.Equal(7, s.ScsiId);
        Assert.Equal(0, s.TargetIdMask);
        Assert.False(s.Termination);
        Assert.Equal("ScsiBridge", s.BoardName);
    }

    [Theory]
    [InlineData("scsi_id = 8", 1, "a SCSI ID is 0 to 7, not \"8\"")]
    [InlineData("\nscsi_id = x", 2, "a SCSI ID is 0 to 7")]
    [InlineData("target_ids = 3,3", 1, "target ID 3 is listed twice")]
    [InlineData("termination = yes", 1, "termination is on or off")]
    [InlineData("terminaton = on", 1, "unknown setting \"terminaton\"")]
    [InlineData("scsi_id 7", 1, "expected key = value")]
    [InlineData("board_name =", 1, "board_name needs 1 to 64 characters")]
    [InlineData("target_ids = 7", 0, "target_ids include the bridge's own scsi_id 7")]
    public void AMistakeIsRefusedWithItsLine(string text, int line, string says)
    {
        BridgeSettingsException e = Assert.Throws<BridgeSettingsException>(() => BridgeSettings.Parse(text));

        Assert.Equal(line, e.Line);
        Assert.Contains(says, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheFileIsReadFromStorageAndAMissingOneMeansDefaults()
    {
        string folder = Directory.CreateTempSubdirectory("scsibridge-conf-").FullName;
        try
        {
            string path = Path.Combine(folder, "scsibridge.conf");
            Assert.Equal(7, SettingsFile.Load(path).ScsiId);

            File.WriteAllText(path, "scsi_id = 3\n");
            Assert.Equal(3, SettingsFile.Load(path).ScsiId);

            File.WriteAllText(path, new string('#', SettingsFile.MaxLength + 1));
            Assert.Throws<BridgeSettingsException>(() => SettingsFile.Load(path));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void TheLedFlashesWhileWaitingBlinksWhileActiveAndStaysOnAfterAFailure()
    {
        bool[] waiting = new bool[8];
        bool[] active = new bool[4];
        for (int t = 0; t < 8; t++) waiting[t] = StatusLed.IsOn(StatusLed.Waiting, t);
        for (int t = 0; t < 4; t++) active[t] = StatusLed.IsOn(StatusLed.Active, t);

        Assert.Equal(new[] { true, false, false, false, false, false, false, false }, waiting);
        Assert.Equal(new[] { true, false, true, false }, active);
        Assert.True(StatusLed.IsOn(StatusLed.Failed, 3));
    }
}
