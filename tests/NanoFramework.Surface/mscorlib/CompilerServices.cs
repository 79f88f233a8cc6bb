// Declarations of the nanoFramework 1.x API surface the firmware may use; compile-time only.
// Source of the facts: nanoframework/CoreLibrary (mscorlib), System/Runtime/CompilerServices/
// (MethodImplAttribute.cs, MethodImplOptions.cs, RuntimeHelpers.cs, ExtensionAttribute.cs,
// InternalsVisibleToAttribute.cs, IndexerNameAttribute.cs, IsExternalInit.cs,
// RuntimeFeature.cs), System/Runtime/InteropServices/ (Attributes.cs, LayoutKind.cs,
// CharSet.cs, InAttribute.cs), System/Reflection/AssemblyAttributes.cs,
// DefaultMemberAttribute.cs, FieldReflectionAttributes.cs, System/TargetFrameworkAttribute.cs.
//
// Not in nanoFramework's mscorlib, hence not here: IsVolatile (so a volatile field does not
// compile), FieldOffsetAttribute, the interpolated-string handler, the async builders,
// System.Runtime.CompilerServices.Unsafe and every generic helper type.

namespace System.Runtime.CompilerServices
{
    [AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor, Inherited = false)]
    public sealed class MethodImplAttribute : Attribute
    {
        public extern MethodImplAttribute();

        public extern MethodImplAttribute(MethodImplOptions methodImplOptions);

        public extern MethodImplAttribute(short value);

        public extern MethodImplOptions Value { get; }
    }

    [Flags]
    public enum MethodImplOptions
    {
        Unmanaged = 0x0004,
        NoInlining = 0x0008,
        ForwardRef = 0x0010,
        Synchronized = 0x0020,
        PreserveSig = 0x0080,
        InternalCall = 0x1000,
    }

    public static class RuntimeHelpers
    {
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern void InitializeArray(Array array, RuntimeFieldHandle fldHandle);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern object GetObjectValue(object obj);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern void RunClassConstructor(RuntimeTypeHandle type);

        public static extern int OffsetToStringData
        {
            [MethodImpl(MethodImplOptions.InternalCall)]
            get;
        }
    }

    [AttributeUsage(AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Assembly)]
    public sealed class ExtensionAttribute : Attribute
    {
        public extern ExtensionAttribute();
    }

    [AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
    public sealed class InternalsVisibleToAttribute : Attribute
    {
        public extern InternalsVisibleToAttribute(string assemblyName);

        public extern string AssemblyName { get; }
    }

    [AttributeUsage(AttributeTargets.Property, Inherited = true)]
    public sealed class IndexerNameAttribute : Attribute
    {
        public extern IndexerNameAttribute(string indexerName);
    }

    // Lets init-only setters compile; nanoFramework's mscorlib declares it for that purpose.
    public static class IsExternalInit
    {
    }

    public static class RuntimeFeature
    {
        // nanoFramework's mscorlib reports default interface implementations as supported, so
        // the compiler accepts them; nothing else (covariant returns, static abstract members,
        // byref fields...) is declared.
        public const string DefaultImplementationsOfInterfaces = nameof(DefaultImplementationsOfInterfaces);

        public static extern bool IsSupported(string feature);
    }
}

namespace System.Runtime.InteropServices
{
    public enum LayoutKind
    {
        Sequential = 0,
        Explicit = 2,
        Auto = 3,
    }

    public enum CharSet
    {
        None = 1,
        Ansi = 2,
        Unicode = 3,
        Auto = 4,
    }

    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
    public sealed class StructLayoutAttribute : Attribute
    {
        public int Pack;
        public int Size;
        public CharSet CharSet;

        public extern StructLayoutAttribute(LayoutKind layoutKind);

        public extern StructLayoutAttribute(short layoutKind);

        public extern LayoutKind Value { get; }
    }

    [AttributeUsage(AttributeTargets.Parameter)]
    public sealed class OutAttribute : Attribute
    {
        public extern OutAttribute();
    }

    [AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
    public sealed class InAttribute : Attribute
    {
        public extern InAttribute();
    }

    [AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Interface | AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Delegate | AttributeTargets.Enum | AttributeTargets.Field | AttributeTargets.Method | AttributeTargets.Property, Inherited = false)]
    public sealed class ComVisibleAttribute : Attribute
    {
        public extern ComVisibleAttribute(bool visibility);

        public extern bool Value { get; }
    }

