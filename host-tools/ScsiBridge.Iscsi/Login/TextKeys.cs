using System.Text;

namespace ScsiBridge.Iscsi.Login;

/// <summary>
/// The key=value pairs of a login or text data segment (RFC 7143 6.1): NUL-terminated UTF-8
/// strings, in order. Malformed text (no '=', an empty or over-long key, too many pairs) is
/// refused with a FormatException that says what was wrong.
/// </summary>
internal sealed class TextKeys
{
    public const int MaxKeyLength = 63;
    public const int MaxPairs = 256;

    private readonly List<KeyValuePair<string, string>> _pairs = new List<KeyValuePair<string, string>>();

    public IReadOnlyList<KeyValuePair<string, string>> Pairs => _pairs;

    public int Count => _pairs.Count;

    public static TextKeys Parse(byte[] data, int length)
    {
        var keys = new TextKeys();
        int start = 0;
        while (start < length)
        {
            int end = Array.IndexOf(data, (byte)0, start, length - start);
            if (end < 0) end = length;  // tolerate a missing final NUL
            if (end > start)
            {
                string pair = Encoding.UTF8.GetString(data, start, end - start);
                int eq = pair.IndexOf('=');
                if (eq <= 0) throw new FormatException("a text pair has no key or no '=': \"" + Shorten(pair) + "\"");
                if (eq > MaxKeyLength) throw new FormatException("a key is longer than " + MaxKeyLength + " characters");
                if (keys._pairs.Count == MaxPairs) throw new FormatException("more than " + MaxPairs + " text pairs in one PDU");
                keys._pairs.Add(new KeyValuePair<string, string>(pair.Substring(0, eq), pair.Substring(eq + 1)));
            }
            start = end + 1;
        }
        return keys;
    }

    public string? Get(string key)
    {
        foreach (var p in _pairs)
        {
            if (p.Key == key) return p.Value;
        }
        return null;
    }

    public void Add(string key, string value) => _pairs.Add(new KeyValuePair<string, string>(key, value));

    public void AddFrom(TextKeys other) => _pairs.AddRange(other._pairs);

    public byte[] Encode()
    {
        var sb = new StringBuilder();
        foreach (var p in _pairs) sb.Append(p.Key).Append('=').Append(p.Value).Append('\0');
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static string Shorten(string s) => s.Length > 40 ? s.Substring(0, 40) + "..." : s;
}
