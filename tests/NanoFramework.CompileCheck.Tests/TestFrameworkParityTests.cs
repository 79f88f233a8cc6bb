using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Xunit;

namespace NanoFramework.CompileCheck.Tests
{
    /// <summary>
    /// The self-tests compile against our declarations of nanoFramework.TestFramework on the board
    /// side and run against hal/NanoFramework.TestFramework.Dotnet in CI: both must offer the same
    /// public types and members, or a test could build for one and not the other.
    /// </summary>
    public class TestFrameworkParityTests
    {
        private static readonly string[] Namespaces = { "nanoFramework.TestFramework", "TestFrameworkShared" };

        [Fact]
        public void TheDotnetImplementationOffersExactlyTheDeclaredApi()
        {
            SortedSet<string> declared = Declared();
            SortedSet<string> implemented = Implemented();

            Assert.Contains("nanoFramework.TestFramework.Assert.AreEqual(int, int, string)", declared);
            Assert.True(declared.SetEquals(implemented),
                "declared only: " + string.Join("; ", declared.Except(implemented)) + "\nimplemented only: " + string.Join("; ", implemented.Except(declared)));
        }

        private static SortedSet<string> Declared()
        {
            var result = new SortedSet<string>(StringComparer.Ordinal);
            foreach (INamedTypeSymbol type in NanoCompiler.SurfaceAssembly.Compilation.Assembly.GlobalNamespace.GetNamespaceMembersAndTypesRecursively())
            {
                if (type.DeclaredAccessibility != Accessibility.Public || Array.IndexOf(Namespaces, type.ContainingNamespace.ToDisplayString()) < 0)
                {
                    continue;
                }

                string name = type.ToDisplayString();
                result.Add(name);
                foreach (IMethodSymbol m in type.GetMembers().OfType<IMethodSymbol>())
                {
                    if (m.DeclaredAccessibility != Accessibility.Public || m.MethodKind is not (MethodKind.Ordinary or MethodKind.Constructor) || (m.IsImplicitlyDeclared && m.MethodKind != MethodKind.Constructor))
                    {
                        continue;
                    }

                    string parameters = string.Join(", ", m.Parameters.Select(p => Keyword(p.Type.ToDisplayString().TrimEnd('?'))));
                    result.Add(name + "." + (m.MethodKind == MethodKind.Constructor ? ".ctor" : m.Name) + "(" + parameters + ")");
                }
            }

            return result;
        }

        private static SortedSet<string> Implemented()
        {
            var result = new SortedSet<string>(StringComparer.Ordinal);
            Assembly assembly = typeof(nanoFramework.TestFramework.Assert).Assembly;
            foreach (Type type in assembly.GetExportedTypes())
            {
                if (Array.IndexOf(Namespaces, type.Namespace) < 0)
                {
                    continue;
                }

                string name = type.FullName!;
                result.Add(name);
                foreach (MethodBase m in type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly).Cast<MethodBase>()
                             .Concat(type.GetConstructors()))
                {
                    if (m.IsSpecialName && !m.IsConstructor)
                    {
                        continue;
                    }

                    string parameters = string.Join(", ", m.GetParameters().Select(p => Keyword(p.ParameterType.FullName!)));
                    result.Add(name + "." + (m.IsConstructor ? ".ctor" : m.Name) + "(" + parameters + ")");
                }
            }

            return result;
        }

        private static string Keyword(string type) => type switch
        {
            "System.Boolean" => "bool",
            "System.Byte" => "byte",
            "System.Int32" => "int",
            "System.Int64" => "long",
            "System.UInt32" => "uint",
            "System.UInt64" => "ulong",
            "System.UInt16" => "ushort",
            "System.String" => "string",
            "System.Object" => "object",
            _ => type,
        };
    }
}
