// Declarations of the nanoFramework 1.x API surface the firmware may use; compile-time only.
// Source of the facts: nanoframework/CoreLibrary (mscorlib), System/Diagnostics/Debug.cs,
// Debugger.cs, ConditionalAttribute.cs, DebuggerAttributes.cs. There is no Stopwatch, Trace,
// Process or StackTrace class: time is measured with the HAL clock (IHalClock).

namespace System.Diagnostics
{
    public static class Debug
    {
        [Conditional("DEBUG")]
        public static extern void Assert(bool condition);

        [Conditional("DEBUG")]
        public static extern void Assert(bool condition, string message);

        [Conditional("DEBUG")]
        public static extern void Assert(bool condition, string message, string detailedMessage);

        [Conditional("DEBUG")]
        public static extern void Write(string message);

        [Conditional("DEBUG")]
        public static extern void WriteLine(string message);
    }

    public static class Debugger
    {
        public static extern bool IsAttached
        {
            [Runtime.CompilerServices.MethodImpl(Runtime.CompilerServices.MethodImplOptions.InternalCall)]
            get;
        }

        [Runtime.CompilerServices.MethodImpl(Runtime.CompilerServices.MethodImplOptions.InternalCall)]
        public static extern void Break();
    }

    [AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = true)]
    public sealed class ConditionalAttribute : Attribute
    {
        public extern ConditionalAttribute(string conditionString);

        public extern string ConditionString { get; }
    }

    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Method | AttributeTargets.Constructor, Inherited = false)]
    public sealed class DebuggerStepThroughAttribute : Attribute
    {
        public extern DebuggerStepThroughAttribute();
    }

    [AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor, Inherited = false)]
    public sealed class DebuggerStepperBoundaryAttribute : Attribute
    {
        public extern DebuggerStepperBoundaryAttribute();
    }

    [AttributeUsage(AttributeTargets.Method | AttributeTargets.Property | AttributeTargets.Constructor, Inherited = false)]
    public sealed class DebuggerHiddenAttribute : Attribute
    {
        public extern DebuggerHiddenAttribute();
    }

    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Method | AttributeTargets.Property | AttributeTargets.Constructor | AttributeTargets.Struct, Inherited = false)]
    public sealed class DebuggerNonUserCodeAttribute : Attribute
    {
        public extern DebuggerNonUserCodeAttribute();
    }

    // Emitted by the compiler on debug builds.
    [AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Module)]
    public sealed class DebuggableAttribute : Attribute
    {
        [Flags]
        public enum DebuggingModes
        {
            None = 0x0,
            Default = 0x1,
            IgnoreSymbolStoreSequencePoints = 0x2,
            EnableEditAndContinue = 0x4,
            DisableOptimizations = 0x100,
        }

        public extern DebuggableAttribute(bool isJITTrackingEnabled, bool isJITOptimizerDisabled);

        public extern DebuggableAttribute(DebuggingModes modes);

        public extern bool IsJITTrackingEnabled { get; }

        public extern bool IsJITOptimizerDisabled { get; }

        public extern DebuggingModes DebuggingFlags { get; }
    }

    public enum DebuggerBrowsableState
    {
        Never = 0,
        Collapsed = 2,
        RootHidden = 3,
    }

    [AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
    public sealed class DebuggerBrowsableAttribute : Attribute
    {
        public extern DebuggerBrowsableAttribute(DebuggerBrowsableState state);

        public extern DebuggerBrowsableState State { get; }
    }
}
