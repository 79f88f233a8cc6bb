using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using ScsiBridge.Hal.Esp32;
using Xunit;

namespace ScsiBridge.Hal.Esp32.Tests
{
    /// <summary>The int-array layouts, statuses and event codes are declared twice, in C# and in
    /// the interop component's interop_layout.h; every C# constant must have its C++ twin
    /// (k + the same name) with the same value.</summary>
    public class LayoutInStepTests
    {
        [Fact]
        public void EveryManagedConstantHasTheSameValueInTheComponentsHeader()
        {
            Dictionary<string, long> native = NativeConstants();
            var constants = typeof(InteropLayout).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Concat(typeof(InteropStatus).GetFields(BindingFlags.Public | BindingFlags.Static))
                .Where(f => f.IsLiteral)
                .ToList();
            Assert.True(constants.Count > 50);
            var mismatches = new List<string>();
            foreach (FieldInfo f in constants)
            {
                long value = Convert.ToInt64(f.GetRawConstantValue());
                if (!native.TryGetValue("k" + f.Name, out long nativeValue))
                {
                    mismatches.Add(f.Name + " has no k" + f.Name + " in interop_layout.h");
                }
                else if (nativeValue != value)
                {
                    mismatches.Add(f.Name + " is " + value + " in C#, " + nativeValue + " in interop_layout.h");
                }
            }

            Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
        }

        // Enumerators (implicit values counted on) and constexpr integers of the header.
        private static Dictionary<string, long> NativeConstants()
        {
            string header = File.ReadAllText(Path.Combine(RepositoryRoot(), "hal", "native", "nf-interop", "include", "sb_nf", "interop_layout.h"));
            header = Regex.Replace(header, @"//[^\n]*", "");
            var values = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (Match e in Regex.Matches(header, @"enum\s+\w+\s*:\s*\w+\s*\{([^}]*)\}"))
            {
                long next = 0;
                foreach (string item in e.Groups[1].Value.Split(',').Select(i => i.Trim()).Where(i => i.Length > 0))
                {
                    string[] parts = item.Split('=');
                    long v = parts.Length > 1 ? long.Parse(parts[1].Trim()) : next;
                    values[parts[0].Trim()] = v;
                    next = v + 1;
                }
            }

            foreach (Match c in Regex.Matches(header, @"constexpr\s+\w+\s+(k\w+)\s*=\s*(0x[0-9A-Fa-f]+|\d+)"))
            {
                string text = c.Groups[2].Value;
                values[c.Groups[1].Value] = text.StartsWith("0x") ? Convert.ToInt64(text.Substring(2), 16) : long.Parse(text);
            }

            return values;
        }

        private static string RepositoryRoot()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "ScsiBridge.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("ScsiBridge.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
