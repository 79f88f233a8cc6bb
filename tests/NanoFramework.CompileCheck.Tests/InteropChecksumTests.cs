using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace NanoFramework.CompileCheck.Tests
{
    /// <summary>
    /// The interop component (hal/native/nf-interop) must carry the native checksum of the
    /// assembly ScsiBridge.Hal.Esp32 and a method lookup table in that assembly's method order,
    /// or the nanoCLR will not bind it. Both are computed here from the assembly compiled as its
    /// .nfproj compiles it (its own sources, referencing ScsiBridge.Hal) against nanoFramework's
    /// mscorlib, by NativeChecksum, which the core library's own .pe proves (NativeChecksumTests).
    /// </summary>
    public class InteropChecksumTests
    {
        private static readonly string Component = Path.Combine("hal", "native", "nf-interop");
        private readonly ITestOutputHelper _out;

        public InteropChecksumTests(ITestOutputHelper output)
        {
            _out = output;
        }

        public static NativeChecksum BoardHal()
        {
            CompileResult hal = NanoCompiler.CompileAssembly("ScsiBridge.Hal", NanoCompiler.SourceFiles(Path.Combine("hal", "ScsiBridge.Hal")));
            Assert.True(hal.Image != null, "ScsiBridge.Hal does not build for nanoFramework:\n" + hal.Describe());
            CompileResult esp = NanoCompiler.CompileAssembly(
                "ScsiBridge.Hal.Esp32",
                NanoCompiler.SourceFiles(Path.Combine("hal", "ScsiBridge.Hal.Esp32")),
                MetadataReference.CreateFromImage(hal.Image!));
            Assert.True(esp.Image != null, "ScsiBridge.Hal.Esp32 does not build for nanoFramework:\n" + esp.Describe());
            return NativeChecksum.Of(esp.Image!);
        }

        [Fact]
        public void TheComponentCarriesTheAssemblysChecksum()
        {
            NativeChecksum computed = BoardHal();
            string cpp = File.ReadAllText(Path.Combine(NanoCompiler.RepositoryRoot, Component, "ScsiBridge_Hal_Esp32.cpp"));
            Match m = Regex.Match(cpp, @"""ScsiBridge\.Hal\.Esp32"",\s*(0x[0-9A-F]{8}),");
            Assert.True(m.Success, "ScsiBridge_Hal_Esp32.cpp has no assembly record with a checksum");
            string expected = "0x" + computed.Checksum.ToString("X8");
            _out.WriteLine("computed " + expected + " over " + computed.NativeMethods.Count + " native methods; the component carries " + m.Groups[1].Value);
            Assert.True(computed.NativeMethods.Count > 20);
            Assert.True(expected == m.Groups[1].Value,
                "the managed assembly's native checksum is " + expected + ", the component carries " + m.Groups[1].Value
                + ": an InternalCall signature (or the assembly's methods) changed; update the stubs and the checksum (hal/native/nf-interop/README.md)");
        }

        [Fact]
        public void TheComponentsLookupTableFollowsTheAssemblysMethodOrder()
        {
            NativeChecksum computed = BoardHal();
            string cpp = File.ReadAllText(Path.Combine(NanoCompiler.RepositoryRoot, Component, "ScsiBridge_Hal_Esp32.cpp"));
            int start = cpp.IndexOf("method_lookup[] =", StringComparison.Ordinal);
            Assert.True(start >= 0, "no method_lookup table");
            string body = cpp.Substring(start, cpp.IndexOf("};", start, StringComparison.Ordinal) - start);
            string[] entries = body.Split('\n')
                .Select(l => l.Trim().TrimEnd(','))
                .Where(l => l == "NULL" || l.StartsWith("Library_", StringComparison.Ordinal))
                .Select(l => l.Replace("Library_ScsiBridge_Hal_Esp32_", ""))
                .ToArray();
            string[] expected = computed.LookupTable
                .Select(e => e == "NULL" ? "    NULL," : "    Library_ScsiBridge_Hal_Esp32_" + e + ",")
                .ToArray();
            if (!computed.LookupTable.SequenceEqual(entries))
            {
                // The table as the component must carry it, ready to paste into ScsiBridge_Hal_Esp32.cpp.
                string path = Path.Combine(AppContext.BaseDirectory, "expected-method_lookup.txt");
                File.WriteAllLines(path, expected);
                Assert.Fail("ScsiBridge_Hal_Esp32.cpp's method_lookup (" + entries.Length + " entries) does not follow the assembly's "
                            + computed.LookupTable.Count + " methods; the table it must carry is in " + path);
            }
        }
    }
}
