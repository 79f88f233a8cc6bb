using System;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace NanoFramework.CompileCheck.Tests
{
    /// <summary>
    /// The declarations of the nanoFramework libraries, and the real mscorlib they build on:
    /// declarations only, no generics, and the facts the board code relies on.
    /// </summary>
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
        public void SurfaceReferencesOnlyNanoFrameworksMscorlib()
        {
            byte[]? image = NanoCompiler.SurfaceAssembly.Image;
            Assert.NotNull(image);

            using var pe = new PEReader(new MemoryStream(image!));
            MetadataReader metadata = pe.GetMetadataReader();

            string[] references = metadata.AssemblyReferences
                .Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name))
                .ToArray();
            Assert.Equal(new[] { "mscorlib" }, references);
            bool definesObject = metadata.TypeDefinitions
                .Select(metadata.GetTypeDefinition)
                .Any(t => metadata.GetString(t.Namespace) == "System" && metadata.GetString(t.Name) == "Object");
            Assert.False(definesObject, "System.Object comes from nanoFramework's own mscorlib");
        }

        [Fact]
        public void MscorlibIsNanoFrameworksCoreLibrary()
        {
            // nanoFramework's mscorlib is its own core library (it references no other assembly)
            // and carries nanoFramework's native-version attribute; .NET's mscorlib is a facade.
            using var pe = new PEReader(File.OpenRead(NanoCompiler.MscorlibPath));
            MetadataReader metadata = pe.GetMetadataReader();

            Assert.Equal("mscorlib", metadata.GetString(metadata.GetAssemblyDefinition().Name));
            Assert.Empty(metadata.AssemblyReferences);
            Compilation compilation = Combined();
            Assert.NotNull(compilation.GetTypeByMetadataName("System.Reflection.AssemblyNativeVersionAttribute"));
            Assert.NotNull(compilation.GetTypeByMetadataName("System.SpanByte"));
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
        public void SurfaceDeclaresNothingMscorlibAlreadyHas()
        {
            Compilation mscorlibOnly = CSharpCompilation.Create("probe", references: new[] { NanoCompiler.MscorlibReference });
            var twice = NanoCompiler.SurfaceAssembly.Compilation.Assembly.GlobalNamespace
                .GetNamespaceMembersAndTypesRecursively()
                .Select(t => t.ToDisplayString())
                .Where(name => mscorlibOnly.GetTypeByMetadataName(name) != null)
                .ToList();

            Assert.True(twice.Count == 0, "declared by hand although mscorlib has it: " + string.Join(", ", twice));
        }

        [Fact]
        public void NanoFrameworkLacksWhatTheBoardCodeMustNotExpect()
        {
            Compilation combined = Combined();
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
                "System.Runtime.InteropServices.InAttribute",
                "System.Linq.Enumerable",
            };

            foreach (string name in absent)
            {
                Assert.True(combined.GetTypeByMetadataName(name) == null, name + " must not be declared: nanoFramework 1.x does not have it");
            }
        }

        // Members that .NET has and nanoFramework 1.x does not: code written from .NET habit
        // must fail here, not on a user's flash attempt.
        [Theory]
        [InlineData("System.IAsyncResult", "AsyncState")]
        [InlineData("System.IAsyncResult", "AsyncWaitHandle")]
        [InlineData("System.IAsyncResult", "CompletedSynchronously")]
        [InlineData("System.IAsyncResult", "IsCompleted")]
        [InlineData("System.AttributeTargets", "GenericParameter")]
        [InlineData("System.Guid", "op_Equality")]
        [InlineData("System.Guid", "op_Inequality")]
        [InlineData("System.Threading.Monitor", "TryEnter")]
        [InlineData("System.String", "Join")]
        [InlineData("System.DateTime", "Now")]
        [InlineData("System.IO.FileStream", "FilePath")]
        [InlineData("System.IO.Ports.SerialPort", "InfiniteTimeout")]
        [InlineData("System.IO.Ports.SerialPort", "DefaultNewLine")]
        public void MemberIsAbsent(string type, string member)
        {
            INamedTypeSymbol? symbol = Combined().GetTypeByMetadataName(type);

            Assert.NotNull(symbol);
            Assert.Empty(symbol!.GetMembers(member));
        }

        [Theory]
        [InlineData("System.IO.FileStream", "Name")]
        [InlineData("System.IO.Ports.SerialPort", "ReadTimeout")]
        [InlineData("nanoFramework.Runtime.Events.CustomEvent", "CustomEventPosted")]
        [InlineData("nanoFramework.TestFramework.Assert", "AreEqual")]
        public void MemberIsPresent(string type, string member)
        {
            INamedTypeSymbol? symbol = Combined().GetTypeByMetadataName(type);

            Assert.NotNull(symbol);
            Assert.NotEmpty(symbol!.GetMembers(member));
        }

        [Fact]
        public void ExceptionConstructorsAreNanoFrameworks()
        {
            Compilation combined = Combined();
            INamedTypeSymbol notSupported = combined.GetTypeByMetadataName("System.PlatformNotSupportedException")!;
            INamedTypeSymbol disposed = combined.GetTypeByMetadataName("System.ObjectDisposedException")!;

            Assert.All(notSupported.InstanceConstructors, c => Assert.Empty(c.Parameters));
            Assert.Equal("System.SystemException", disposed.BaseType!.ToDisplayString());
            Assert.DoesNotContain(disposed.InstanceConstructors, c => c.Parameters.Length == 2 && c.Parameters.All(p => p.Type.SpecialType == SpecialType.System_String));
        }

        private static Compilation Combined()
        {
            return CSharpCompilation.Create("probe", references: new[] { NanoCompiler.MscorlibReference, NanoCompiler.SurfaceAssembly.Reference });
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
