using System;
using System.Linq;
using ScsiBridge.Hal;
using Xunit;

namespace ScsiBridge.Hal.Sim.Tests
{
    /// <summary>Steps of SCSI-2 exchanges shared by the scenarios, each checking its outcome.</summary>
    internal static class Scsi
    {
        public const int InitiatorId = 7;
        public const int TargetId = 0;

        /// <summary>IDENTIFY, disconnect privilege granted, LUN 0.</summary>
        public const byte IdentifyLun0 = 0xC0;
        /// <summary>IDENTIFY as a target sends it on reselection: LUN 0.</summary>
        public const byte IdentifyReselectLun0 = 0x80;
        public const byte CommandComplete = 0x00;
        public const byte Disconnect = 0x04;
        public const byte Abort = 0x06;

        public const int StatusGood = 0x00;
        public const int StatusCheckCondition = 0x02;

        public static readonly byte[] TestUnitReady = { 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };

        public static Completion Run(IScsiController controller, ControllerCommand command)
        {
            var done = new Completion();
            ScsiControllers.Execute(controller, command, done);
            return done;
        }

        /// <summary>Runs the command and fails the test (from whichever instance runs it) unless it
        /// ends with <paramref name="result"/> and, when given, the bus in <paramref name="phase"/>.</summary>
        public static Completion Expect(IScsiController controller, ControllerCommand command, int result, int phase = BusPhase.None)
        {
            Completion done = Run(controller, command);
            if (done.Result != result || (phase != BusPhase.None && done.Phase != phase))
            {
                Assert.Fail("ID " + controller.ScsiId + " " + ControllerOp.Name(command.Op) + ": expected "
                    + ControllerResult.Name(result)
                    + (phase != BusPhase.None ? " in " + BusPhase.Name(phase) : string.Empty)
                    + ", got " + done);
            }

            return done;
        }

        public static Completion Ok(IScsiController controller, ControllerCommand command, int phase = BusPhase.None)
        {
            return Expect(controller, command, ControllerResult.Ok, phase);
        }

        /// <summary>Initiator: select with ATN, IDENTIFY, then the CDB; the target then asks for
        /// <paramref name="phaseAfterCdb"/>.</summary>
        public static void SelectIdentifyAndSend(IScsiController initiator, int targetId, byte[] cdb, int phaseAfterCdb)
        {
            Ok(initiator, ControllerCommand.Select(targetId, CommandFlags.Atn), BusPhase.MessageOut);
            Ok(initiator, ControllerCommand.MessageOut(new[] { IdentifyLun0 }), BusPhase.Command);
            Ok(initiator, ControllerCommand.CommandOut(cdb), phaseAfterCdb);
        }

        /// <summary>Initiator: STATUS, the COMMAND COMPLETE message, bus free. Returns the status byte.</summary>
        public static int FinishAsInitiator(IScsiController initiator)
        {
            Completion status = Ok(initiator, ControllerCommand.StatusIn(), BusPhase.MessageIn);
            Completion message = Ok(initiator, ControllerCommand.MessageIn(), BusPhase.MessageIn);
            Assert.True(message.HasFlag(CompletionFlags.AckHeld), "MESSAGE_IN leaves ACK asserted: " + message);
            Assert.Equal(1, message.MsgLength);
            Assert.Equal(CommandComplete, message.Msg[0]);
            Ok(initiator, ControllerCommand.AcceptMessage(), BusPhase.BusFree);
            return status.StatusByte;
        }

        /// <summary>Target: wait to be selected on its own ID and take the command.</summary>
        public static Completion ListenForCommand(IScsiController target)
        {
            return Ok(target, ControllerCommand.EnableSelection(1 << target.ScsiId));
        }

        /// <summary>Target: STATUS, COMMAND COMPLETE, bus free.</summary>
        public static void FinishAsTarget(IScsiController target, int status)
        {
            Ok(target, ControllerCommand.SendStatus(status));
            Ok(target, ControllerCommand.SendMessage(new[] { CommandComplete }));
            Ok(target, ControllerCommand.Disconnect());
        }

        public static void AssertNoViolations(SimBus bus)
        {
            var violations = bus.Violations;
            Assert.True(violations.Count == 0, "Bus monitor violations:\n" + string.Join("\n", violations.Select(v => v.ToString())));
        }

        public static byte[] RandomBytes(int count, int seed)
        {
            var bytes = new byte[count];
            new Random(seed).NextBytes(bytes);
            return bytes;
        }

        public static byte[] Slice(byte[] bytes, int offset, int count)
        {
            var slice = new byte[count];
            Array.Copy(bytes, offset, slice, 0, count);
            return slice;
        }
    }
}
