using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Xunit;

namespace NanoFramework.CompileCheck.Tests
{
    /// <summary>
    /// Ordinary firmware code must build against the surface with no error from the compiler or
    /// the rules: a check that rejected it would be useless.
    /// </summary>
    public class AllowedCodeTests
    {
        private const string PlainFirmware = @"
using System;
using System.Collections;
using System.Diagnostics;
using System.Threading;

namespace Plain
{
    public enum LinkState { Idle, Busy, Failed }

    [Flags]
    public enum Lines { None = 0, Bsy = 1, Sel = 2 }

    public interface IPort
    {
        int Write(byte[] buffer, int offset, int count);
    }

    public delegate void FrameHandler(object sender, int length);

    public sealed class Ring : IDisposable
    {
        public const int Size = 64;
        private static readonly byte[] Pattern = new byte[] { 1, 2, 3, 4 };
        private readonly byte[] _data = new byte[Size];
        private readonly object _gate = new object();
        private readonly AutoResetEvent _ready = new AutoResetEvent(false);
        private int _count;
        private Thread? _worker;

        public event FrameHandler? FrameSeen;

        public LinkState State { get; private set; }

        public int Count => _count;

        public void Put(byte[] source, int offset, int count)
        {
            if (source == null)
            {
                throw new ArgumentNullException(""source"");
            }

            if (count < 0 || offset < 0 || offset > source.Length - count || count > Size - _count)
            {
                throw new ArgumentOutOfRangeException(""count"", ""Too many bytes for the ring: "" + count.ToString());
            }

            lock (_gate)
            {
                Array.Copy(source, offset, _data, _count, count);
                _count += count;
            }

            _ready.Set();
            FrameSeen?.Invoke(this, count);
        }

        public int Checksum()
        {
            int sum = 0;
            for (int i = 0; i < _count; i++)
            {
                sum = unchecked(sum * 31 + _data[i]);
            }

            foreach (byte b in Pattern)
            {
                sum ^= b;
            }

            return sum;
        }

        public void Start()
        {
            _worker = new Thread(Run);
            _worker.Priority = ThreadPriority.AboveNormal;
            _worker.Start();
        }

        private void Run()
        {
            while (_ready.WaitOne(Timeout.Infinite, false))
            {
                Debug.WriteLine(""ring holds "" + _count.ToString() + "" bytes, state "" + Describe(State));
            }
        }

        public static string Describe(LinkState state)
        {
            switch (state)
            {
                case LinkState.Idle: return ""idle"";
                case LinkState.Busy: return ""busy"";
                default: return ""failed"";
            }
        }

        public static int Command(string name)
        {
            switch (name)
            {
                case ""inquiry"": return 0x12;
                case ""read"": return 0x08;
                case ""write"": return 0x0A;
                case ""sense"": return 0x03;
                case ""ready"": return 0x00;
                case ""capacity"": return 0x25;
                case ""mode"": return 0x1A;
                default: return -1;
            }
        }

        public static int Sum(params int[] values)
        {
            int total = 0;
            foreach (int v in values)
            {
                total += v;
            }

            return total;
        }

        public static bool HasSel(Lines lines) => (lines & Lines.Sel) != 0 && lines.HasFlag(Lines.Bsy);

        public static int CountItems(ArrayList list)
        {
            int n = 0;
            foreach (object item in list)
            {
                if (item is int)
                {
                    n++;
                }
            }

            return n;
        }

        public static string Hex(byte[] bytes)
        {
            string text = string.Empty;
            for (int i = 0; i < bytes.Length; i++)
            {
                text = text + bytes[i].ToString(""X2"");
            }

            return text.Length == 0 ? ""(none)"" : text.Substring(0, text.Length);
        }

        public void Dispose()
        {
            try
            {
                // Not `_worker?.Join(100)`: a null-conditional call that yields a value type
                // needs Nullable<T>, which nanoFramework 1.x lacks.
                if (_worker != null)
                {
                    _worker.Join(100);
                }
            }
            catch (ThreadAbortException)
            {
            }
            finally
            {
                Interlocked.Exchange(ref _count, 0);
            }
        }
    }
}
";

        [Fact]
        public void PlainFirmwareCodeBuildsWithoutErrors()
        {
            CompileResult result = NanoCompiler.CompileSnippet(PlainFirmware);

            Assert.True(result.Errors.Count == 0, result.Describe());
            Assert.NotNull(result.Image);
        }

        [Fact]
        public void PlainFirmwareCodeReferencesOnlyNanoFramework()
        {
            CompileResult result = NanoCompiler.CompileSnippet(PlainFirmware);
            Assert.NotNull(result.Image);

            using var pe = new PEReader(new MemoryStream(result.Image!));
            MetadataReader metadata = pe.GetMetadataReader();
            string[] references = metadata.AssemblyReferences
                .Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name))
                .ToArray();

            Assert.Contains("mscorlib", references);
            Assert.All(references, r => Assert.Contains(r, new[] { "mscorlib", "NanoFramework.Surface" }));
        }

        // String interpolation needs no handler type: without DefaultInterpolatedStringHandler the
        // compiler falls back to string.Format / string.Concat, which nanoFramework has. So it is
        // allowed, and this test pins down that it really lowers to String.Format.
        [Fact]
        public void StringInterpolationLowersToStringFormat()
        {
            CompileResult result = NanoCompiler.CompileSnippet(@"
public static class Show
{
    public static string Line(int id, string name) => $""target {id} is {name}"";
}");

            Assert.True(result.Errors.Count == 0, result.Describe());
            using var pe = new PEReader(new MemoryStream(result.Image!));
            MetadataReader metadata = pe.GetMetadataReader();
            string[] called = metadata.MemberReferences
                .Select(h => metadata.GetMemberReference(h))
                .Select(m => metadata.GetString(m.Name))
                .ToArray();
            Assert.Contains("Format", called);
            Assert.DoesNotContain(called, n => n.Contains("AppendFormatted"));
        }

        // Nullable reference annotations are compile-time only: the compiler embeds the attribute
        // types it needs in the assembly, so nothing extra is asked of nanoFramework.
        [Fact]
        public void NullableAnnotationsAndLambdasBuild()
        {
            CompileResult result = NanoCompiler.CompileSnippet(@"
using System.Threading;

public sealed class Holder
{
    private string? _name;
    private int _ticks;

    public string Name => _name ?? ""none"";

    public void Arm()
    {
        var timer = new Timer(state => { _ticks++; _name = state as string; }, ""tick"", 0, 10);
        timer.Dispose();
    }
}");

            Assert.True(result.Errors.Count == 0, result.Describe());
        }
    }
}
