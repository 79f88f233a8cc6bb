// Declarations of the nanoFramework 1.x API surface the firmware may use; compile-time only.
// Source of the facts: nanoframework/CoreLibrary (mscorlib), System/Exception.cs,
// SystemException.cs and the one file per exception type listed in CoreLibrary.nfproj.
// There is no AggregateException, OperationCanceledException or ArithmeticException there.

using System.Runtime.CompilerServices;

namespace System
{
    public class Exception
    {
        protected int HResult;

        public extern Exception();

        public extern Exception(string message);

        public extern Exception(string message, Exception innerException);

        public virtual extern string Message { get; }

        public extern Exception InnerException { get; }

        public virtual extern string StackTrace
        {
            [MethodImpl(MethodImplOptions.InternalCall)]
            get;
        }

        public override extern string ToString();
    }

    public class SystemException : Exception
    {
        public extern SystemException();

        public extern SystemException(string message);

        public extern SystemException(string message, Exception innerException);
    }

    public class ApplicationException : Exception
    {
        public extern ApplicationException();

        public extern ApplicationException(string message);

        public extern ApplicationException(string message, Exception innerException);
    }

    public class ArgumentException : SystemException
    {
        public extern ArgumentException();

        public extern ArgumentException(string message);

        public extern ArgumentException(string message, Exception innerException);

        public extern ArgumentException(string message, string paramName, Exception innerException);

        public extern ArgumentException(string message, string paramName);

        public override extern string Message { get; }

        public virtual extern string ParamName { get; }
    }

    public class ArgumentNullException : ArgumentException
    {
        public extern ArgumentNullException();

        public extern ArgumentNullException(string paramName);

        public extern ArgumentNullException(string paramName, string message);

        public extern ArgumentNullException(string message, Exception innerException);

        public static extern void ThrowIfNull(object argument, string paramName = null);
    }

    public class ArgumentOutOfRangeException : ArgumentException
    {
        public extern ArgumentOutOfRangeException();

        public extern ArgumentOutOfRangeException(string paramName);

        public extern ArgumentOutOfRangeException(string paramName, string message);
    }

    public class FormatException : SystemException
    {
        public extern FormatException();

        public extern FormatException(string message);

        public extern FormatException(string message, Exception innerException);
    }

    public sealed class IndexOutOfRangeException : SystemException
    {
        public extern IndexOutOfRangeException();

        public extern IndexOutOfRangeException(string message);

        public extern IndexOutOfRangeException(string message, Exception innerException);
    }

    public class InvalidCastException : SystemException
    {
        public extern InvalidCastException();

        public extern InvalidCastException(string message);

        public extern InvalidCastException(string message, Exception innerException);
    }

    public class InvalidOperationException : SystemException
    {
        public extern InvalidOperationException();

        public extern InvalidOperationException(string message);

        public extern InvalidOperationException(string message, Exception innerException);
    }

    public class NotImplementedException : SystemException
    {
        public extern NotImplementedException();

        public extern NotImplementedException(string message);

        public extern NotImplementedException(string message, Exception innerException);
    }

    public class NotSupportedException : SystemException
    {
        public extern NotSupportedException();

        public extern NotSupportedException(string message);

        public extern NotSupportedException(string message, Exception innerException);
    }

    public class PlatformNotSupportedException : NotSupportedException
    {
        public extern PlatformNotSupportedException();

        public extern PlatformNotSupportedException(string message);

        public extern PlatformNotSupportedException(string message, Exception inner);
    }

    public class NullReferenceException : SystemException
    {
        public extern NullReferenceException();

        public extern NullReferenceException(string message);

        public extern NullReferenceException(string message, Exception innerException);
    }

    public class ObjectDisposedException : InvalidOperationException
    {
        public extern ObjectDisposedException();

        public extern ObjectDisposedException(string objectName);

        public extern ObjectDisposedException(string objectName, string message);
    }

    public class OutOfMemoryException : SystemException
    {
        public extern OutOfMemoryException();

        public extern OutOfMemoryException(string message);

        public extern OutOfMemoryException(string message, Exception innerException);
    }

    public class TimeoutException : SystemException
    {
        public extern TimeoutException();

        public extern TimeoutException(string message);

        public extern TimeoutException(string message, Exception innerException);
    }
}

namespace System.IO
{
    public class IOException : SystemException
    {
        public extern IOException();

        public extern IOException(string message);

        public extern IOException(string message, Exception innerException);
    }
}

namespace System.Threading
{
    // Thrown by the runtime into a thread that is aborted; it has no public constructor.
    public sealed class ThreadAbortException : SystemException
    {
        private extern ThreadAbortException();
    }
}
