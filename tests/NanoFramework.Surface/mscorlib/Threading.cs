// Declarations of the nanoFramework 1.x API surface the firmware may use; compile-time only.
// Source of the facts: nanoframework/CoreLibrary (mscorlib), System/Threading/Thread.cs,
// ThreadStart.cs, ThreadPriority.cs, ThreadState.cs, Timeout.cs, Monitor.cs, Interlocked.cs,
// WaitHandle.cs, AutoResetEvent.cs, ManualResetEvent.cs, Timer.cs. Monitor has only Enter and
// Exit; Interlocked only works on int. There is no Task, ThreadPool, SemaphoreSlim,
// CancellationToken or Volatile class.

using System.Runtime.CompilerServices;

namespace System.Threading
{
    public delegate void ThreadStart();

    public enum ThreadPriority
    {
        Lowest = 0,
        BelowNormal = 1,
        Normal = 2,
        AboveNormal = 3,
        Highest = 4,
    }

    [Flags]
    public enum ThreadState
    {
        Running = 0,
        StopRequested = 1,
        SuspendRequested = 2,
        Background = 4,
        Unstarted = 8,
        Stopped = 16,
        WaitSleepJoin = 32,
        Suspended = 64,
        AbortRequested = 128,
        Aborted = 256,
    }

    public sealed class Thread
    {
        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern Thread(ThreadStart start);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern void Start();

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern void Abort();

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern void Suspend();

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern void Resume();

        public extern ThreadPriority Priority
        {
            [MethodImpl(MethodImplOptions.InternalCall)]
            get;
            [MethodImpl(MethodImplOptions.InternalCall)]
            set;
        }

        public extern int ManagedThreadId
        {
            [MethodImpl(MethodImplOptions.InternalCall)]
            get;
        }

        public extern bool IsAlive
        {
            [MethodImpl(MethodImplOptions.InternalCall)]
            get;
        }

        public extern ThreadState ThreadState
        {
            [MethodImpl(MethodImplOptions.InternalCall)]
            get;
        }

        public static extern Thread CurrentThread
        {
            [MethodImpl(MethodImplOptions.InternalCall)]
            get;
        }

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern void Join();

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern bool Join(int millisecondsTimeout);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern bool Join(TimeSpan timeout);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern void Sleep(int millisecondsTimeout);

        public static extern void Sleep(TimeSpan timeout);

        // Thread.SpinWait and the SpinWait struct exist in nanoFramework but are left out on
        // purpose: managed code must not spin on the device (DESIGN.md).
    }

    public static class Timeout
    {
        public const int Infinite = -1;

        public static readonly TimeSpan InfiniteTimeSpan;
    }

    public static class Monitor
    {
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern void Enter(object obj);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern void Exit(object obj);
    }

    public static class Interlocked
    {
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int Increment(ref int location);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int Decrement(ref int location);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int Exchange(ref int location1, int value);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int CompareExchange(ref int location1, int value, int comparand);
    }

    public abstract class WaitHandle : MarshalByRefObject
    {
        public const int WaitTimeout = 0x102;

        [MethodImpl(MethodImplOptions.InternalCall)]
        public virtual extern bool WaitOne(int millisecondsTimeout, bool exitContext);

        public virtual extern bool WaitOne();

        public static extern bool WaitAll(WaitHandle[] waitHandles, int millisecondsTimeout, bool exitContext);

        public static extern bool WaitAll(WaitHandle[] waitHandles);

        public static extern int WaitAny(WaitHandle[] waitHandles, int millisecondsTimeout, bool exitContext);

        public static extern int WaitAny(WaitHandle[] waitHandles);
    }

    public sealed class AutoResetEvent : WaitHandle
    {
        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern AutoResetEvent(bool initialState);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern bool Reset();

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern bool Set();
    }

    public sealed class ManualResetEvent : WaitHandle
    {
        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern ManualResetEvent(bool initialState);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern bool Reset();

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern bool Set();
    }

    public delegate void TimerCallback(object state);

    public sealed class Timer : MarshalByRefObject, IDisposable
    {
        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern Timer(TimerCallback callback, object state, int dueTime, int period);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern Timer(TimerCallback callback, object state, TimeSpan dueTime, TimeSpan period);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern bool Change(int dueTime, int period);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern bool Change(TimeSpan dueTime, TimeSpan period);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern void Dispose();
    }
}
