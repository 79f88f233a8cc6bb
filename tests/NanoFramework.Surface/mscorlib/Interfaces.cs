// Declarations of the nanoFramework 1.x API surface the firmware may use; compile-time only.
// Source of the facts: nanoframework/CoreLibrary (mscorlib), System/IDisposable.cs,
// IComparable.cs, ICloneable.cs, IFormatProvider.cs, IFormattable.cs, IAsyncResult.cs,
// AsyncCallback.cs, EventArgs.cs, EventHandler.cs, Action.cs. All of them are non-generic:
// there is no IEquatable<T>, IComparable<T>, EventHandler<T>, Action<T> or Func<T>.

using System.Threading;

namespace System
{
    public interface IDisposable
    {
        void Dispose();
    }

    public interface IComparable
    {
        int CompareTo(object obj);
    }

    public interface ICloneable
    {
        object Clone();
    }

    public interface IFormatProvider
    {
        object GetFormat(Type formatType);
    }

    public interface IFormattable
    {
        string ToString(string format, IFormatProvider formatProvider);
    }

    public interface IAsyncResult
    {
        object AsyncState { get; }

        WaitHandle AsyncWaitHandle { get; }

        bool CompletedSynchronously { get; }

        bool IsCompleted { get; }
    }

    public delegate void AsyncCallback(IAsyncResult ar);

    public class EventArgs
    {
        public static readonly EventArgs Empty;

        public extern EventArgs();
    }

    public delegate void EventHandler(object sender, EventArgs e);

    public delegate void Action();
}
