using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace ScsiBridge.Cli;

/// <summary>
/// Parsers for option values that say, when a value is wrong, which option it was and what it
/// accepts ("--id must be a whole number from 0 to 7, not 'abc'"). System.CommandLine's own
/// conversion names only the .NET type, and a validator that reads a value that failed to
/// convert throws; every numeric or choice option goes through one of these instead.
/// </summary>
internal static class OptionValues
{
    /// <summary>A whole number from min to max.</summary>
    public static Option<int> Whole(Option<int> option, int min, int max, string unit = "")
    {
        option.CustomParser = r => (int)ParseWhole(r, option.Name, min, max, unit);
        return option;
    }

    /// <summary>A whole number from min to max, as a long (byte counts).</summary>
    public static Option<long> Whole(Option<long> option, long min, long max, string unit = "")
    {
        option.CustomParser = r => ParseWhole(r, option.Name, min, max, unit);
        return option;
    }

    /// <summary>Several whole numbers from min to max (one per token; "1,2" also splits).</summary>
    public static Option<int[]> Wholes(Option<int[]> option, int min, int max)
    {
        option.CustomParser = r =>
        {
            var values = new List<int>();
            foreach (Token t in r.Tokens)
            {
                string[] parts = t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length == 0)
                {
                    r.AddError(Message(option.Name, "whole numbers from " + min + " to " + max, t.Value));
                    return Array.Empty<int>();
                }
                foreach (string part in parts)
                {
                    if (!TryWhole(part, min, max, out long v))
                    {
                        r.AddError(Message(option.Name, "whole numbers from " + min + " to " + max, part));
                        return Array.Empty<int>();
                    }
                    values.Add((int)v);
                }
            }
            return values.ToArray();
        };
        return option;
    }

    /// <summary>A number of seconds from min to max (fractions allowed).</summary>
    public static Option<double> Seconds(Option<double> option, double min, double max)
    {
        option.CustomParser = r =>
        {
            string text = Single(r);
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) && v >= min && v <= max) return v;
            r.AddError(Message(option.Name, "a number of seconds from " + min.ToString(CultureInfo.InvariantCulture) + " to " + max.ToString(CultureInfo.InvariantCulture), text));
            return min;
        };
        return option;
    }

    /// <summary>One of a fixed set of words.</summary>
    public static Option<string> OneOf(Option<string> option, params string[] allowed)
    {
        option.CustomParser = r =>
        {
            string text = Single(r);
            foreach (string a in allowed)
            {
                if (string.Equals(a, text, StringComparison.OrdinalIgnoreCase)) return a;
            }
            r.AddError(Message(option.Name, "one of " + string.Join(", ", allowed), text));
            return allowed[0];
        };
        return option;
    }

    /// <summary>A file's path: not empty, and one the system can name (no NUL, not too long).</summary>
    public static Option<FileInfo> File(Option<FileInfo> option)
    {
        option.CustomParser = r => PathOf(r, option.Name, "a file's path", p => new FileInfo(p));
        return option;
    }

    /// <summary>A file's path, for an option that may be left out.</summary>
    public static Option<FileInfo?> OptionalFile(Option<FileInfo?> option)
    {
        option.CustomParser = r => PathOf(r, option.Name, "a file's path", p => new FileInfo(p));
        return option;
    }

    /// <summary>Files' paths, for an option that may be repeated.</summary>
    public static Option<FileInfo[]> Files(Option<FileInfo[]> option)
    {
        option.CustomParser = r =>
        {
            var files = new List<FileInfo>();
            foreach (Token t in r.Tokens)
            {
                if (t.Value.Length == 0 || t.Value.IndexOf('\0') >= 0)
                {
                    r.AddError(Message(option.Name, "a file's path", t.Value.Replace("\0", "\\0")));
                    return Array.Empty<FileInfo>();
                }
                try
                {
                    files.Add(new FileInfo(t.Value));
                }
                catch (Exception e) when (e is ArgumentException or PathTooLongException or NotSupportedException)
                {
                    r.AddError(Message(option.Name, "a file's path", t.Value));
                    return Array.Empty<FileInfo>();
                }
            }
            return files.ToArray();
        };
        return option;
    }

    /// <summary>A file's path given as an argument.</summary>
    public static Argument<FileInfo> File(Argument<FileInfo> argument)
    {
        argument.CustomParser = r => PathOf(r, argument.Name.ToUpperInvariant(), "a file's path", p => new FileInfo(p));
        return argument;
    }

    /// <summary>A folder's path.</summary>
    public static Option<DirectoryInfo> Folder(Option<DirectoryInfo> option)
    {
        option.CustomParser = r => PathOf(r, option.Name, "a folder's path", p => new DirectoryInfo(p));
        return option;
    }

    private static T? PathOf<T>(ArgumentResult r, string name, string what, Func<string, T> make) where T : FileSystemInfo
    {
        string text = Single(r);
        if (text.Length > 0 && text.IndexOf('\0') < 0)
        {
            try
            {
                return make(text);
            }
            catch (Exception e) when (e is ArgumentException or PathTooLongException or NotSupportedException)
            {
                // Reported below, with the option's name.
            }
        }
        r.AddError(Message(name, what, text.Replace("\0", "\\0")));
        return null;
    }

    /// <summary>A link timing model the simulator knows (uart, uart:BAUD, usb-fs).</summary>
    public static Option<string> LinkModel(Option<string> option)
    {
        option.Validators.Add(r =>
        {
            string text = r.GetValueOrDefault<string>() ?? "";
            try
            {
                ScsiBridge.SimHost.LinkModel.Parse(text);
            }
            catch (ArgumentException)
            {
                r.AddError(Message(option.Name, "uart, uart:BAUD (300 to 12000000) or usb-fs", text));
            }
        });
        return option;
    }

    /// <summary>The error text every parser here uses, so they all read alike.</summary>
    public static string Message(string option, string allowed, string given) =>
        option + " must be " + allowed + ", not '" + given + "'";

    private static long ParseWhole(ArgumentResult r, string name, long min, long max, string unit)
    {
        string text = Single(r);
        if (TryWhole(text, min, max, out long v)) return v;
        r.AddError(Message(name, "a whole number" + (unit.Length > 0 ? " of " + unit : "") + " from " + min + " to " + max, text));
        return min;
    }

    private static bool TryWhole(string text, long min, long max, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;

    private static string Single(ArgumentResult r) => r.Tokens.Count == 0 ? "" : r.Tokens[r.Tokens.Count - 1].Value;
}
