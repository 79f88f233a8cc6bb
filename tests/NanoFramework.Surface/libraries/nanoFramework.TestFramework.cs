// Declarations of the nanoFramework 1.x API surface the firmware may use; compile-time only.
// Source of the facts: nanoframework/nanoFramework.TestFramework (package
// nanoFramework.TestFramework, 3.0.x), source/TestFrameworkShared/TestClassAttribute.cs,
// TestMethodAttribute.cs, SetupAttribute.cs, CleanupAttribute.cs, SkipTestException.cs,
// AssertFailedException.cs (namespace TestFrameworkShared there), source/TestFramework/Assert.cs,
// Assert.AreEqual.cs, Assert.AreNotEqual.cs, OutputHelper.cs. Only the members the on-board
// self-tests use are declared; the .NET implementation the same tests run on in CI
// (tests/NanoFramework.TestFramework.Dotnet) must offer exactly these.

using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace nanoFramework.TestFramework
{
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
    public class TestClassAttribute : Attribute
    {
    }

    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public class TestMethodAttribute : Attribute
    {
    }

    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public class SetupAttribute : Attribute
    {
    }

    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public class CleanupAttribute : Attribute
    {
    }

    public class SkipTestException : Exception
    {
        public extern SkipTestException(string message = null, Exception innerException = null);
    }

    public sealed class Assert
    {
        public static extern void AreEqual(bool expected, bool actual, [CallerArgumentExpression("actual")] string message = "");

        public static extern void AreEqual(byte expected, byte actual, [CallerArgumentExpression("actual")] string message = "");

        public static extern void AreEqual(int expected, int actual, [CallerArgumentExpression("actual")] string message = "");

        public static extern void AreEqual(long expected, long actual, [CallerArgumentExpression("actual")] string message = "");

        public static extern void AreEqual(uint expected, uint actual, [CallerArgumentExpression("actual")] string message = "");

        public static extern void AreEqual(ulong expected, ulong actual, [CallerArgumentExpression("actual")] string message = "");

        public static extern void AreEqual(ushort expected, ushort actual, [CallerArgumentExpression("actual")] string message = "");

        public static extern void AreEqual(string expected, string actual, [CallerArgumentExpression("actual")] string message = "");

        public static extern void AreEqual(object expected, object actual, [CallerArgumentExpression("actual")] string message = "");

        public static extern void AreNotEqual(int notExpected, int actual, [CallerArgumentExpression("actual")] string message = "");

        public static extern void AreSame(object expected, object actual, [CallerArgumentExpression("actual")] string message = "");

        public static extern void IsTrue(bool condition, [CallerArgumentExpression("condition")] string message = "");

        public static extern void IsFalse(bool condition, [CallerArgumentExpression("condition")] string message = "");

        public static extern void IsNull(object value, [CallerArgumentExpression("value")] string message = "");

        public static extern void IsNotNull([NotNull] object value, [CallerArgumentExpression("value")] string message = "");

        public static extern void SkipTest(string message = null);

        public static extern void ThrowsException(Type exception, Action action, [CallerArgumentExpression("action")] string message = "");
    }

    public static class OutputHelper
    {
        public static extern void Write(string message);

        public static extern void WriteLine(string message);
    }
}

namespace TestFrameworkShared
{
    // Thrown by every failing Assert.
    public class AssertFailedException : Exception
    {
        public extern AssertFailedException();

        public extern AssertFailedException(string msg);

        public extern AssertFailedException(string msg, Exception ex);
    }
}
