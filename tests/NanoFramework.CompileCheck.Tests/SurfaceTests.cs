using System;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Microsoft.CodeAnalysis;
using Xunit;

namespace NanoFramework.CompileCheck.Tests
{
    /// <summary>The reference surface itself: self-contained, declarations only, no generics.</summary>
    public class SurfaceTests
    {
        private const string Header = "// Declarations of the nanoFramework 1.x API surface the firmware may use; compile-time only.";

        [Fact]
        public void SurfaceCompilesWithoutDiagnostics()
        {
            SurfaceBuild surface = NanoCompiler.SurfaceAssembly;

            Assert.NotEmpty(surface.Files);
            Assert.True(surface.Diagnostics.IsEmpty, string.Join(Environment.NewLine, surface.Diagnostics.Select(CompileResult.Format)));
            Assert.NotNull(surface.Image);
        }

        [Fact]
        public void SurfaceIsItsOwnCoreLibraryAndReferencesNothing()
        {
            byte[]? image = NanoCompiler.SurfaceAssembly.Image;
            Assert.NotNull(image);

            using var pe = new PEReader(new MemoryStream(image!));
            MetadataReader metadata = pe.GetMetadataReader();

            Assert.Empty(metadata.AssemblyReferences);
            bool definesObject = metadata.TypeDefinitions
                .Select(metadata.GetTypeDefinition)
                .Any(t => metadata.GetString(t.Namespace) == "System" && metadata.GetString(t.Name) == "Object");
            Assert.True(definesObject, "the surface must define System.Object so that it is the only core library");
        }

        [Fact]
        public void SurfaceDeclaresNoGenericTypeOrMethod()
        {
            var generic = NanoCompiler.SurfaceAssembly.Compilation.Assembly.GlobalNamespace
                .GetNamespaceMembersAndTypesRecursively()
                .SelectMany(t => t.GetMembers().OfType<IMethodSymbol>().Where(m => m.IsGenericMethod).Select(m => (ISymbol)m)
                    .Concat(t.IsGenericType ? new ISymbol[] { t } : Array.Empty<ISymbol>()))
                .Select(s => s.ToDisplayString())
                .ToList();

            Assert.True(generic.Count == 0, "nanoFramework 1.x has no generics: " + string.Join(", ", generic));
        }

        [Fact]
        public void SurfaceLacksWhatNanoFrameworkLacks()
        {
            Compilation surface = NanoCompiler.SurfaceAssembly.Compilation;
            string[] absent =
            {
                "System.Nullable`1",
                "System.Span`1",
                "System.ReadOnlySpan`1",
                "System.Collections.Generic.List`1",
                "System.Threading.Tasks.Task",
                "System.Text.StringBuilder",
                "System.Diagnostics.Stopwatch",
                "System.Buffer",
                "System.ValueTuple`2",
                "System.Runtime.CompilerServices.IsVolatile",
                "System.Runtime.CompilerServices.DefaultInterpolatedStringHandler",
                "System.Runtime.InteropServices.FieldOffsetAttribute",
                "System.Linq.Enumerable",
            };

            foreach (string name in absent)
            {
                Assert.True(surface.GetTypeByMetadataName(name) == null, name + " must not be declared: nanoFramework 1.x does not have it");
            }
        }

        [Fact]
        public void EverySurfaceFileSaysWhatItIs()
        {
            foreach (string file in NanoCompiler.SurfaceAssembly.Files)
            {
                string first = File.ReadLines(file).First();
                Assert.True(first == Header, Path.GetFileName(file) + " must start with: " + Header);
            }
        }
    }

    internal static class NamespaceWalk
    {
        public static System.Collections.Generic.IEnumerable<INamedTypeSymbol> GetNamespaceMembersAndTypesRecursively(this INamespaceSymbol ns)
        {
            foreach (INamespaceOrTypeSymbol member in ns.GetMembers())
            {
                if (member is INamespaceSymbol child)
                {
                    foreach (INamedTypeSymbol type in child.GetNamespaceMembersAndTypesRecursively())
                    {
                        yield return type;
                    }
                }
                else if (member is INamedTypeSymbol type)
                {
                    yield return type;
                    foreach (INamedTypeSymbol nested in type.GetTypeMembers())
                    {
                        yield return nested;
                    }
                }
            }
        }
    }
}
