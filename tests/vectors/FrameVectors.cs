using System;
using System.Collections.Generic;
using System.IO;

namespace ScsiBridge.TestVectors;

/// <summary>Reads tests/vectors/frames.txt (its format is described at its top), for every test
/// project that checks a frame codec against the shared vectors.</summary>
internal static class FrameVectors
{
    public static string PathOf()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "vectors", "frames.txt");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("tests/vectors/frames.txt was not found above the test's folder");
    }

    /// <summary>The rows of one kind (crc, encode, decode), each split into its words.</summary>
    public static IEnumerable<string[]> Rows(string kind)
    {
        foreach (string line in File.ReadLines(PathOf()))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            string[] words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length > 0 && words[0] == kind) yield return words;
        }
    }

    public static byte[] Hex(string s) => s == "-" ? Array.Empty<byte>() : Convert.FromHexString(s);

    /// <summary>LinkErrors code of a verdict name.</summary>
    public static int Verdict(string name) => name switch
    {
        "none" => 0,
        "BadCrc" => 1,
        "BadCobs" => 2,
        "ShortFrame" => 3,
        "UnsupportedVersion" => 4,
        "BadLength" => 6,
        "PayloadTooLarge" => 7,
        _ => throw new FormatException("unknown verdict " + name),
    };
}
