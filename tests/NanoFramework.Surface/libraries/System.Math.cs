// Declarations of the nanoFramework 1.x API surface the firmware may use; compile-time only.
// Source of the facts: nanoframework/System.Math (package nanoFramework.System.Math, 1.5.x),
// nanoFramework.System.Math/Math.cs. Not part of mscorlib 1.17.

using System.Runtime.CompilerServices;

namespace System
{
    // Only the overloads confirmed there are declared; the double versions may be missing on
    // firmware built for a single-precision FPU.
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
