namespace ScsiBridge.Client.Api
{
    /// <summary>One of the bridge's self-tests as SELFTEST reported it.</summary>
    /// <param name="Name">"Class.Method", as in the firmware's ScsiBridge.SelfTests.</param>
    /// <param name="Outcome">passed, failed, skipped or error.</param>
    /// <param name="Message">Why it failed or was skipped; empty when it passed.</param>
    public sealed record SelfTestReport(string Name, string Outcome, string Message)
    {
        public bool Passed => Outcome == "passed";

        public bool Skipped => Outcome == "skipped";

        internal static string OutcomeName(int code) => code switch
        {
            0 => "passed",
            1 => "failed",
            2 => "skipped",
            3 => "error",
            _ => "outcome " + code,
        };
    }
}
