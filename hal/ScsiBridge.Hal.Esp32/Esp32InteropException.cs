namespace ScsiBridge.Hal.Esp32
{
    /// <summary>The interop component refused or failed a call; <see cref="Status"/> is the
    /// InteropStatus (or ring or codec status) it returned, the message says what to do.</summary>
    public class Esp32InteropException : HalException
    {
        public Esp32InteropException(int status, string message)
            : base("ScsiBridge.Hal.Esp32: " + message)
        {
            Status = status;
        }

        public int Status { get; }
    }

    /// <summary>The running nanoCLR has no native code for ScsiBridge.Hal.Esp32: it was built
    /// without the interop component.</summary>
    public class InteropMissingException : HalException
    {
        public const string Advice =
            "this nanoCLR has no native code for ScsiBridge.Hal.Esp32: build nf-interpreter with NF_INTEROP_ASSEMBLIES=ScsiBridge.Hal.Esp32 and flash that build (docs/board.md, \"Build nf-interpreter with the interop component\")";

        public InteropMissingException(string operation, System.Exception inner)
            : base("ScsiBridge.Hal.Esp32: " + operation + ": " + Advice, inner)
        {
        }
    }
}
