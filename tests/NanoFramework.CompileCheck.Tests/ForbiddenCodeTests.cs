using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace NanoFramework.CompileCheck.Tests
{
    /// <summary>
    /// Every construct nanoFramework 1.x cannot run (or DESIGN.md forbids) must fail, at the line
    /// that uses it. Some fail in the compiler because the surface lacks a type or member
    /// ("CS" below); the others compile without any library type and are caught by the rule
    /// analyzer (the NFxxxx id below).
    /// </summary>
    public class ForbiddenCodeTests
    {
        /// <summary>Marks the line where the error is expected.</summary>
        private const string Here = "/*HERE*/";

        public static IEnumerable<object[]> Cases()
        {
            // Missing library types and members: the compiler fails.
            yield return Case("generic collection", "CS", @"
public static class C { public static int F() { var list = new System.Collections.Generic.List<int>(); /*HERE*/ return list.Count; } }");
            yield return Case("LINQ method", "CS", @"
using System.Linq; /*HERE*/
public static class C { public static object F() { return new int[0].Select(x => x); } }");
            yield return Case("async Task", "CS", @"
using System.Threading.Tasks; /*HERE*/
public static class C { public static async Task F() { await Task.Delay(1); } }");
            yield return Case("Span<byte>", "CS", @"
public static class C { public static int F(System.Span<byte> data) /*HERE*/ { return data.Length; } }");
            yield return Case("UTF-8 literal (ReadOnlySpan)", "CS", @"
public static class C { public static int F() { var text = ""abc""u8; /*HERE*/ return text.Length; } }");
            yield return Case("Stopwatch", "CS", @"
public static class C { public static long F() { var w = System.Diagnostics.Stopwatch.StartNew(); /*HERE*/ return w.ElapsedTicks; } }");
            yield return Case("Buffer.BlockCopy", "CS", @"
public static class C { public static void F(byte[] a, byte[] b) { System.Buffer.BlockCopy(a, 0, b, 0, 4); /*HERE*/ } }");
            yield return Case("StringBuilder", "CS", @"
public static class C { public static string F() { var sb = new System.Text.StringBuilder(); /*HERE*/ return sb.ToString(); } }");
            yield return Case("nullable value type", "CS", @"
public static class C { public static int F(int? value) /*HERE*/ { return value ?? 0; } }");
            yield return Case("reflection on a type", "NF0008", @"
public static class C { public static int F() { return typeof(C).GetMethods().Length; /*HERE*/ } }");
            yield return Case("GetType", "NF0008", @"
public static class C { public static object F(object o) { return o.GetType(); /*HERE*/ } }");
            yield return Case("tuple", "CS", @"
public static class C { public static (int, int) F() /*HERE*/ { return (1, 2); } }");
            yield return Case("record", "CS", @"
public record Point(int X, int Y); /*HERE*/");
            yield return Case("dynamic", "CS", @"
public static class C { public static object F(dynamic d) /*HERE*/ { return d.Anything; } }");
            yield return Case("iterator (yield)", "CS", @"
public static class C { public static System.Collections.IEnumerable F() /*HERE*/ { yield return 1; } }");
            yield return Case("generic delegate Func<T> (declared by mscorlib 1.17)", "NF0009", @"
public static class C { public static int F(System.Func<int> f) /*HERE*/ { return f(); } }");
            yield return Case("Thread.SpinWait (no spinning in managed code)", "NF0008", @"
public static class C { public static void F() { System.Threading.Thread.SpinWait(100); /*HERE*/ } }");
            yield return Case("SpinWait struct", "NF0008", @"
public static class C { public static void F() { System.Threading.SpinWait.SpinUntil(10); /*HERE*/ } }");
            yield return Case("SpanByte (nanoFramework's span)", "NF0008", @"
public static class C { public static int F(byte[] a) { var s = new System.SpanByte(a); /*HERE*/ return s.Length; } }");
            yield return Case("Console", "NF0008", @"
public static class C { public static void F() { System.Console.WriteLine(""x""); /*HERE*/ } }");
            yield return Case("Assembly reflection", "NF0008", @"
public static class C { public static object F() { return typeof(C).Assembly; /*HERE*/ } }");
            yield return Case("generic delegate Action<T>", "NF0009", @"
public static class C { public static void F(System.Action<int> a) /*HERE*/ { a(1); } }");
            yield return Case("generic EventHandler<T>", "NF0009", @"
public sealed class C { public event System.EventHandler<System.EventArgs>? Changed; /*HERE*/ public void F() { Changed?.Invoke(this, System.EventArgs.Empty); } }");
            yield return Case("Monitor.TryEnter (nanoFramework has Enter/Exit only)", "CS", @"
public static class C { public static bool F(object o) { return System.Threading.Monitor.TryEnter(o); /*HERE*/ } }");
            yield return Case("null-conditional call yielding a value (needs Nullable<T>)", "CS", @"
public static class C { public static void F(System.Threading.Thread? t) { t?.Join(100); /*HERE*/ } }");
            yield return Case("FieldOffset", "CS", @"
using System.Runtime.InteropServices;
[StructLayout(LayoutKind.Explicit)]
public struct S { [FieldOffset(0)] /*HERE*/ public int A; }");
            yield return Case("string.Join (not in nanoFramework's String)", "CS", @"
public static class C { public static string F(string[] parts) { return string.Join("","", parts); /*HERE*/ } }");
            yield return Case("DateTime.Now (nanoFramework is UTC only)", "CS", @"
public static class C { public static long F() { return System.DateTime.Now.Ticks; /*HERE*/ } }");

            // Constructs that compile without library types: the rule analyzer fails them.
            yield return Case("generic method", "NF0001", @"
public static class C { public static T Id<T>(T x) /*HERE*/ { return x; } }");
            yield return Case("generic class", "NF0001", @"
public sealed class Box<T> /*HERE*/ { public object? Value; }");
            yield return Case("generic local function", "NF0001", @"
public static class C { public static int F() { T Same<T>(T v) => v; /*HERE*/ return Same(1); } }");
            yield return Case("multidimensional array creation", "NF0002", @"
public static class C { public static object F() { return new int[2, 2]; /*HERE*/ } }");
            yield return Case("multidimensional array type", "NF0002", @"
public static class C { public static int F(int[,] grid) /*HERE*/ { return 0; } }");
            yield return Case("stackalloc", "NF0003", @"
public static class C { public static unsafe int F() { byte* p = stackalloc byte[4]; /*HERE*/ return p[0]; } }");
            yield return Case("async void", "NF0004", @"
public static class C { public static async /*HERE*/ void F() { } }");
            yield return Case("volatile field", "NF0007", @"
public sealed class C { public volatile /*HERE*/ int Flag; }");
            yield return Case("LINQ query syntax", "NF0005", @"
public static class C { public static object F(int[] a) { return from x in a /*HERE*/ select x; } }");
            yield return Case("Enum.ToString", "NF0006", @"
public enum Phase { Idle, Data }
public static class C { public static string F(Phase p) { return p.ToString(); /*HERE*/ } }");
            yield return Case("enum concatenated to a string", "NF0006", @"
public enum Phase { Idle, Data }
public static class C { public static string F(Phase p) { return ""phase "" + p; /*HERE*/ } }");
            yield return Case("enum in an interpolated string", "NF0006", @"
public enum Phase { Idle, Data }
public static class C { public static string F(Phase p) { return $""phase {p}""; /*HERE*/ } }");
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void ForbiddenConstructFailsAtItsLine(string construct, string expected, string code)
        {
            int line = ExpectedLine(code);
            CompileResult result = NanoCompiler.CompileSnippet(code);

            List<Diagnostic> matching = result.Errors
                .Where(d => d.Id.StartsWith(expected, StringComparison.Ordinal))
                .Where(d => d.Location.GetLineSpan().StartLinePosition.Line + 1 == line)
                .ToList();

            Assert.True(
                matching.Count > 0,
                construct + ": expected an " + expected + " error on line " + line + ", got:" + Environment.NewLine + result.Describe());
        }

        [Fact]
        public void RuleMessagesNameTheFileLineAndTheFix()
        {
            CompileResult result = NanoCompiler.CompileSnippet(@"
public static class C
{
    public static T Id<T>(T x) { return x; }
}");

            Diagnostic rule = Assert.Single(result.Errors, d => d.Id == "NF0001");
            Assert.Equal("Snippet.cs(4,23): NF0001 generic type parameter on 'Id': nanoFramework 1.x has no generics; use object or a concrete type", CompileResult.Format(rule));
        }

        // Why volatile has a rule although it fails in the compiler anyway: the compiler only
        // notices the missing IsVolatile type while emitting, and its error names no file or line.
        [Fact]
        public void VolatileFailsInTheCompilerWithoutALineSoTheRuleGivesOne()
        {
            CompileResult result = NanoCompiler.CompileSnippet("public sealed class C\n{\n    public volatile int Flag;\n}");

            Diagnostic compiler = Assert.Single(result.Errors, d => d.Id == "CS0518");
            Assert.False(compiler.Location.IsInSource);
            Assert.Contains("IsVolatile", compiler.GetMessage());
            Diagnostic rule = Assert.Single(result.Errors, d => d.Id == "NF0007");
            Assert.Equal(3, rule.Location.GetLineSpan().StartLinePosition.Line + 1);
        }

        [Fact]
        public void RulesDoNotFireOnSimilarLegalCode()
        {
            CompileResult result = NanoCompiler.CompileSnippet(@"
public enum Phase { Idle, Data }
public static class C
{
    public static int[][] Jagged = new int[2][];
    public static int Size = sizeof(int);
    public static System.Type Kind = typeof(Phase);
    public static System.Action Nothing = () => { };
    public static event System.EventHandler? Changed;
    public static void Raise() { Changed?.Invoke(null, System.EventArgs.Empty); }
    public static string Name(Phase p) { return p == Phase.Idle ? ""idle"" : ""data""; }
    public static string Number(int n) { return ""n="" + n.ToString() + $"" and {n}""; }
}");

            Assert.True(result.Errors.Count == 0, result.Describe());
        }

        private static object[] Case(string construct, string expected, string code)
        {
            return new object[] { construct, expected, code };
        }

        private static int ExpectedLine(string code)
        {
            string[] lines = code.Replace("\r\n", "\n").Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                if (lines[i].Contains(Here, StringComparison.Ordinal))
                {
                    return i + 1;
                }
            }

            throw new ArgumentException("the case has no " + Here + " marker");
        }
    }
}
