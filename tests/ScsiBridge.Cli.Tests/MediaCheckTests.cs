using Xunit;

namespace ScsiBridge.Cli.Tests;

/// <summary>Media given to `sim` are checked before anything is served: each wrong file is
/// refused with exit 2 and a message that says what is wrong with it.</summary>
public sealed class MediaCheckTests : IDisposable
{
    private readonly TempFolder _folder = new TempFolder();

    public void Dispose() => _folder.Dispose();

    private string Write(string name, byte[] bytes)
    {
        string path = _folder.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Theory]
    [InlineData("--disk", 1300, "has 1300 bytes, not a whole number of 512-byte blocks (2 blocks and 276 bytes over)")]
    [InlineData("--cdrom", 3000, "has 3000 bytes, not a whole number of 2048-byte blocks (1 blocks and 952 bytes over)")]
    [InlineData("--disk", 0, "is empty (0 bytes)")]
    [InlineData("--cdrom", 0, "is empty (0 bytes)")]
    public void An_image_that_is_not_whole_blocks_is_refused(string flag, int size, string message)
    {
        string image = Write("image.bin", new byte[size]);
        var r = Cli.Run("sim", flag, "0:" + image, "--json");
        Assert.Equal(ExitCodes.Usage, r.Code);
        Assert.Contains(flag + " 0:" + image + ": " + image + " " + message, r.Err);
        Assert.False(r.Json.GetProperty("ok").GetBoolean());
    }

    [Fact]
    public void A_tape_that_is_not_there_is_refused_unless_it_is_to_be_written()
    {
        string missing = _folder.File("new.tap");
        var r = Cli.Run("sim", "--tape", "4:" + missing);
        Assert.Equal(ExitCodes.Failure, r.Code);
        Assert.Contains("add :rw to start a blank tape there", r.Err);
        Assert.False(File.Exists(missing));

        var bad = Cli.Run("sim", "--tape", "4:" + Write("t.tap", new byte[] { 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF }), "--tape-drive", "4:reel");
        Assert.Equal(ExitCodes.Usage, bad.Code);
        Assert.Contains("'reel' is not a tape drive", bad.Err);

        var notTape = Cli.Run("sim", "--disk", "1:" + Write("d.img", new byte[512]), "--tape-drive", "1:dds");
        Assert.Equal(ExitCodes.Usage, notTape.Code);
        Assert.Contains("is not a --tape", notTape.Err);

        var badBlocks = Cli.Run("sim", "--tape", "4:" + _folder.File("t.tap"), "--bad-blocks", "4:1");
        Assert.Equal(ExitCodes.Usage, badBlocks.Code);
        Assert.Contains("mark its bad records in the .tap image", badBlocks.Err);
    }

    [Fact]
    public void Random_bytes_are_not_a_tape()
    {
        var random = new byte[4096];
        new Random(14).NextBytes(random);
        var r = Cli.Run("sim", "--tape", "4:" + Write("noise.tap", random));
        Assert.Equal(ExitCodes.Usage, r.Code);
        Assert.Contains("is not a SIMH .tap image: ", r.Err);
        Assert.Equal(ExitCodes.Usage, Cli.Run("sim", "--tape", "4:" + Write("empty.tap", Array.Empty<byte>())).Code);
    }

    [Fact]
    public void A_tape_whose_record_lengths_disagree_is_refused_where_they_do()
    {
        // One good 4-byte record, then a record whose trailing length is wrong.
        byte[] tap = { 4, 0, 0, 0, 1, 2, 3, 4, 4, 0, 0, 0, 2, 0, 0, 0, 9, 9, 3, 0, 0, 0 };
        var r = Cli.Run("sim", "--tape", "4:" + Write("bad.tap", tap));
        Assert.Equal(ExitCodes.Usage, r.Code);
        Assert.Contains("the record at byte 12 ends with the length word 00000003h, not 00000002h", r.Err);
    }

    [Fact]
    public void Bad_blocks_outside_the_medium_are_refused()
    {
        string disk = Write("disk.img", new byte[2048 * 512]);
        var r = Cli.Run("sim", "--disk", "0:" + disk, "--bad-blocks", "0:100,0-99999");
        Assert.Equal(ExitCodes.Usage, r.Code);
        Assert.Contains("--bad-blocks 0:100,0-99999: block 99999 is outside the disk at ID 0, whose blocks are 0 to 2047", r.Err);
    }

    [Fact]
    public void A_missing_image_is_a_file_fault_naming_the_flag()
    {
        var r = Cli.Run("sim", "--disk", "0:" + _folder.File("nothing.img"), "--json");
        Assert.Equal(ExitCodes.Failure, r.Code);
        Assert.Contains("--disk 0:" + _folder.File("nothing.img") + ": no image file", r.Err);
    }
}
