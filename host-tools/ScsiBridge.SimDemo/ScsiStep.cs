using System;
using ScsiBridge.Hal;

namespace ScsiBridge.SimDemo
{
    /// <summary>Runs one controller command and insists on the outcome a script expects.</summary>
    internal static class ScsiStep
    {
        public static void Expect(IScsiController controller, ControllerCommand command, Completion into, int result, int phase)
        {
            ScsiControllers.Execute(controller, command, into);
            if (into.Result != result || (phase != BusPhase.None && into.Phase != phase))
            {
                throw new DemoException(
                    "ID " + controller.ScsiId + ": " + ControllerOp.Name(command.Op) + " expected "
                    + ControllerResult.Name(result)
                    + (phase != BusPhase.None ? " with the bus in " + BusPhase.Name(phase) : string.Empty)
                    + ", got " + into + ". " + ControllerResult.Describe(into.Result));
            }
        }

        public static void ExpectOk(IScsiController controller, ControllerCommand command, Completion into)
        {
            Expect(controller, command, into, ControllerResult.Ok, BusPhase.None);
        }
    }

    /// <summary>A scripted exchange did not go as SCSI-2 says it should.</summary>
    public sealed class DemoException : Exception
    {
        public DemoException(string message)
            : base(message)
        {
        }
    }
}