    [AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Interface | AttributeTargets.Class | AttributeTargets.Enum | AttributeTargets.Struct | AttributeTargets.Delegate, Inherited = false)]
    public sealed class GuidAttribute : Attribute
    {
        public extern GuidAttribute(string guid);

        public extern string Value { get; }
    }
}

namespace System.Reflection
{
    // The assembly-level attributes that project templates and the SDK emit. Attributes only:
    // the reflection API (Assembly, MemberInfo, MethodInfo, ...) is deliberately absent.
    [AttributeUsage(AttributeTargets.Assembly, Inherited = false)]
    public sealed class AssemblyVersionAttribute : Attribute
    {
        public extern AssemblyVersionAttribute(string version);

        public extern string Version { get; }
    }

    [AttributeUsage(AttributeTargets.Assembly, Inherited = false)]
    public sealed class AssemblyFileVersionAttribute : Attribute
    {
        public extern AssemblyFileVersionAttribute(string version);

        public extern string Version { get; }
    }

    [AttributeUsage(AttributeTargets.Assembly, Inherited = false)]
    public sealed class AssemblyInformationalVersionAttribute : Attribute
    {
        public extern AssemblyInformationalVersionAttribute(string informationalVersion);

        public extern string InformationalVersion { get; }
    }

    [AttributeUsage(AttributeTargets.Assembly, Inherited = false)]
    public sealed class AssemblyTitleAttribute : Attribute
    {
        public extern AssemblyTitleAttribute(string title);

        public extern string Title { get; }
    }

    [AttributeUsage(AttributeTargets.Assembly, Inherited = false)]
    public sealed class AssemblyDescriptionAttribute : Attribute
    {
        public extern AssemblyDescriptionAttribute(string description);

        public extern string Description { get; }
    }

    [AttributeUsage(AttributeTargets.Assembly, Inherited = false)]
    public sealed class AssemblyConfigurationAttribute : Attribute
    {
        public extern AssemblyConfigurationAttribute(string configuration);

        public extern string Configuration { get; }
    }

    [AttributeUsage(AttributeTargets.Assembly, Inherited = false)]
    public sealed class AssemblyCompanyAttribute : Attribute
    {
        public extern AssemblyCompanyAttribute(string company);

        public extern string Company { get; }
    }

    [AttributeUsage(AttributeTargets.Assembly, Inherited = false)]
    public sealed class AssemblyProductAttribute : Attribute
    {
        public extern AssemblyProductAttribute(string product);

        public extern string Product { get; }
    }

    [AttributeUsage(AttributeTargets.Assembly, Inherited = false)]
    public sealed class AssemblyCopyrightAttribute : Attribute
    {
        public extern AssemblyCopyrightAttribute(string copyright);

        public extern string Copyright { get; }
    }

    [AttributeUsage(AttributeTargets.Assembly, Inherited = false)]
    public sealed class AssemblyTrademarkAttribute : Attribute
    {
        public extern AssemblyTrademarkAttribute(string trademark);

        public extern string Trademark { get; }
    }

    [AttributeUsage(AttributeTargets.Assembly, Inherited = false)]
    public sealed class AssemblyCultureAttribute : Attribute
    {
        public extern AssemblyCultureAttribute(string culture);

        public extern string Culture { get; }
    }

    // nanoFramework-specific: the version of the native part an assembly with InternalCall
    // members expects to find in the firmware image.
    [AttributeUsage(AttributeTargets.Assembly, Inherited = false)]
    public sealed class AssemblyNativeVersionAttribute : Attribute
    {
        public extern AssemblyNativeVersionAttribute(string version);

        public extern string NativeVersion { get; }
    }

    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Interface)]
    public sealed class DefaultMemberAttribute : Attribute
    {
        public extern DefaultMemberAttribute(string memberName);

        public extern string MemberName { get; }
    }

    // nanoFramework-specific: keeps a field out of the reflection metadata on the device.
    [AttributeUsage(AttributeTargets.Field)]
    public sealed class FieldNoReflectionAttribute : Attribute
    {
        public extern FieldNoReflectionAttribute();
    }
}

namespace System.Runtime.Versioning
{
    [AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false, Inherited = false)]
    public sealed class TargetFrameworkAttribute : Attribute
    {
        public extern TargetFrameworkAttribute(string frameworkName);

        public extern string FrameworkName { get; }

        public extern string FrameworkDisplayName { get; set; }
    }
}
