using System.Text;

namespace ScsiBridge.Cli.Output;

/// <summary>Bytes as the classic hex dump: offset, sixteen bytes in hex, the printable ones as ASCII.</summary>
internal static class HexDump
{
    public static string Format(ReadOnlySpan<byte> data)
    {
        var text = new StringBuilder();
        for (int row = 0; row < data.Length; row += 16)
        {
            text.Append(row.ToString("x4")).Append("  ");
            int n = Math.Min(16, data.Length - row);
            for (int i = 0; i < 16; i++)
            {
                text.Append(i < n ? data[row + i].ToString("x2") : "  ");
                text.Append(i == 7 ? "  " : " ");
            }
            text.Append(' ');
            for (int i = 0; i < n; i++)
            {
                byte b = data[row + i];
                text.Append(b >= 0x20 && b < 0x7F ? (char)b : '.');
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Bytes as spaced hex pairs ("12 00 00 00 24 00").</summary>
    public static string Pairs(IEnumerable<byte> data) => string.Join(" ", data.Select(b => b.ToString("X2")));
}
