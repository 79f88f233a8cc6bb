using System;

namespace nanoFramework.TestFramework
{
    /// <summary>Thrown by Assert.SkipTest: the test did not run, and says why.</summary>
    public class SkipTestException : Exception
    {
        public SkipTestException(string? message = null, Exception? innerException = null)
            : base(message, innerException)
        {
        }
    }
}

namespace TestFrameworkShared
{
    /// <summary>Thrown by every failing Assert (the namespace is the package's).</summary>
    public class AssertFailedException : Exception
    {
        public AssertFailedException()
        {
        }

        public AssertFailedException(string msg)
            : base(msg)
        {
        }

        public AssertFailedException(string msg, Exception ex)
            : base(msg, ex)
        {
        }
    }
}
