using System.Text.RegularExpressions;

namespace ScsiBridge.Iscsi.Tests;

/// <summary>
/// Runs libiscsi's iscsi-test-cu and reads its verbose output: every test as PASS, FAIL or SKIP
/// (a test that passed after printing [SKIPPED] did not really run), and the table by family.
/// </summary>
internal static class ConformanceSuite
{
    public const string Initiator1 = "iqn.2026-12.invalid.scsibridge:conformance-1";
    public const string Initiator2 = "iqn.2026-12.invalid.scsibridge:conformance-2";

    public static Dictionary<string, string> Run(string url, string tests, bool dataLoss, TimeSpan limit)
    {
        var args = new List<string> { "-i", Initiator1, "-I", Initiator2, "-t", tests };
        if (dataLoss) args.Add("-d");
        args.Add(url);
        var r = Tools.Run("iscsi-test-cu", args, limit);
        var results = Parse(r.Output);
        if (results.Count == 0) throw new InvalidOperationException("iscsi-test-cu ran no test (exit " + r.ExitCode + "): " + r.Output + r.Error);
        return results;
    }

    public static Dictionary<string, string> Parse(string text)
    {
        var results = new Dictionary<string, string>();
        string suite = "";
        var marks = Regex.Matches(text, @"^Suite: (\S+)|^  Test: (\S+) \.\.\.", RegexOptions.Multiline);
        foreach (Match m in marks)
        {
            if (m.Groups[1].Success)
            {
                suite = m.Groups[1].Value;
                continue;
            }
            string rest = text.Substring(m.Index + m.Length);
            Match end = Regex.Match(rest, "passed|FAILED");
            string before = end.Success ? rest.Substring(0, end.Index) : rest;
            results[suite + "." + m.Groups[2].Value] = end.Success && end.Value == "FAILED" ? "FAIL" : before.Contains("[SKIPPED]") ? "SKIP" : "PASS";
        }
        return results;
    }

    /// <summary>The per-family table: pass/fail/skip of each run, side by side.</summary>
    public static string Table(IReadOnlyList<(string Name, Dictionary<string, string> Results)> runs)
    {
        var families = runs.SelectMany(r => r.Results.Keys).Select(k => k.Split('.')[0]).Distinct().OrderBy(f => f, StringComparer.Ordinal).ToList();
        var sb = new System.Text.StringBuilder();
        sb.Append("family".PadRight(26));
        foreach (var run in runs) sb.Append(("  " + run.Name + " pass/fail/skip").PadRight(32));
        sb.AppendLine();
        foreach (string family in families.Append("total"))
        {
            sb.Append(family.PadRight(26));
            foreach (var run in runs)
            {
                var of = run.Results.Where(p => family == "total" || p.Key.Split('.')[0] == family).Select(p => p.Value).ToList();
                string cell = of.Count == 0 ? "-" : of.Count(v => v == "PASS") + "/" + of.Count(v => v == "FAIL") + "/" + of.Count(v => v == "SKIP");
                sb.Append(("  " + cell).PadRight(32));
            }
            sb.AppendLine();
        }
        return sb.ToString();
    }
}
