using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Emit;
using NanoFramework.CompileCheck.Rules;

namespace NanoFramework.CompileCheck.Tests
{
    /// <summary>
    /// Compiles C# in memory the way tests/NanoFramework.CompileCheck does on disk: against the
    /// real nanoFramework mscorlib.dll and our declarations of the other nanoFramework libraries
    /// only (no framework, no standard library), with the repository's language settings and the
    /// nanoFramework rule analyzer.
    /// </summary>
    public static class NanoCompiler
    {
        // The settings Directory.Build.props gives every project: latest C#, nullable enabled.
        public static readonly CSharpParseOptions ParseOptions = new CSharpParseOptions(LanguageVersion.Latest);

        private static readonly Lazy<string> Root = new Lazy<string>(FindRepositoryRoot);
        private static readonly Lazy<SurfaceBuild> Surface = new Lazy<SurfaceBuild>(BuildSurface);
        private static readonly Lazy<PortableExecutableReference> Mscorlib = new Lazy<PortableExecutableReference>(LoadMscorlib);

        /// <summary>Where the test project copied the real mscorlib.dll of nanoFramework.CoreLibrary.</summary>
        public static string MscorlibPath => Path.Combine(AppContext.BaseDirectory, "nanoFramework", "mscorlib.dll");

        public static MetadataReference MscorlibReference => Mscorlib.Value;

        public static string RepositoryRoot => Root.Value;

        public static SurfaceBuild SurfaceAssembly => Surface.Value;

        /// <summary>The .cs files of a folder below the repository root, without build output.</summary>
        public static string[] SourceFiles(string relativeFolder)
        {
            string folder = Path.Combine(RepositoryRoot, relativeFolder);
            if (!Directory.Exists(folder))
            {
                return Array.Empty<string>();
            }

            return Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
                .Where(f => !IsBuildOutput(folder, f))
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToArray();
        }

        /// <summary>Compiles one snippet; its diagnostics name the file "Snippet.cs".</summary>
        public static CompileResult CompileSnippet(string code)
        {
            return Compile(new[] { CSharpSyntaxTree.ParseText(code, ParseOptions, path: "Snippet.cs") }, warningsAsErrors: false);
        }

        public static CompileResult CompileFiles(IEnumerable<string> paths, bool warningsAsErrors)
        {
            var trees = paths.Select(p => CSharpSyntaxTree.ParseText(File.ReadAllText(p), ParseOptions, path: p)).ToArray();
            return Compile(trees, warningsAsErrors);
        }

        /// <summary>Compiles the .cs files of a folder into an assembly of the given name, as its
        /// .nfproj does for the board, referencing other such assemblies; for the native checksum.</summary>
        public static CompileResult CompileAssembly(string assemblyName, IEnumerable<string> paths, params MetadataReference[] references)
        {
            var trees = paths.Select(p => CSharpSyntaxTree.ParseText(File.ReadAllText(p), ParseOptions, path: p)).ToArray();
            var options = new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                generalDiagnosticOption: ReportDiagnostic.Error,
                deterministic: true);
            CSharpCompilation compilation = CSharpCompilation.Create(
                assemblyName,
                trees,
                new[] { MscorlibReference, SurfaceAssembly.Reference }.Concat(references),
                options);
            using var image = new MemoryStream();
            EmitResult emit = compilation.Emit(image);
            return new CompileResult(compilation, emit.Diagnostics, emit.Success ? image.ToArray() : null);
        }

        private static CompileResult Compile(SyntaxTree[] trees, bool warningsAsErrors)
        {
            var options = new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                generalDiagnosticOption: warningsAsErrors ? ReportDiagnostic.Error : ReportDiagnostic.Default);
            CSharpCompilation compilation = CSharpCompilation.Create(
                "NanoFramework.CompileCheck.InMemory",
                trees,
                new[] { MscorlibReference, SurfaceAssembly.Reference },
                options);

            // Emit, not just bind: some failures (a compiler-required member that is missing)
            // only appear when IL is generated.
            using var image = new MemoryStream();
            EmitResult emit = compilation.Emit(image);

            CompilationWithAnalyzers withRules = compilation.WithAnalyzers(
                ImmutableArray.Create<DiagnosticAnalyzer>(new NanoFrameworkRulesAnalyzer()));
            ImmutableArray<Diagnostic> rules = withRules.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();

