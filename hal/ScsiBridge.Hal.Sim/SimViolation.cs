using ScsiBridge.Hal;

namespace ScsiBridge.Hal.Sim
{
    /// <summary>One breach of the SCSI-2 rules the bus monitor saw.</summary>
    /// <param name="TimeNs">When, in bus nanoseconds.</param>
    /// <param name="Rule">Which rule.</param>
    /// <param name="Lines">The bus lines at that moment (ScsiLines bits).</param>
    /// <param name="Text">The monitor's sentence for people.</param>
    public sealed record SimViolation(long TimeNs, SimRule Rule, uint Lines, string Text)
    {
        public override string ToString()
        {
            return TimeNs + " ns " + Rule + ": " + Text + " [" + ScsiLines.Describe(Lines) + "]";
        }
    }
}
