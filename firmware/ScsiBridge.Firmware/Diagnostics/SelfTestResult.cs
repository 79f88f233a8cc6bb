namespace ScsiBridge.Firmware.Diagnostics
{
    /// <summary>The outcome of one self-test, reused from run to run.</summary>
    public sealed class SelfTestResult
    {
        public const int Passed = 0;
        public const int Failed = 1;
        public const int Skipped = 2;

        /// <summary>The test threw something other than an assertion failure or a skip.</summary>
        public const int Error = 3;

        /// <summary>"Class.Method".</summary>
        public string Name { get; set; } = string.Empty;

        public int Outcome { get; set; }

        /// <summary>Why it failed or was skipped; empty when it passed.</summary>
        public string Message { get; set; } = string.Empty;

        /// <summary>Display name of an outcome (nanoFramework has no Enum.ToString).</summary>
        public static string OutcomeName(int outcome)
        {
            switch (outcome)
            {
                case Passed: return "passed";
                case Failed: return "FAILED";
                case Skipped: return "skipped";
                case Error: return "ERROR";
                default: return "outcome " + outcome.ToString();
            }
        }
    }
}
