using System;
using System.Collections.Generic;
using ScsiBridge.Hal;
using Xunit;

namespace ScsiBridge.Hal.Sim.Tests
{
    /// <summary>The managed contract (ScsiBridge.Hal) on its own, without the native bus.</summary>
    public class HalContractTests
    {
        [Fact]
        public void LineBitsFollowLinesH()
        {
            Assert.Equal(0x001u, ScsiLines.Bsy);
            Assert.Equal(0x100u, ScsiLines.Req);
            Assert.Equal(0x1FE00u, ScsiLines.DataLines);
            Assert.Equal(1u << 17, ScsiLines.Dbp);
            Assert.Equal(0x3FFFFu, ScsiLines.AllLines);
            Assert.Equal(1u << 16, ScsiLines.IdLine(7));
            Assert.Equal(0xA5, ScsiLines.DataOf(0xA5u << ScsiLines.DataShift | ScsiLines.Dbp));
            Assert.Equal(BusPhase.MessageIn, ScsiLines.PhaseOf(ScsiLines.Msg | ScsiLines.Cd | ScsiLines.Io | ScsiLines.Req));
            Assert.Equal(BusPhase.DataOut, ScsiLines.PhaseOf(ScsiLines.Bsy));
            Assert.Equal("BSY SEL DB7", ScsiLines.Describe(ScsiLines.Bsy | ScsiLines.Sel | ScsiLines.IdLine(7)));
        }

        [Fact]
        public void EveryResultHasItsOwnNameAndASentence()
        {
            var names = new HashSet<string>();
            for (int result = ControllerResult.Ok; result <= ControllerResult.Messages; result++)
            {
                Assert.True(names.Add(ControllerResult.Name(result)), "duplicate name for " + result);
                Assert.DoesNotContain("Unknown", ControllerResult.Describe(result));
            }

            Assert.StartsWith("Unknown", ControllerResult.Describe(99));
            Assert.False(ControllerResult.IsError(ControllerResult.Attention));
            Assert.True(ControllerResult.IsError(ControllerResult.BusReset));
        }

        [Fact]
        public void EveryOpAndPhaseHasItsOwnName()
        {
            int[] ops =
            {
                ControllerOp.Select, ControllerOp.MessageOut, ControllerOp.CommandOut, ControllerOp.Transfer,
                ControllerOp.MessageIn, ControllerOp.AcceptMessage, ControllerOp.SetAtn, ControllerOp.ClearAtn,
                ControllerOp.WaitReselect, ControllerOp.ResetBus, ControllerOp.SetSync, ControllerOp.StatusIn,
                ControllerOp.EnableSelection, ControllerOp.ReceiveCommand, ControllerOp.SendData,
                ControllerOp.ReceiveData, ControllerOp.SendStatus, ControllerOp.SendMessage,
                ControllerOp.ReceiveMessage, ControllerOp.Disconnect, ControllerOp.Reselect,
            };
            var names = new HashSet<string>();
            foreach (int op in ops)
            {
                string name = ControllerOp.Name(op);
                Assert.True(names.Add(name), "duplicate name " + name);
                Assert.DoesNotContain("op ", name);
            }

            var phases = new HashSet<string>();
            for (int phase = BusPhase.DataOut; phase <= BusPhase.Reset; phase++)
            {
                Assert.True(phases.Add(BusPhase.Name(phase)));
            }
        }

        [Fact]
        public void ResetClearsACommandButKeepsItsInlineArray()
        {
            var command = ControllerCommand.SendData(new byte[4], 1, 3);
            command.SetBytes(new byte[] { 1, 2, 3 }, 0, 3);
            command.TimeoutNs = 5;
            byte[] inline = command.Bytes;

            command.Reset(ControllerOp.StatusIn);

            Assert.Same(inline, command.Bytes);
            Assert.Equal(ControllerOp.StatusIn, command.Op);
            Assert.Null(command.Buffer);
            Assert.Equal(0, command.Length);
            Assert.Equal(0, command.ByteCount);
            Assert.Equal(0, command.TimeoutNs);
            Assert.All(command.Bytes, b => Assert.Equal(0, b));
        }

        [Fact]
        public void SetBytesRefusesMoreThanTheInlineArea()
        {
            var command = new ControllerCommand();
            Assert.Throws<ArgumentOutOfRangeException>(() => command.SetBytes(new byte[17], 0, 17));
            Assert.Throws<ArgumentOutOfRangeException>(() => command.SetBytes(new byte[4], 2, 3));
        }

        [Fact]
        public void CopyFromCopiesEveryField()
        {
            var source = new Completion
            {
                Op = ControllerOp.Transfer,
                Result = ControllerResult.PhaseMismatch,
                Phase = BusPhase.Status,
                Flags = CompletionFlags.Sync,
                PeerId = 1,
                OwnId = 2,
                Identify = 0x80,
                MsgLength = 1,
                CdbLength = 6,
                StatusByte = 2,
                ArbitrationRetries = 3,
                BytesMoved = 300,
                Residual = 212,
                ParityIndex = 5,
                TimeNs = 1234,
            };
            source.Msg[0] = 0x06;
            source.Cdb[5] = 0x11;

            var copy = new Completion();
            copy.CopyFrom(source);

            Assert.Equal(source.ToString(), copy.ToString());
            Assert.Equal(source.Identify, copy.Identify);
            Assert.Equal(source.MsgLength, copy.MsgLength);
            Assert.Equal(source.CdbLength, copy.CdbLength);
            Assert.Equal(source.StatusByte, copy.StatusByte);
            Assert.Equal(source.ArbitrationRetries, copy.ArbitrationRetries);
            Assert.Equal(source.ParityIndex, copy.ParityIndex);
            Assert.Equal(source.Msg, copy.Msg);
            Assert.Equal(source.Cdb, copy.Cdb);
            Assert.NotSame(source.Msg, copy.Msg);

            copy.Clear();
            Assert.Equal(0, copy.BytesMoved);
            Assert.Equal(0, copy.Cdb[5]);
        }

        [Fact]
        public void ExecuteReportsARefusedSubmissionAsACompletion()
        {
            var controller = new RefusingController(ControllerResult.Busy);
            var into = new Completion { BytesMoved = 99 };

            ScsiControllers.Execute(controller, ControllerCommand.Transfer(new byte[8], 0, 8), into);

            Assert.Equal(ControllerOp.Transfer, into.Op);
            Assert.Equal(ControllerResult.Busy, into.Result);
            Assert.Equal(0, into.BytesMoved);
            Assert.Equal(8, into.Residual);
            Assert.False(controller.Waited);
        }

        private sealed class RefusingController : IScsiController
        {
            private readonly int _result;

            public RefusingController(int result)
            {
                _result = result;
            }

            public bool Waited { get; private set; }

            public int ScsiId => 7;

            public int Submit(ControllerCommand command) => _result;

            public void Cancel()
            {
            }

            public void WaitForCompletion(Completion into) => Waited = true;

            public bool TryTakeCompletion(Completion into) => false;
        }
    }
}
