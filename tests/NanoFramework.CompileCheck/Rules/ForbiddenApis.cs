using Microsoft.CodeAnalysis;

namespace NanoFramework.CompileCheck.Rules
{
    /// <summary>
    /// APIs that nanoFramework's real mscorlib 1.17 declares but that the board code must not
    /// use (DESIGN.md), each with the reason and the fix rule NF0008 reports. The hand-written
    /// surface used to leave them out; with the real mscorlib the analyzer has to refuse them.
    /// </summary>
    internal static class ForbiddenApis
    {
        private const string Reflection = "reflection is not used on the board (DESIGN.md): it needs the metadata nanoFramework may strip, and it is slow in the interpreter; pass the object or a delegate instead";
        private const string Spinning = "nothing may spin in managed code (DESIGN.md): threads are cooperative on the device; wait on a WaitHandle or an event";
        private const string Span = "no span types on the board (DESIGN.md); use an array with offset and count";
        private const string Console = "Console writes to the debug channel, which the link may share; report through the link or Debug.WriteLine";

        /// <summary>Why the symbol is forbidden, or null when it may be used.</summary>
        public static string? Reason(ISymbol symbol)
        {
            INamedTypeSymbol? type = symbol as INamedTypeSymbol ?? symbol.ContainingType;
            if (type == null)
            {
                return null;
            }

            string typeName = type.OriginalDefinition.ToDisplayString();
            string member = symbol is INamedTypeSymbol ? string.Empty : symbol.Name;

            if (IsIn(type, "System.Reflection") && !type.Name.EndsWith("Attribute", System.StringComparison.Ordinal))
            {
                return Reflection;
            }

            switch (typeName)
            {
                case "System.Type":
                    // typeof(X) binds to Type.GetTypeFromHandle; naming the type is harmless.
                    return member.Length == 0 || member == "GetTypeFromHandle" ? null : Reflection;
                case "object":
                    return member == "GetType" ? Reflection : null;
                case "System.Threading.SpinWait":
                    return Spinning;
                case "System.Threading.Thread":
                    return member == "SpinWait" ? Spinning : null;
                case "System.SpanByte":
                    return Span;
                case "System.Console":
                    return Console;
                default:
                    return null;
            }
        }

        private static bool IsIn(INamedTypeSymbol type, string ns)
        {
            string name = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            return name == ns || name.StartsWith(ns + ".", System.StringComparison.Ordinal);
        }
    }
}
