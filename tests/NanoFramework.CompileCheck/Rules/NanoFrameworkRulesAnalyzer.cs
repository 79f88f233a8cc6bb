using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace NanoFramework.CompileCheck.Rules
{
    /// <summary>
    /// The nanoFramework 1.x rules that the libraries alone cannot enforce: constructs that need
    /// no library type to compile (the C# compiler accepts them, the device does not run them),
    /// and APIs that the real mscorlib 1.17 does declare but that DESIGN.md forbids on the board
    /// (reflection, spinning, SpanByte, Console, its few generic delegates). Every report is an
    /// error at the offending token, with the fix in the message. Constructs that need a library
    /// type nanoFramework lacks (Nullable&lt;T&gt;, Task, Span&lt;T&gt;, ValueTuple, iterators'
    /// IEnumerable&lt;T&gt;...) already fail to compile and need no rule here.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NanoFrameworkRulesAnalyzer : DiagnosticAnalyzer
    {
        private const string Category = "nanoFramework";

        public static readonly DiagnosticDescriptor GenericTypeParameter = new DiagnosticDescriptor(
            "NF0001",
            "Generic type parameter",
            "generic type parameter on '{0}': nanoFramework 1.x has no generics; use object or a concrete type",
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor MultidimensionalArray = new DiagnosticDescriptor(
            "NF0002",
            "Multidimensional array",
            "multidimensional array '{0}': nanoFramework 1.x has single-dimension arrays only; use a flat array indexed row * width + column, or a jagged array",
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor UnsafeCode = new DiagnosticDescriptor(
            "NF0003",
            "Unsafe code",
            "unsafe code ({0}): nanoFramework 1.x runs verifiable code only; use arrays with offset and count, and native interop for raw memory",
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor AsyncAwait = new DiagnosticDescriptor(
            "NF0004",
            "async/await",
            "{0}: nanoFramework 1.x has no Task and no async support; use a Thread and a WaitHandle (AutoResetEvent)",
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor QuerySyntax = new DiagnosticDescriptor(
            "NF0005",
            "LINQ query syntax",
            "LINQ query expression: nanoFramework 1.x has no LINQ; write the loop over the array",
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor EnumToString = new DiagnosticDescriptor(
            "NF0006",
            "Enum to string",
            "enum '{0}' turned into text: nanoFramework needs reflection metadata for enum names and prints a number or fails; map the value to a string with a switch",
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor VolatileField = new DiagnosticDescriptor(
            "NF0007",
            "volatile field",
            "volatile field: nanoFramework 1.x's mscorlib has no System.Runtime.CompilerServices.IsVolatile, so the field cannot be emitted (the compiler's CS0518 for it names no line); guard the field with lock or Interlocked",
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor ForbiddenApi = new DiagnosticDescriptor(
            "NF0008",
            "API the board code must not use",
            "'{0}': {1}",
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor GenericUse = new DiagnosticDescriptor(
            "NF0009",
            "Generic type or method used",
            "generic '{0}': nanoFramework 1.x firmware runs no generics although mscorlib 1.17 declares a few generic delegates; declare a non-generic delegate or use object",
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            GenericTypeParameter,
            MultidimensionalArray,
            UnsafeCode,
            AsyncAwait,
            QuerySyntax,
            EnumToString,
            VolatileField,
            ForbiddenApi,
            GenericUse);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();

            context.RegisterSyntaxNodeAction(AnalyzeTypeParameterList, SyntaxKind.TypeParameterList);
            context.RegisterSyntaxNodeAction(AnalyzeArrayRank, SyntaxKind.ArrayRankSpecifier);
            context.RegisterSyntaxNodeAction(
                AnalyzeUnsafe,
                SyntaxKind.UnsafeStatement,
                SyntaxKind.FixedStatement,
                SyntaxKind.PointerType,
                SyntaxKind.FunctionPointerType,
                SyntaxKind.StackAllocArrayCreationExpression,
                SyntaxKind.ImplicitStackAllocArrayCreationExpression,
                SyntaxKind.AddressOfExpression,
                SyntaxKind.PointerIndirectionExpression,
                SyntaxKind.PointerMemberAccessExpression,
                SyntaxKind.SizeOfExpression);
            context.RegisterSyntaxNodeAction(AnalyzeAwait, SyntaxKind.AwaitExpression);
            context.RegisterSyntaxNodeAction(AnalyzeQuery, SyntaxKind.QueryExpression);
            context.RegisterSyntaxNodeAction(AnalyzeModifiers, ModifierOwners);
            context.RegisterSyntaxNodeAction(AnalyzeInvocation, SyntaxKind.InvocationExpression);
            context.RegisterSyntaxNodeAction(AnalyzeAddition, SyntaxKind.AddExpression, SyntaxKind.AddAssignmentExpression);
            context.RegisterSyntaxNodeAction(AnalyzeInterpolation, SyntaxKind.Interpolation);
            context.RegisterSyntaxNodeAction(AnalyzeName, SyntaxKind.IdentifierName, SyntaxKind.GenericName);
        }

        /// <summary>Declarations that can carry the <c>unsafe</c>, <c>async</c> or <c>volatile</c> modifier.</summary>
        private static readonly SyntaxKind[] ModifierOwners =
        {
            SyntaxKind.ClassDeclaration,
            SyntaxKind.StructDeclaration,
            SyntaxKind.InterfaceDeclaration,
            SyntaxKind.RecordDeclaration,
            SyntaxKind.RecordStructDeclaration,
            SyntaxKind.MethodDeclaration,
            SyntaxKind.ConstructorDeclaration,
            SyntaxKind.DestructorDeclaration,
            SyntaxKind.OperatorDeclaration,
            SyntaxKind.ConversionOperatorDeclaration,
            SyntaxKind.PropertyDeclaration,
            SyntaxKind.IndexerDeclaration,
            SyntaxKind.EventDeclaration,
            SyntaxKind.FieldDeclaration,
            SyntaxKind.EventFieldDeclaration,
            SyntaxKind.DelegateDeclaration,
            SyntaxKind.LocalFunctionStatement,
            SyntaxKind.ParenthesizedLambdaExpression,
            SyntaxKind.SimpleLambdaExpression,
            SyntaxKind.AnonymousMethodExpression,
        };

        private static void AnalyzeTypeParameterList(SyntaxNodeAnalysisContext context)
        {
            var list = (TypeParameterListSyntax)context.Node;
            context.ReportDiagnostic(Diagnostic.Create(GenericTypeParameter, list.GetLocation(), DeclaredName(list.Parent)));
        }

        private static void AnalyzeArrayRank(SyntaxNodeAnalysisContext context)
        {
            var rank = (ArrayRankSpecifierSyntax)context.Node;
            if (rank.Rank > 1)
            {
                SyntaxNode shown = rank.Parent ?? rank;
                if (shown.Parent is ArrayCreationExpressionSyntax creation)
                {
                    shown = creation;
                }

                context.ReportDiagnostic(Diagnostic.Create(MultidimensionalArray, rank.GetLocation(), Abbreviate(shown.ToString())));
            }
        }

        private static void AnalyzeUnsafe(SyntaxNodeAnalysisContext context)
        {
            string what;
            switch (context.Node.Kind())
            {
                case SyntaxKind.UnsafeStatement: what = "unsafe block"; break;
                case SyntaxKind.FixedStatement: what = "fixed statement"; break;
                case SyntaxKind.PointerType: what = "pointer type " + context.Node; break;
                case SyntaxKind.FunctionPointerType: what = "function pointer"; break;
                case SyntaxKind.StackAllocArrayCreationExpression:
                case SyntaxKind.ImplicitStackAllocArrayCreationExpression: what = "stackalloc"; break;
                case SyntaxKind.AddressOfExpression: what = "address-of operator"; break;
                case SyntaxKind.PointerIndirectionExpression:
                case SyntaxKind.PointerMemberAccessExpression: what = "pointer dereference"; break;
                default: what = "sizeof"; break;
            }

            // sizeof of a primitive is a compile-time constant and legal in safe code; sizeof of
            // anything else needs unsafe code.
            if (context.Node.IsKind(SyntaxKind.SizeOfExpression) && context.SemanticModel.GetConstantValue(context.Node, context.CancellationToken).HasValue)
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(UnsafeCode, context.Node.GetLocation(), what));
        }

        private static void AnalyzeModifiers(SyntaxNodeAnalysisContext context)
        {
            SyntaxTokenList modifiers;
            switch (context.Node)
            {
                case MemberDeclarationSyntax member: modifiers = member.Modifiers; break;
                case LocalFunctionStatementSyntax local: modifiers = local.Modifiers; break;
                case AnonymousFunctionExpressionSyntax lambda: modifiers = lambda.Modifiers; break;
                default: return;
            }

            foreach (SyntaxToken modifier in modifiers)
            {
                if (modifier.IsKind(SyntaxKind.UnsafeKeyword))
                {
                    context.ReportDiagnostic(Diagnostic.Create(UnsafeCode, modifier.GetLocation(), "unsafe modifier"));
                }
                else if (modifier.IsKind(SyntaxKind.AsyncKeyword))
                {
                    context.ReportDiagnostic(Diagnostic.Create(AsyncAwait, modifier.GetLocation(), "async method"));
                }
                else if (modifier.IsKind(SyntaxKind.VolatileKeyword))
                {
                    context.ReportDiagnostic(Diagnostic.Create(VolatileField, modifier.GetLocation()));
                }
            }
        }

        private static void AnalyzeAwait(SyntaxNodeAnalysisContext context)
        {
            context.ReportDiagnostic(Diagnostic.Create(AsyncAwait, context.Node.GetFirstToken().GetLocation(), "await"));
        }

        private static void AnalyzeQuery(SyntaxNodeAnalysisContext context)
        {
            context.ReportDiagnostic(Diagnostic.Create(QuerySyntax, context.Node.GetFirstToken().GetLocation()));
        }

        // value.ToString() (with or without a format) on an enum.
        private static void AnalyzeInvocation(SyntaxNodeAnalysisContext context)
        {
            var invocation = (InvocationExpressionSyntax)context.Node;
            if (!(invocation.Expression is MemberAccessExpressionSyntax access) || access.Name.Identifier.ValueText != "ToString")
            {
                return;
            }

            ITypeSymbol? receiver = context.SemanticModel.GetTypeInfo(access.Expression, context.CancellationToken).Type;
            if (IsEnum(receiver))
            {
                context.ReportDiagnostic(Diagnostic.Create(EnumToString, invocation.GetLocation(), receiver!.Name));
            }
        }

        // "text" + value, where the compiler calls ToString on the enum behind the scenes.
        private static void AnalyzeAddition(SyntaxNodeAnalysisContext context)
        {
            ExpressionSyntax left;
            ExpressionSyntax right;
            if (context.Node is BinaryExpressionSyntax binary)
            {
                left = binary.Left;
                right = binary.Right;
            }
            else if (context.Node is AssignmentExpressionSyntax assignment)
            {
                left = assignment.Left;
                right = assignment.Right;
            }
            else
            {
                return;
            }

            ITypeSymbol? leftType = context.SemanticModel.GetTypeInfo(left, context.CancellationToken).Type;
            ITypeSymbol? rightType = context.SemanticModel.GetTypeInfo(right, context.CancellationToken).Type;
            bool leftIsString = leftType != null && leftType.SpecialType == SpecialType.System_String;
            bool rightIsString = rightType != null && rightType.SpecialType == SpecialType.System_String;
            if (leftIsString && IsEnum(rightType))
            {
                context.ReportDiagnostic(Diagnostic.Create(EnumToString, right.GetLocation(), rightType!.Name));
            }
            else if (rightIsString && IsEnum(leftType))
            {
                context.ReportDiagnostic(Diagnostic.Create(EnumToString, left.GetLocation(), leftType!.Name));
            }
        }

        // $"... {value} ..." with an enum hole.
        private static void AnalyzeInterpolation(SyntaxNodeAnalysisContext context)
        {
            var hole = (InterpolationSyntax)context.Node;
            ITypeSymbol? type = context.SemanticModel.GetTypeInfo(hole.Expression, context.CancellationToken).Type;
            if (IsEnum(type))
            {
                context.ReportDiagnostic(Diagnostic.Create(EnumToString, hole.Expression.GetLocation(), type!.Name));
            }
        }

        // Every name that binds to a forbidden API or to a generic type or method. Names are
        // checked where they are written, so a forbidden call is reported once, at its name.
        private static void AnalyzeName(SyntaxNodeAnalysisContext context)
        {
            var name = (SimpleNameSyntax)context.Node;
            ISymbol? symbol = context.SemanticModel.GetSymbolInfo(name, context.CancellationToken).Symbol;
            if (symbol == null)
            {
                return;
            }

            if (symbol is IMethodSymbol method && method.MethodKind == MethodKind.Constructor)
            {
                symbol = method.ContainingType;
            }

            string? why = ForbiddenApis.Reason(symbol);
            if (why != null)
            {
                context.ReportDiagnostic(Diagnostic.Create(ForbiddenApi, name.GetLocation(), Describe(symbol), why));
                return;
            }

            if (IsGenericUse(symbol))
            {
                context.ReportDiagnostic(Diagnostic.Create(GenericUse, name.GetLocation(), symbol.ToDisplayString()));
            }
        }

        // A constructed generic type or method from a library; declaring one of our own is NF0001.
        private static bool IsGenericUse(ISymbol symbol)
        {
            switch (symbol)
            {
                case INamedTypeSymbol type: return type.IsGenericType && !IsInSource(type.OriginalDefinition);
                case IMethodSymbol method: return method.IsGenericMethod && !IsInSource(method.OriginalDefinition);
                default: return false;
            }
        }

        private static bool IsInSource(ISymbol symbol)
        {
            foreach (Location location in symbol.Locations)
            {
                if (location.IsInSource)
                {
                    return true;
                }
            }

            return false;
        }

        private static string Describe(ISymbol symbol)
        {
            if (symbol is INamedTypeSymbol)
            {
                return symbol.ToDisplayString();
            }

            return symbol.ContainingType != null ? symbol.ContainingType.ToDisplayString() + "." + symbol.Name : symbol.ToDisplayString();
        }

        private static bool IsEnum(ITypeSymbol? type)
        {
            return type != null && type.TypeKind == TypeKind.Enum;
        }

        private static string DeclaredName(SyntaxNode? declaration)
        {
            switch (declaration)
            {
                case BaseTypeDeclarationSyntax type: return type.Identifier.ValueText;
                case MethodDeclarationSyntax method: return method.Identifier.ValueText;
                case DelegateDeclarationSyntax del: return del.Identifier.ValueText;
                case LocalFunctionStatementSyntax local: return local.Identifier.ValueText;
                default: return declaration?.ToString() ?? "?";
            }
        }

        private static string Abbreviate(string text)
        {
            string oneLine = text.Replace("\r", " ").Replace("\n", " ");
            return oneLine.Length <= 60 ? oneLine : oneLine.Substring(0, 57) + "...";
        }
    }
}
