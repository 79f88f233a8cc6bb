using System;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;

namespace ScsiBridge.Client.Imaging;

/// <summary>
/// What a restore has written, so that an interrupted one goes on without writing anything
/// again: the image's bytes as a GNU ddrescue-format map ('+' written, the drive said GOOD; '?'
/// not yet), under a heading line that ties it to one image (its sha256 and size) and one
/// device (ID, LUN, blocks, block length). A record for another image or device is refused
/// rather than trusted. It is saved like the dump's mapfile: through a temporary file and a
/// rename, after the writes it describes have been answered.
/// </summary>
public sealed class RestoreRecord
{
    private const string Heading = "# scsibridge restore record:";

    public RestoreRecord(string imageSha256, long imageBytes, int id, int lun, long blocks, int blockLength, RescueMap written)
    {
        ImageSha256 = imageSha256;
        ImageBytes = imageBytes;
        Id = id;
        Lun = lun;
        Blocks = blocks;
        BlockLength = blockLength;
        Written = written;
    }

    public string ImageSha256 { get; }

    public long ImageBytes { get; }

    public int Id { get; }

    public int Lun { get; }

    public long Blocks { get; }

    public int BlockLength { get; }

    /// <summary>The image's bytes: Finished where the device holds them (its WRITE was answered GOOD).</summary>
    public RescueMap Written { get; }

    /// <summary>A fresh record: nothing written.</summary>
    public static RestoreRecord Start(string imageSha256, long imageBytes, int id, int lun, long blocks, int blockLength) =>
        new RestoreRecord(imageSha256, imageBytes, id, lun, blocks, blockLength, new RescueMap(imageBytes));

    public static async Task<string> Sha256Async(string path, CancellationToken ct)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, ct));
    }

    private string Describe() =>
        "image sha256 " + ImageSha256 + " bytes " + ImageBytes.ToString(CultureInfo.InvariantCulture) + " device ID " + Id + " LUN " + Lun
        + " blocks " + Blocks.ToString(CultureInfo.InvariantCulture) + " block-length " + BlockLength;

    public void Save(string path, string commandLine, DateTime started)
    {
        string temp = path + ".tmp";
        File.WriteAllText(temp, Heading + " " + Describe() + "\n" + Written.Format(commandLine, started));
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>
    /// Reads a record and checks that it belongs to this image and device; a record that does
    /// not is refused with a message that says which part differs (FormatException).
    /// </summary>
    public static RestoreRecord Load(string path, string imageSha256, long imageBytes, int id, int lun, long blocks, int blockLength)
    {
        string text = File.ReadAllText(path);
        int end = text.IndexOf('\n');
        string first = end < 0 ? text : text[..end];
        if (!first.StartsWith(Heading, StringComparison.Ordinal))
        {
            throw new FormatException(path + ": not a restore record (its first line should start with '" + Heading + "')");
        }
        var expected = new RestoreRecord(imageSha256, imageBytes, id, lun, blocks, blockLength, new RescueMap(imageBytes));
        string found = first[Heading.Length..].Trim();
        if (found != expected.Describe())
        {
            throw new FormatException(path + " is the record of another restore (" + found + "), not of this one (" + expected.Describe()
                                      + "); give the right --record, or --force to write the whole image again");
        }
        return new RestoreRecord(imageSha256, imageBytes, id, lun, blocks, blockLength, RescueMap.Parse(text, imageBytes, path));
    }
}
