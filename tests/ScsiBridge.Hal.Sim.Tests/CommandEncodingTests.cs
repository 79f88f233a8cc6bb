using ScsiBridge.Hal;
using Xunit;

namespace ScsiBridge.Hal.Sim.Tests
{
    /// <summary>The binding's translation between the HAL objects and the native structs.</summary>
    public class CommandEncodingTests
    {
        [Fact]
        public unsafe void EncodesEveryFieldOfACommand()
        {
            var command = ControllerCommand.SetSync(5, 200, 8);
            command.Flags = CommandFlags.Atn | CommandFlags.NoRetry;
            command.IdMask = 0x81;
            command.StatusByte = 0x02;
            command.TimeoutNs = 123_456_789_000;
            command.SetBytes(new byte[] { 0x28, 0x00, 0x01, 0x02 }, 0, 4);
            command.SetBuffer(new byte[10], 2, 8);

            Assert.True(SimController.TryEncode(command, out NativeCommand native));

            Assert.Equal(ControllerOp.SetSync, native.Op);
            Assert.Equal(CommandFlags.Atn | CommandFlags.NoRetry, native.Flags);
            Assert.Equal(5, native.PeerId);
            Assert.Equal(0x81, native.IdMask);
            Assert.Equal(0x02, native.StatusByte);
            Assert.Equal(8, native.SyncOffset);
            Assert.Equal(200, native.SyncPeriodNs);
            Assert.Equal(4, native.ByteCount);
            Assert.Equal(0x28, native.Bytes[0]);
            Assert.Equal(0x02, native.Bytes[3]);
            Assert.Equal(8u, native.Length);
            Assert.Equal(123_456_789_000ul, native.TimeoutNs);
        }

        [Theory]
        [InlineData(256, 0, 0)]   // op does not fit the byte field
        [InlineData(1, -1, 0)]    // negative length
        [InlineData(1, 0, 17)]    // more inline bytes than the 16 there are
        public void RefusesValuesTheNativeFieldsCannotHold(int op, int length, int byteCount)
        {
            var command = new ControllerCommand().Reset(op);
            command.Length = length;
            command.ByteCount = byteCount;
            Assert.False(SimController.TryEncode(command, out _));
        }

        [Fact]
        public void RefusesABufferWindowOutsideTheArray()
        {
            var command = ControllerCommand.Transfer(new byte[16], 0, 16);
            command.BufferOffset = 8;
            Assert.False(SimController.TryEncode(command, out _));
            command.BufferOffset = -1;
            Assert.False(SimController.TryEncode(command, out _));
        }

        [Fact]
        public void RefusesALengthWithoutABuffer()
        {
            var command = new ControllerCommand().Reset(ControllerOp.Transfer);
            command.Length = 10;
            Assert.False(SimController.TryEncode(command, out _));
        }

        [Fact]
        public unsafe void DecodesEveryFieldOfACompletion()
        {
            var native = new NativeCompletion
            {
                Op = ControllerOp.EnableSelection,
                Result = ControllerResult.Messages,
                Phase = BusPhase.MessageOut,
                Flags = CompletionFlags.Atn | CompletionFlags.Identify,
                PeerId = 7,
                OwnId = 3,
                Identify = 0xC0,
                MsgLen = 2,
                CdbLen = 10,
                StatusByte = 0x08,
                ArbitrationRetries = 4,
                BytesMoved = 70000,
                Residual = 12,
                ParityIndex = 9,
                TimeNs = 250_000_123,
            };
            native.Msg[0] = 0x01;
            native.Msg[15] = 0xEE;
            native.Cdb[0] = 0x28;
            native.Cdb[15] = 0xDD;

            var completion = new Completion();
            SimController.Decode(ref native, completion);

            Assert.Equal(ControllerOp.EnableSelection, completion.Op);
            Assert.Equal(ControllerResult.Messages, completion.Result);
            Assert.Equal(BusPhase.MessageOut, completion.Phase);
            Assert.True(completion.HasFlag(CompletionFlags.Identify));
            Assert.Equal(7, completion.PeerId);
            Assert.Equal(3, completion.OwnId);
            Assert.Equal(0xC0, completion.Identify);
            Assert.Equal(2, completion.MsgLength);
            Assert.Equal(10, completion.CdbLength);
            Assert.Equal(0x08, completion.StatusByte);
            Assert.Equal(4, completion.ArbitrationRetries);
            Assert.Equal(70000, completion.BytesMoved);
            Assert.Equal(12, completion.Residual);
            Assert.Equal(9, completion.ParityIndex);
            Assert.Equal(250_000_123, completion.TimeNs);
            Assert.Equal(0x01, completion.Msg[0]);
            Assert.Equal(0xEE, completion.Msg[15]);
            Assert.Equal(0x28, completion.Cdb[0]);
            Assert.Equal(0xDD, completion.Cdb[15]);
        }
    }
}