            return new CompileResult(compilation, emit.Diagnostics.AddRange(rules), emit.Success ? image.ToArray() : null);
        }

        private static SurfaceBuild BuildSurface()
        {
            string[] files = SourceFiles(Path.Combine("tests", "NanoFramework.Surface"));
            var trees = files.Select(p => CSharpSyntaxTree.ParseText(File.ReadAllText(p), ParseOptions, path: p)).ToArray();

            // The same settings as NanoFramework.Surface.csproj: nullable off, and the
            // "extern without attributes" warnings (CS0626, CS0824) expected of declarations.
            var options = new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Disable,
                generalDiagnosticOption: ReportDiagnostic.Error,
                specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic>
                {
                    ["CS0626"] = ReportDiagnostic.Suppress,
                    ["CS0824"] = ReportDiagnostic.Suppress,
                });
            CSharpCompilation compilation = CSharpCompilation.Create("NanoFramework.Surface", trees, new[] { MscorlibReference }, options);

            using var image = new MemoryStream();
            EmitResult emit = compilation.Emit(image);
            byte[] bytes = image.ToArray();
            return new SurfaceBuild(files, compilation, emit.Diagnostics, emit.Success ? bytes : null);
        }

        private static PortableExecutableReference LoadMscorlib()
        {
            if (!File.Exists(MscorlibPath))
            {
                throw new InvalidOperationException("nanoFramework's mscorlib.dll is missing at " + MscorlibPath + ": restore the test project (it downloads the nanoFramework.CoreLibrary package)");
            }

            return MetadataReference.CreateFromFile(MscorlibPath);
        }

        private static bool IsBuildOutput(string folder, string file)
        {
            string relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
            return relative.StartsWith("bin/", StringComparison.Ordinal)
                || relative.StartsWith("obj/", StringComparison.Ordinal)
                || relative.Contains("/bin/", StringComparison.Ordinal)
                || relative.Contains("/obj/", StringComparison.Ordinal);
        }

        private static string FindRepositoryRoot()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "ScsiBridge.sln")))
            {
                dir = dir.Parent;
            }

            if (dir == null)
            {
                throw new InvalidOperationException("ScsiBridge.sln not found above " + AppContext.BaseDirectory);
            }

            return dir.FullName;
        }
    }

    public sealed class SurfaceBuild
    {
        public SurfaceBuild(string[] files, CSharpCompilation compilation, ImmutableArray<Diagnostic> diagnostics, byte[]? image)
        {
            Files = files;
            Compilation = compilation;
            Diagnostics = diagnostics;
            Image = image;
            Reference = image != null
                ? MetadataReference.CreateFromImage(image)
                : compilation.ToMetadataReference();
        }

        public string[] Files { get; }

        public CSharpCompilation Compilation { get; }

        public ImmutableArray<Diagnostic> Diagnostics { get; }

        public byte[]? Image { get; }

        public MetadataReference Reference { get; }
    }

    public sealed class CompileResult
    {
        public CompileResult(CSharpCompilation compilation, ImmutableArray<Diagnostic> diagnostics, byte[]? image)
        {
            Compilation = compilation;
            Diagnostics = diagnostics;
            Image = image;
        }

        public CSharpCompilation Compilation { get; }

        public ImmutableArray<Diagnostic> Diagnostics { get; }

        /// <summary>The emitted assembly, or null when the compiler reported errors.</summary>
        public byte[]? Image { get; }

        public IReadOnlyList<Diagnostic> Errors =>
            Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

        /// <summary>One line per error, "file(line,col): id message", for assertion messages.</summary>
        public string Describe()
        {
            return string.Join(Environment.NewLine, Errors.Select(Format));
        }

        public static string Format(Diagnostic d)
        {
            FileLinePositionSpan span = d.Location.GetLineSpan();
            string where = d.Location.IsInSource
                ? Path.GetFileName(span.Path) + "(" + (span.StartLinePosition.Line + 1) + "," + (span.StartLinePosition.Character + 1) + ")"
                : "(no location)";
            return where + ": " + d.Id + " " + d.GetMessage();
        }
    }
}
