// Declarations of the nanoFramework 1.x API surface the firmware may use; compile-time only.
// Source of the facts: nanoframework/CoreLibrary (mscorlib), System/TimeSpan.cs, DateTime.cs,
// DayOfWeek.cs. nanoFramework's DateTime is UTC only: it has UtcNow but no Now.
// The firmware measures time with the HAL clock; these types serve timeouts and timestamps.

using System.Runtime.CompilerServices;

namespace System
{
    public struct TimeSpan
    {
        public const long TicksPerMillisecond = 10000;
        public const long TicksPerSecond = 10000000;
        public const long TicksPerMinute = 600000000;
        public const long TicksPerHour = 36000000000;
        public const long TicksPerDay = 864000000000;

        public static readonly TimeSpan Zero;
        public static readonly TimeSpan MaxValue;
        public static readonly TimeSpan MinValue;

        public extern TimeSpan(long ticks);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern TimeSpan(int hours, int minutes, int seconds);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern TimeSpan(int days, int hours, int minutes, int seconds);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern TimeSpan(int days, int hours, int minutes, int seconds, int milliseconds);

        public extern long Ticks { get; }

        public extern int Days { get; }

        public extern int Hours { get; }

        public extern int Milliseconds { get; }

        public extern int Minutes { get; }

        public extern int Seconds { get; }

        public extern double TotalDays { get; }

        public extern double TotalHours { get; }

        public extern double TotalMilliseconds { get; }

        public extern double TotalMinutes { get; }

        public extern double TotalSeconds { get; }

        public extern TimeSpan Add(TimeSpan ts);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int Compare(TimeSpan t1, TimeSpan t2);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern int CompareTo(object value);

        public extern TimeSpan Duration();

        [MethodImpl(MethodImplOptions.InternalCall)]
        public override extern bool Equals(object value);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern bool Equals(TimeSpan t1, TimeSpan t2);

        public override extern int GetHashCode();

        public extern TimeSpan Negate();

        public extern TimeSpan Subtract(TimeSpan ts);

        public static extern TimeSpan FromTicks(long value);

        public static extern TimeSpan FromMilliseconds(long value);

        public static extern TimeSpan FromSeconds(long value);

        public static extern TimeSpan FromMinutes(long value);

        public static extern TimeSpan FromHours(long value);

        public static extern TimeSpan FromDays(long value);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public override extern string ToString();

        public static extern TimeSpan operator -(TimeSpan t);

        public static extern TimeSpan operator -(TimeSpan t1, TimeSpan t2);

        public static extern TimeSpan operator +(TimeSpan t);

        public static extern TimeSpan operator +(TimeSpan t1, TimeSpan t2);

        public static extern bool operator ==(TimeSpan t1, TimeSpan t2);

        public static extern bool operator !=(TimeSpan t1, TimeSpan t2);

        public static extern bool operator <(TimeSpan t1, TimeSpan t2);

        public static extern bool operator <=(TimeSpan t1, TimeSpan t2);

        public static extern bool operator >(TimeSpan t1, TimeSpan t2);

        public static extern bool operator >=(TimeSpan t1, TimeSpan t2);
    }

    public enum DayOfWeek
    {
        Sunday = 0,
        Monday = 1,
        Tuesday = 2,
        Wednesday = 3,
        Thursday = 4,
        Friday = 5,
        Saturday = 6,
    }

    public enum DateTimeKind
    {
        Utc = 1,

        // nanoFramework keeps the member for source compatibility and makes using it an error.
        [Obsolete("nanoFramework doesn't support local time", true)]
        Local = 2,
    }

    public struct DateTime
    {
        public static readonly DateTime MinValue;
        public static readonly DateTime MaxValue;
        public static readonly DateTime UnixEpoch;

        public extern DateTime(long ticks);

        public extern DateTime(long ticks, DateTimeKind kind);

        public extern DateTime(int year, int month, int day);

        public extern DateTime(int year, int month, int day, int hour, int minute, int second);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern DateTime(int year, int month, int day, int hour, int minute, int second, int millisecond);

        public static extern DateTime UtcNow { get; }

        public static extern DateTime Today { get; }

        public extern DateTimeKind Kind { get; }

        public extern long Ticks { get; }

        public extern DateTime Date { get; }

        public extern int Year { get; }

        public extern int Month { get; }

        public extern int Day { get; }

        public extern int Hour { get; }

        public extern int Minute { get; }

        public extern int Second { get; }

        public extern int Millisecond { get; }

        public extern DayOfWeek DayOfWeek { get; }

        public extern int DayOfYear { get; }

        public extern TimeSpan TimeOfDay { get; }

        public extern DateTime Add(TimeSpan val);

        public extern DateTime AddDays(double val);

        public extern DateTime AddHours(double val);

        public extern DateTime AddMilliseconds(double val);

        public extern DateTime AddMinutes(double val);

        public extern DateTime AddSeconds(double val);

        public extern DateTime AddTicks(long val);

        public static extern int Compare(DateTime t1, DateTime t2);

        public extern int CompareTo(object val);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int DaysInMonth(int year, int month);

        public override extern bool Equals(object obj);

        public static extern bool Equals(DateTime t1, DateTime t2);

        public override extern int GetHashCode();

        public extern TimeSpan Subtract(DateTime val);

        public extern DateTime Subtract(TimeSpan val);

        public override extern string ToString();

        public extern string ToString(string format);

        public static extern DateTime Parse(string s);

        public static extern bool TryParse(string s, out DateTime result);

        public static extern DateTime FromUnixTimeSeconds(long seconds);

        public extern long ToUnixTimeSeconds();

        public static extern DateTime operator +(DateTime d, TimeSpan t);

        public static extern DateTime operator -(DateTime d, TimeSpan t);

        public static extern TimeSpan operator -(DateTime d1, DateTime d2);

        public static extern bool operator ==(DateTime d1, DateTime d2);

        public static extern bool operator !=(DateTime t1, DateTime t2);

        public static extern bool operator <(DateTime t1, DateTime t2);

        public static extern bool operator <=(DateTime t1, DateTime t2);

        public static extern bool operator >(DateTime t1, DateTime t2);

        public static extern bool operator >=(DateTime t1, DateTime t2);
    }
}
