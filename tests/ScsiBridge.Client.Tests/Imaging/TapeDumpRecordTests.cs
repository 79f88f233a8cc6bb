using System;
using ScsiBridge.Client.Imaging;
using Xunit;

namespace ScsiBridge.Client.Tests.Imaging;

/// <summary>The record a tape dump resumes from: written, read back, and refused when it is not one.</summary>
public sealed class TapeDumpRecordTests
{
    [Fact]
    public void What_is_written_reads_back_the_same()
    {
        var r = new TapeDumpRecord { ImageBytes = 123456789012, Files = 3, RecordsInFile = 7, Records = 40, BadRecords = 2, DataBytes = 99999999999, BlockLength = 512, Setmarks = 1 };
        TapeDumpRecord back = TapeDumpRecord.Parse(r.Format(), "t");
        Assert.Equal(r.Format(), back.Format());
        Assert.Equal((123456789012L, 3, 7, 40, 2, 99999999999L, 512, 1),
                     (back.ImageBytes, back.Files, back.RecordsInFile, back.Records, back.BadRecords, back.DataBytes, back.BlockLength, back.Setmarks));
        Assert.DoesNotContain("setmarks", new TapeDumpRecord().Format());
    }

    [Theory]
    [InlineData("files: 1\n", "lacks some")]
    [InlineData("image-bytes: x\n", "line 1: 'x' is not a count")]
    [InlineData("image-bytes: -4\n", "is not a count")]
    [InlineData("colour: 3\n", "unknown key 'colour'")]
    [InlineData("just words\n", "line 1 is not 'key: value'")]
    [InlineData("image-bytes: 8\nfiles: 0\nrecords-in-file: 5\nrecords: 2\nbad-records: 0\ndata-bytes: 0\nblock-length: 0\n", "do not agree")]
    public void A_record_that_is_not_one_is_refused_saying_why(string text, string message)
    {
        var e = Assert.Throws<FormatException>(() => TapeDumpRecord.Parse(text, "x.tapemap"));
        Assert.Contains(message, e.Message);
        Assert.StartsWith("x.tapemap: ", e.Message);
    }
}
