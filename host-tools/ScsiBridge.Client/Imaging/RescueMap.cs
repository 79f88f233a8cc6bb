using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using System.Globalization;
using System.Text;

namespace ScsiBridge.Client.Imaging;

/// <summary>
/// What an imaging run knows about every byte of the device, in GNU ddrescue's mapfile format
/// (so ddrescueview and ddrescuelog read it, and ddrescue itself can go on from it): a status
/// line (position, phase, pass), then contiguous extents with a status each.
/// </summary>
public sealed class RescueMap
{
    public const char NonTried = '?';
    public const char NonTrimmed = '*';
    public const char NonScraped = '/';
    public const char BadSector = '-';
    public const char Finished = '+';

    private readonly List<Extent> _extents = new List<Extent>();

    public RescueMap(long size)
    {
        if (size <= 0) throw new ArgumentOutOfRangeException(nameof(size), "a map covers at least one byte");
        Size = size;
        _extents.Add(new Extent(0, size, NonTried));
    }

    public readonly record struct Extent(long Position, long Size, char Status)
    {
        public long End => Position + Size;
    }

    public long Size { get; }

    /// <summary>Where the run is (ddrescue's current_pos).</summary>
    public long CurrentPosition { get; set; }

    /// <summary>The phase: '?' copying, '*' trimming, '/' scraping, '-' retrying, '+' finished.</summary>
    public char CurrentStatus { get; set; } = NonTried;

    public int CurrentPass { get; set; } = 1;

    public IReadOnlyList<Extent> Extents => _extents;

    public long Bytes(char status) => _extents.Where(e => e.Status == status).Sum(e => e.Size);

    public bool IsFinished => _extents.All(e => e.Status == Finished);

    /// <summary>The extents with that status, as they are now (safe to change the map while going through them).</summary>
    public List<Extent> With(char status) => _extents.Where(e => e.Status == status).ToList();

    /// <summary>Marks [position, position + size) with status, splitting and merging extents.</summary>
    public void Mark(long position, long size, char status)
    {
        if (position < 0 || size <= 0 || position + size > Size) throw new ArgumentOutOfRangeException(nameof(position), "outside the map: " + position + "+" + size);
        long end = position + size;
        var result = new List<Extent>(_extents.Count + 2);
        bool placed = false;
        foreach (Extent e in _extents)
        {
            if (e.End <= position || e.Position >= end)
            {
                if (!placed && e.Position >= end)
                {
                    result.Add(new Extent(position, size, status));
                    placed = true;
                }
                result.Add(e);
                continue;
            }
            if (e.Position < position) result.Add(new Extent(e.Position, position - e.Position, e.Status));
            if (!placed)
            {
                result.Add(new Extent(position, size, status));
                placed = true;
            }
            if (e.End > end) result.Add(new Extent(end, e.End - end, e.Status));
        }
        if (!placed) result.Add(new Extent(position, size, status));
        _extents.Clear();
        foreach (Extent e in result)
        {
            if (_extents.Count > 0 && _extents[^1].Status == e.Status) _extents[^1] = new Extent(_extents[^1].Position, _extents[^1].Size + e.Size, e.Status);
            else _extents.Add(e);
        }
    }

