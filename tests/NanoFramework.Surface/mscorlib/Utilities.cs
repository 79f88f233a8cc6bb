// Declarations of the nanoFramework 1.x API surface the firmware may use; compile-time only.
// Sources of the facts: nanoframework/CoreLibrary (mscorlib), System/GC.cs, BitConverter.cs,
// Convert.cs, Random.cs, Guid.cs; and nanoframework/System.Math (package
// nanoFramework.System.Math), Math.cs. mscorlib has no public Math of its own and no Buffer
// class at all: copy arrays with Array.Copy.

using System.Runtime.CompilerServices;

namespace System
{
    public static class GC
    {
        public static extern void WaitForPendingFinalizers();

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern void SuppressFinalize(object obj);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern void ReRegisterForFinalize(object obj);
    }

    public static class BitConverter
    {
        public static extern bool IsLittleEndian
        {
            [MethodImpl(MethodImplOptions.InternalCall)]
            get;
        }

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern long DoubleToInt64Bits(double value);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern double Int64BitsToDouble(long value);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern byte[] GetBytes(bool value);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern byte[] GetBytes(char value);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern byte[] GetBytes(double value);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern byte[] GetBytes(float value);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern byte[] GetBytes(int value);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern byte[] GetBytes(long value);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern byte[] GetBytes(short value);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern byte[] GetBytes(uint value);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern byte[] GetBytes(ulong value);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern byte[] GetBytes(ushort value);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern bool ToBoolean(byte[] value, int startIndex);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern char ToChar(byte[] value, int startIndex);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern double ToDouble(byte[] value, int startIndex);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern short ToInt16(byte[] value, int startIndex);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int ToInt32(byte[] value, int startIndex);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern long ToInt64(byte[] value, int startIndex);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern float ToSingle(byte[] value, int startIndex);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern ushort ToUInt16(byte[] value, int startIndex);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern uint ToUInt32(byte[] value, int startIndex);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern ulong ToUInt64(byte[] value, int startIndex);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern string ToString(byte[] value);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern string ToString(byte[] value, int startIndex);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern string ToString(byte[] value, int startIndex, int length);
    }

    public static class Convert
    {
        public static extern bool ToBoolean(byte value);

        public static extern char ToChar(ushort value);

        public static extern sbyte ToSByte(string value, int fromBase = 10);

        public static extern byte ToByte(string value, int fromBase = 10);

        public static extern byte ToByte(bool value);

        public static extern short ToInt16(string value, int fromBase = 10);

        public static extern ushort ToUInt16(string value, int fromBase = 10);

        public static extern int ToInt32(string value, int fromBase = 10);

        public static extern uint ToUInt32(string value, int fromBase = 10);

        public static extern long ToInt64(string value, int fromBase = 10);

        public static extern ulong ToUInt64(string value, int fromBase = 10);

        public static extern double ToDouble(string value);

        public static extern string ToBase64String(byte[] inArray);

        public static extern string ToBase64String(byte[] inArray, int offset, int length);

        public static extern byte[] FromBase64String(string inString);
    }

    public class Random
    {
        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern Random();

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern Random(int seed);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public virtual extern int Next();

        [MethodImpl(MethodImplOptions.InternalCall)]
        public virtual extern int Next(int maxValue);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public virtual extern double NextDouble();

        [MethodImpl(MethodImplOptions.InternalCall)]
        public virtual extern void NextBytes(byte[] buffer);
    }

    public struct Guid
    {
        public static readonly Guid Empty;

        public extern Guid(byte[] b);

        public extern Guid(string g);

        public static extern Guid NewGuid();

        public extern byte[] ToByteArray();

        public override extern string ToString();

        public override extern bool Equals(object o);

        public override extern int GetHashCode();

        public extern int CompareTo(object value);

        public static extern bool operator ==(Guid a, Guid b);

        public static extern bool operator !=(Guid a, Guid b);
    }

    // From the nanoFramework.System.Math package. Only the overloads confirmed there are
    // declared; the double versions may be missing on firmware built for a single-precision FPU.
    public static class Math
    {
        public const double PI = 3.14159265358979323846;
        public const double E = 2.7182818284590452354;

        public static extern int Abs(int val);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern double Abs(double val);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern float Abs(float val);

        public static extern int Max(int val1, int val2);

        public static extern int Min(int val1, int val2);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern double Ceiling(double d);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern double Floor(double d);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern double Round(double d);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern double Sqrt(double d);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern double Pow(double x, double y);
    }
}
