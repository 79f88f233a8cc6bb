using System.Security.Cryptography;

namespace ScsiBridge.Cli.Imaging;

/// <summary>The checksum people compare images by.</summary>
internal static class ImageFiles
{
    public static async Task<string> Sha256Async(string path, CancellationToken ct)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }
}
