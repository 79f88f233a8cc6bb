using System;
using System.Linq;
using ScsiBridge.Hal;
using ScsiBridge.Hal.Sim;
using Xunit;

namespace ScsiBridge.Firmware.Tests.Targets
{
    /// <summary>
    /// An initiator written out step by step on raw controller commands, each step checking its
    /// outcome: the counterpart the scripted target is tested against. Run it inside a simulator
    /// instance; a failed step fails the test from there.
    /// </summary>
    internal sealed class RawInitiator
    {
        public RawInitiator(IScsiController controller)
        {
            Controller = controller;
        }

        public IScsiController Controller { get; }

        /// <summary>Bytes moved by the data phase of the last <see cref="Command"/>.</summary>
        public int LastBytesMoved { get; private set; }

        public Completion Run(ControllerCommand command)
        {
            var done = new Completion();
            ScsiControllers.Execute(Controller, command, done);
            return done;
        }

        /// <summary>Runs the command; fails unless it ends with <paramref name="result"/> and,
        /// when given, the bus in <paramref name="phase"/>.</summary>
        public Completion Expect(ControllerCommand command, int result, int phase = BusPhase.None)
        {
            Completion done = Run(command);
            if (done.Result != result || (phase != BusPhase.None && done.Phase != phase))
            {
                Assert.Fail("ID " + Controller.ScsiId + " " + ControllerOp.Name(command.Op) + ": expected "
                    + ControllerResult.Name(result)
                    + (phase != BusPhase.None ? " in " + BusPhase.Name(phase) : string.Empty)
                    + ", got " + done);
            }

            return done;
        }

        public Completion Ok(ControllerCommand command, int phase = BusPhase.None)
        {
            return Expect(command, ControllerResult.Ok, phase);
        }

        /// <summary>Selection with ATN, then <paramref name="messages"/> in one MESSAGE OUT phase;
        /// the target then asks for <paramref name="phaseAfter"/>.</summary>
        public Completion SelectWithMessages(int targetId, byte[] messages, int phaseAfter)
        {
            Ok(ControllerCommand.Select(targetId, CommandFlags.Atn), BusPhase.MessageOut);
            return Ok(ControllerCommand.MessageOut(messages), phaseAfter);
        }

        /// <summary>Selection with ATN, IDENTIFY, then the CDB.</summary>
        public void Start(int targetId, byte identify, byte[] cdb, int phaseAfterCdb)
        {
            SelectWithMessages(targetId, new[] { identify }, BusPhase.Command);
            Ok(ControllerCommand.CommandOut(cdb), phaseAfterCdb);
        }

        /// <summary>One whole message, accepted; the bus then asks for <paramref name="phaseAfter"/>.</summary>
        public byte[] MessageIn(int phaseAfter = BusPhase.None)
        {
            Completion message = Ok(ControllerCommand.MessageIn(), BusPhase.MessageIn);
            Assert.True(message.HasFlag(CompletionFlags.AckHeld), "MESSAGE_IN leaves ACK asserted: " + message);
            byte[] bytes = message.Msg.Take(message.MsgLength).ToArray();
            Ok(ControllerCommand.AcceptMessage(), phaseAfter);
            return bytes;
        }

        /// <summary>STATUS, COMMAND COMPLETE, bus free. Returns the status byte.</summary>
        public int Finish()
        {
            Completion status = Ok(ControllerCommand.StatusIn(), BusPhase.MessageIn);
            Assert.Equal(new[] { ScsiMessage.CommandComplete }, MessageIn(BusPhase.BusFree));
            return status.StatusByte;
        }

        /// <summary>
        /// A whole command without disconnection (IDENTIFY without the privilege): selection,
        /// CDB, the data phase if the target asks for one (into <paramref name="dataIn"/> or from
        /// <paramref name="dataOut"/>), status. Returns the status byte.
        /// </summary>
        public int Command(int targetId, byte[] cdb, byte[]? dataIn = null, byte[]? dataOut = null, int lun = 0)
        {
            Ok(ControllerCommand.Select(targetId, CommandFlags.Atn), BusPhase.MessageOut);
            Ok(ControllerCommand.MessageOut(new[] { ScsiMessage.IdentifyLun(lun, false) }), BusPhase.Command);
            Completion cdbDone = Ok(ControllerCommand.CommandOut(cdb));
            LastBytesMoved = 0;
            if (cdbDone.Phase == BusPhase.DataIn || cdbDone.Phase == BusPhase.DataOut)
            {
                byte[]? buffer = cdbDone.Phase == BusPhase.DataIn ? dataIn : dataOut;
                Assert.True(buffer != null, "the target asked for " + BusPhase.Name(cdbDone.Phase) + " after CDB " + Convert.ToHexString(cdb));
                Completion data = Run(ControllerCommand.Transfer(buffer!, 0, buffer!.Length));
                Assert.True(
                    (data.Result == ControllerResult.Ok || data.Result == ControllerResult.PhaseMismatch) && data.Phase == BusPhase.Status,
                    "data phase of CDB " + Convert.ToHexString(cdb) + ": " + data);
                LastBytesMoved = data.BytesMoved;
            }
            else
            {
                Assert.True(cdbDone.Phase == BusPhase.Status, "after CDB " + Convert.ToHexString(cdb) + ": " + cdbDone);
            }

            return Finish();
        }

        /// <summary>REQUEST SENSE; returns the sense bytes (fixed format).</summary>
        public byte[] RequestSense(int targetId, int lun = 0)
        {
            var sense = new byte[ScsiSense.FixedLength];
            Assert.Equal(ScsiStatus.Good, Command(targetId, Cdb.RequestSense(ScsiSense.FixedLength, lun), dataIn: sense, lun: lun));
            Assert.Equal(ScsiSense.FixedLength, LastBytesMoved);
            return sense;
        }

        public static void AssertNoViolations(SimBus bus)
        {
            var violations = bus.Violations;
            Assert.True(violations.Count == 0, "Bus monitor violations:\n" + string.Join("\n", violations.Select(v => v.ToString())));
        }
    }
}
