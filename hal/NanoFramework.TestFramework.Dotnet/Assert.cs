using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using TestFrameworkShared;

namespace nanoFramework.TestFramework
{
    /// <summary>
    /// The assertions of nanoFramework.TestFramework that the self-tests use. A failure throws
    /// AssertFailedException with "Assert.X failed." and the expected and actual values; the
    /// message argument defaults to the expression the caller passed, as on the board.
    /// </summary>
    public sealed class Assert
    {
        public static void AreEqual(bool expected, bool actual, [CallerArgumentExpression(nameof(actual))] string message = "") => Equal(expected, actual, message);

        public static void AreEqual(byte expected, byte actual, [CallerArgumentExpression(nameof(actual))] string message = "") => Equal(expected, actual, message);

        public static void AreEqual(int expected, int actual, [CallerArgumentExpression(nameof(actual))] string message = "") => Equal(expected, actual, message);

        public static void AreEqual(long expected, long actual, [CallerArgumentExpression(nameof(actual))] string message = "") => Equal(expected, actual, message);

        public static void AreEqual(uint expected, uint actual, [CallerArgumentExpression(nameof(actual))] string message = "") => Equal(expected, actual, message);

        public static void AreEqual(ulong expected, ulong actual, [CallerArgumentExpression(nameof(actual))] string message = "") => Equal(expected, actual, message);

        public static void AreEqual(ushort expected, ushort actual, [CallerArgumentExpression(nameof(actual))] string message = "") => Equal(expected, actual, message);

        public static void AreEqual(string? expected, string? actual, [CallerArgumentExpression(nameof(actual))] string message = "") => Equal(expected, actual, message);

        public static void AreEqual(object? expected, object? actual, [CallerArgumentExpression(nameof(actual))] string message = "") => Equal(expected, actual, message);

        public static void AreNotEqual(int notExpected, int actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (notExpected == actual)
            {
                Fail("AreNotEqual", "Expected any value except <" + notExpected + ">. " + message);
            }
        }

        public static void AreSame(object? expected, object? actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!ReferenceEquals(expected, actual))
            {
                Fail("AreSame", message);
            }
        }

        public static void IsTrue(bool condition, [CallerArgumentExpression(nameof(condition))] string message = "")
        {
            if (!condition)
            {
                Fail("IsTrue", message);
            }
        }

        public static void IsFalse(bool condition, [CallerArgumentExpression(nameof(condition))] string message = "")
        {
            if (condition)
            {
                Fail("IsFalse", message);
            }
        }

        public static void IsNull(object? value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value != null)
            {
                Fail("IsNull", message);
            }
        }

        public static void IsNotNull([NotNull] object? value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value == null)
            {
                Fail("IsNotNull", message);
            }
        }

        [DoesNotReturn]
        public static void SkipTest(string? message = null)
        {
            throw new SkipTestException(message);
        }

        /// <summary>Passes when action throws exactly the exception type (not a derived one).</summary>
        public static void ThrowsException(Type exception, Action action, [CallerArgumentExpression(nameof(action))] string message = "")
        {
            ArgumentNullException.ThrowIfNull(exception);
            ArgumentNullException.ThrowIfNull(action);
            try
            {
                action();
            }
            catch (Exception thrown)
            {
                if (thrown.GetType() == exception)
                {
                    return;
                }

                Fail("ThrowsException", "Threw " + thrown.GetType().Name + ", expected " + exception.Name + ". " + message);
            }

            Fail("ThrowsException", "Nothing thrown, expected " + exception.Name + ". " + message);
        }

        private static void Equal(object? expected, object? actual, string message)
        {
            if (!Equals(expected, actual))
            {
                Fail("AreEqual", "Expected <" + Show(expected) + ">, actual <" + Show(actual) + ">. " + message);
            }
        }

        private static string Show(object? value) => value == null ? "(null)" : value.ToString() ?? string.Empty;

        [DoesNotReturn]
        private static void Fail(string assertion, string message)
        {
            throw new AssertFailedException("Assert." + assertion + " failed. " + message.Trim());
        }
    }

    /// <summary>Test output: the console on .NET, the debug channel on the board.</summary>
    public static class OutputHelper
    {
        public static void Write(string message) => Console.Write(message);

        public static void WriteLine(string message) => Console.WriteLine(message);
    }
}
