using System;
using System.IO;
using System.Text.RegularExpressions;
using Xunit;

namespace ScsiBridge.Hal.Sim.Tests
{
    /// <summary>
    /// A quick guard for the nanoFramework rules (DESIGN.md) on the HAL contract sources: it
    /// catches the common slips early. The authoritative check is the build against the
    /// reference nanoFramework surface.
    /// </summary>
    public class HalSourceRulesTests
    {
        private static readonly (string Rule, Regex Pattern)[] Forbidden =
        {
            ("no LINQ", new Regex(@"\bSystem\.Linq\b")),
            ("no System.Text", new Regex(@"\bSystem\.Text\b")),
            ("no generic collections", new Regex(@"\bSystem\.Collections\.Generic\b")),
            ("no generics", new Regex(@"[A-Za-z_]\w*<[A-Za-z_][\w.,\s]*>")),
            ("no Span", new Regex(@"\b(ReadOnly)?Span\b|\bMemory<")),
            ("no async/await", new Regex(@"\b(async|await)\b")),
            ("no Stopwatch", new Regex(@"\bStopwatch\b")),
            ("no Buffer.BlockCopy", new Regex(@"\bBlockCopy\b")),
            ("no string interpolation", new Regex("\\$\"|\\$@\"|@\\$\"")),
            ("no records", new Regex(@"\brecord\b")),
            ("no nullable value types", new Regex(@"\b(int|uint|long|ulong|short|ushort|byte|sbyte|bool|char|double|float)\?")),
            ("no multidimensional arrays", new Regex(@"\[\s*,")),
            ("no reflection", new Regex(@"\bSystem\.Reflection\b|\btypeof\s*\(|\bGetType\s*\(")),
            ("no tuples", new Regex(@"\bValueTuple\b|\(\s*\w+\s+\w+\s*,\s*\w+\s+\w+\s*\)\s*\w+\s*\(")),
        };

        [Fact]
        public void HalContractSourcesAvoidApisNanoFrameworkLacks()
        {
            string halDir = Path.Combine(RepositoryRoot(), "hal", "ScsiBridge.Hal");
            var files = new System.Collections.Generic.List<string>();
            foreach (string file in Directory.GetFiles(halDir, "*.cs", SearchOption.AllDirectories))
            {
                string relative = Path.GetRelativePath(halDir, file);
                if (!relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                    && !relative.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    files.Add(file);
                }
            }

            Assert.NotEmpty(files);

            var problems = new System.Collections.Generic.List<string>();
            foreach (string file in files)
            {
                string[] lines = File.ReadAllLines(file);
                for (int i = 0; i < lines.Length; i++)
                {
                    string code = StripCommentsAndStrings(lines[i]);
                    foreach (var (rule, pattern) in Forbidden)
                    {
                        if (pattern.IsMatch(code))
                        {
                            problems.Add(Path.GetRelativePath(halDir, file) + ":" + (i + 1) + " " + rule + ": " + lines[i].Trim());
                        }
                    }
                }
            }

            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        }

        private static string StripCommentsAndStrings(string line)
        {
            int comment = line.IndexOf("//", StringComparison.Ordinal);
            string code = comment >= 0 ? line.Substring(0, comment) : line;
            // Interpolated strings are checked before string contents are blanked.
            if (code.Contains("$\"", StringComparison.Ordinal))
            {
                return code;
            }

            return Regex.Replace(code, "\"(\\\\.|[^\"\\\\])*\"", "\"\"");
        }

        private static string RepositoryRoot()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "ScsiBridge.sln")))
            {
                dir = dir.Parent;
            }

            Assert.True(dir != null, "ScsiBridge.sln not found above " + AppContext.BaseDirectory);
            return dir!.FullName;
        }
    }
}