    /// <summary>The mapfile's text, with heading comments for people.</summary>
    public string Format(string commandLine, DateTime started)
    {
        var text = new StringBuilder();
        // The program that made it (scsibridge, or a script), as ddrescue names itself there.
        System.Reflection.AssemblyName creator = (System.Reflection.Assembly.GetEntryAssembly() ?? typeof(RescueMap).Assembly).GetName();
        text.Append("# Mapfile. Created by ").Append(creator.Name).Append(' ').Append(creator.Version?.ToString(3)).Append('\n');
        text.Append("# Command line: ").Append(commandLine).Append('\n');
        text.Append("# Start time:   ").Append(started.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append('\n');
        text.Append("# Current time: ").Append(DateTime.Now.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append('\n');
        text.Append("# ").Append(PhaseText()).Append('\n');
        text.Append("# current_pos  current_status  current_pass\n");
        text.Append(Hex(CurrentPosition)).Append("     ").Append(CurrentStatus).Append("               ").Append(CurrentPass).Append('\n');
        text.Append("#      pos        size  status\n");
        foreach (Extent e in _extents) text.Append(Hex(e.Position)).Append("  ").Append(Hex(e.Size)).Append("  ").Append(e.Status).Append('\n');
        return text.ToString();
    }

    private string PhaseText() => CurrentStatus switch
    {
        NonTried => "Copying non-tried blocks... Pass " + CurrentPass,
        NonTrimmed => "Trimming failed blocks... Pass " + CurrentPass,
        NonScraped => "Scraping failed blocks... Pass " + CurrentPass,
        BadSector => "Retrying bad sectors... Pass " + CurrentPass,
        _ => "Finished",
    };

    private static string Hex(long v) => "0x" + v.ToString("X8", CultureInfo.InvariantCulture);

    /// <summary>Writes the map beside its final name first, then renames: a crash never leaves half a map.</summary>
    public void Save(string path, string commandLine, DateTime started)
    {
        string temp = path + ".tmp";
        File.WriteAllText(temp, Format(commandLine, started));
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>
    /// A mapfile as ddrescue writes it (decimal, 0x hex or 0 octal numbers; '#' comments). It
    /// must cover exactly [0, size) of this device; anything else is refused, naming the line.
    /// </summary>
    public static RescueMap Parse(string text, long size, string name)
    {
        var map = new RescueMap(size);
        map._extents.Clear();
        bool statusLine = false;
        long next = 0;
        int number = 0;
        foreach (string raw in text.Split('\n'))
        {
            number++;
            int hash = raw.IndexOf('#');
            string line = (hash >= 0 ? raw[..hash] : raw).Trim();
            if (line.Length == 0) continue;
            string[] words = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            string Where() => name + ":" + number + ": ";
            if (!statusLine)
            {
                if (words.Length < 2 || !TryNumber(words[0], out long pos) || words[1].Length != 1 || "?*/-FG+".IndexOf(words[1][0]) < 0)
                {
                    throw new FormatException(Where() + "expected the status line 'current_pos current_status [current_pass]'");
                }
                map.CurrentPosition = pos;
                map.CurrentStatus = words[1][0];
                map.CurrentPass = words.Length > 2 && int.TryParse(words[2], out int pass) && pass > 0 ? pass : 1;
                statusLine = true;
                continue;
            }
            if (words.Length != 3 || !TryNumber(words[0], out long position) || !TryNumber(words[1], out long length)
                || words[2].Length != 1 || "?*/-+".IndexOf(words[2][0]) < 0)
            {
                throw new FormatException(Where() + "expected 'pos size status' with status one of ? * / - +");
            }
            if (position != next) throw new FormatException(Where() + "this block starts at " + position + " but the one before ends at " + next + " (blocks must be contiguous)");
            if (length <= 0) throw new FormatException(Where() + "a block's size must be positive");
            map._extents.Add(new Extent(position, length, words[2][0]));
            next = position + length;
        }
        if (!statusLine) throw new FormatException(name + ": no status line; is this a mapfile?");
        if (next != size)
        {
            throw new FormatException(name + ": the map covers " + next + " bytes but the device has " + size
                                      + "; it belongs to another device or image (use a new mapfile, or --map to name the right one)");
        }
        var merged = map._extents.ToList();
        map._extents.Clear();
        foreach (Extent e in merged) map.Mark(e.Position, e.Size, e.Status);
        return map;
    }

    private static bool TryNumber(string s, out long value)
    {
        if (s.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) return long.TryParse(s.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        if (s.Length > 1 && s[0] == '0')
        {
            value = 0;
            foreach (char c in s)
            {
                if (c < '0' || c > '7') return false;
                value = value * 8 + (c - '0');
            }
            return true;
        }
        return long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
