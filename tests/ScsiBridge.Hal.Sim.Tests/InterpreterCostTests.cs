using ScsiBridge.Hal;
using Xunit;

namespace ScsiBridge.Hal.Sim.Tests
{
    /// <summary>The board's interpreter cost, charged when firmware takes a completion.</summary>
    public class InterpreterCostTests
    {
        private static long TimeToTakeOneCompletion(InterpreterCost cost)
        {
            using var bus = new SimBus { Interpreter = cost };
            SimController controller = bus.Attach(new ControllerOptions(7));
            long start = bus.NowNs;
            var done = new Completion();
            ScsiControllers.Execute(controller, ControllerCommand.SetSync(0, 200, 8), done);
            Assert.Equal(ControllerResult.Ok, done.Result);
            return bus.NowNs - start;
        }

        [Fact]
        public void TakingACompletionCostsTheInterpretersTimeForOneCommand()
        {
            long free = TimeToTakeOneCompletion(InterpreterCost.None);
            long board = TimeToTakeOneCompletion(InterpreterCost.NanoFrameworkEsp32S3);
            Assert.Equal(InterpreterCost.NanoFrameworkEsp32S3.ControllerCommandNs, board - free);
        }
    }
}
