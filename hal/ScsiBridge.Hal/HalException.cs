using System;

namespace ScsiBridge.Hal
{
    /// <summary>A failure of the hardware abstraction itself (not a SCSI result, which travels
    /// in a Completion): a misused controller, a missing native part.</summary>
    public class HalException : Exception
    {
        public HalException(string message)
            : base(message)
        {
        }

        public HalException(string message, Exception inner)
            : base(message, inner)
        {
        }
    }
}
