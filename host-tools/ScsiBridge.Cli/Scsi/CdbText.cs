using System.Globalization;

namespace ScsiBridge.Cli.Scsi;

/// <summary>
/// A CDB typed as hex bytes, the way sg_raw and s2pexec take it: "12 00 00 00 24 00",
/// "12:00:00:00:24:00", one argument or several, or the pairs run together ("120000002400").
/// </summary>
internal static class CdbText
{
    public static byte[] Parse(IEnumerable<string> words)
    {
        var bytes = new List<byte>();
        foreach (string word in words)
        {
            foreach (string token in word.Split(new[] { ' ', ':', ',', '\t' }, StringSplitOptions.RemoveEmptyEntries))
            {
                string hex = token.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? token[2..] : token;
                if (hex.Length == 0 || hex.Length % 2 != 0 && hex.Length != 1)
                {
                    throw new FormatException("'" + token + "' is not hex bytes; write the CDB as pairs of hex digits, like 12 00 00 00 24 00 or 12:00:00:00:24:00");
                }
                if (hex.Length == 1) hex = "0" + hex;
                for (int i = 0; i < hex.Length; i += 2)
                {
                    if (!byte.TryParse(hex.AsSpan(i, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out byte b))
                    {
                        throw new FormatException("'" + token + "' is not hex bytes ('" + hex.Substring(i, 2) + "' is not a hex byte); write the CDB like 12 00 00 00 24 00 or 12:00:00:00:24:00");
                    }
                    bytes.Add(b);
                }
            }
        }
        if (bytes.Count is not (6 or 10 or 12 or 16))
        {
            throw new FormatException("a CDB has 6, 10, 12 or 16 bytes; this one has " + bytes.Count + " (" + string.Join(" ", bytes.Select(b => b.ToString("X2"))) + ")");
        }
        int group = bytes[0] >> 5;
        int expected = group switch { 0 => 6, 1 or 2 => 10, 4 => 16, 5 => 12, _ => 0 };
        if (expected != 0 && expected != bytes.Count)
        {
            throw new FormatException("opcode " + bytes[0].ToString("X2") + "h is a " + expected + "-byte CDB, but " + bytes.Count + " bytes were given");
        }
        return bytes.ToArray();
    }
}
