// Declarations of the nanoFramework 1.x API surface the firmware may use; compile-time only.
// Source of the facts: nanoframework/CoreLibrary (mscorlib), System/Boolean.cs, Char.cs, SByte.cs,
// Byte.cs, Int16.cs, UInt16.cs, Int32.cs, UInt32.cs, Int64.cs, UInt64.cs, Single.cs, Double.cs,
// IntPtr.cs, UIntPtr.cs. Each integral type has ToString(), ToString(format), Parse and TryParse.

namespace System
{
    public struct Boolean
    {
        public static readonly string FalseString;
        public static readonly string TrueString;

        public override extern string ToString();
    }

    public struct Char
    {
        public const char MaxValue = (char)0xFFFF;
        public const char MinValue = (char)0x00;

        public override extern string ToString();
    }

    public struct SByte
    {
        public const sbyte MaxValue = 127;
        public const sbyte MinValue = -128;

        public override extern string ToString();

        public extern string ToString(string format);

        public static extern sbyte Parse(string s);

        public static extern bool TryParse(string s, out sbyte result);
    }

    public struct Byte
    {
        public const byte MaxValue = 0xFF;
        public const byte MinValue = 0;

        public override extern string ToString();

        public extern string ToString(string format);

        public static extern byte Parse(string s);

        public static extern bool TryParse(string s, out byte result);
    }

    public struct Int16
    {
        public const short MaxValue = 0x7FFF;
        public const short MinValue = unchecked((short)0x8000);

        public override extern string ToString();

        public extern string ToString(string format);

        public static extern short Parse(string s);

        public static extern bool TryParse(string s, out short result);
    }

    public struct UInt16
    {
        public const ushort MaxValue = 0xFFFF;
        public const ushort MinValue = 0;

        public override extern string ToString();

        public extern string ToString(string format);

        public static extern ushort Parse(string s);

        public static extern bool TryParse(string s, out ushort result);
    }

    public struct Int32
    {
        public const int MaxValue = 0x7FFFFFFF;
        public const int MinValue = unchecked((int)0x80000000);

        public override extern string ToString();

        public extern string ToString(string format);

        public static extern int Parse(string s);

        public static extern bool TryParse(string s, out int result);
    }

    public struct UInt32
    {
        public const uint MaxValue = 0xFFFFFFFF;
        public const uint MinValue = 0;

        public override extern string ToString();

        public extern string ToString(string format);

        public static extern uint Parse(string s);

        public static extern bool TryParse(string s, out uint result);
    }

    public struct Int64
    {
        public const long MaxValue = 0x7FFFFFFFFFFFFFFF;
        public const long MinValue = unchecked((long)0x8000000000000000);

        public override extern string ToString();

        public extern string ToString(string format);

        public static extern long Parse(string s);

        public static extern bool TryParse(string s, out long result);
    }

    public struct UInt64
    {
        public const ulong MaxValue = 0xFFFFFFFFFFFFFFFF;
        public const ulong MinValue = 0;

        public override extern string ToString();

        public extern string ToString(string format);

        public static extern ulong Parse(string s);

        public static extern bool TryParse(string s, out ulong result);
    }

    public struct Single
    {
        public const float MinValue = -3.40282347E+38f;
        public const float MaxValue = 3.40282347E+38f;
        public const float Epsilon = 1.401298E-45f;
        public const float NegativeInfinity = -1.0f / 0.0f;
        public const float PositiveInfinity = 1.0f / 0.0f;
        public const float NaN = 0.0f / 0.0f;

        public override extern string ToString();

        public extern string ToString(string format);
    }

    public struct Double
    {
        public const double MinValue = -1.7976931348623157E+308;
        public const double MaxValue = 1.7976931348623157E+308;
        public const double Epsilon = 4.9406564584124654E-324;
        public const double NegativeInfinity = -1.0 / 0.0;
        public const double PositiveInfinity = 1.0 / 0.0;
        public const double NaN = 0.0 / 0.0;

        public static extern bool IsNaN(double d);

        public static extern bool IsInfinity(double d);

        public static extern bool IsNegativeInfinity(double d);

        public static extern bool IsPositiveInfinity(double d);

        public override extern string ToString();

        public extern string ToString(string format);

        public static extern double Parse(string s);

        public static extern bool TryParse(string s, out double result);
    }

    public struct IntPtr
    {
    }

    public struct UIntPtr
    {
    }
}
