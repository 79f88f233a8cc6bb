using System.Runtime.InteropServices;
using Xunit;

namespace ScsiBridge.Hal.Sim.Tests
{
    /// <summary>
    /// The managed mirrors must have the C layout byte for byte, or every field after the first
    /// mismatch is garbage. The expected sizes and offsets are worked out by hand from
    /// command.h and scsibridge_sim.h with C's rules (each field aligned to its size, the struct
    /// to its largest field).
    /// </summary>
    public class NativeLayoutTests
    {
        [Fact]
        public unsafe void CommandMirrorMatchesSbCommand()
        {
            // 8 single bytes, period+reserved1 (2+2), length (4) = 16; bytes[16] -> 32;
            // timeout_ns at 32, buffer at 40, buffer_size at 48, reserved2 at 52 -> 56.
            Assert.Equal(56, sizeof(NativeCommand));
            Assert.Equal(56, Marshal.SizeOf<NativeCommand>());
            Assert.Equal(8, Offset<NativeCommand>(nameof(NativeCommand.SyncPeriodNs)));
            Assert.Equal(12, Offset<NativeCommand>(nameof(NativeCommand.Length)));
            Assert.Equal(16, Offset<NativeCommand>(nameof(NativeCommand.Bytes)));
            Assert.Equal(32, Offset<NativeCommand>(nameof(NativeCommand.TimeoutNs)));
            Assert.Equal(40, Offset<NativeCommand>(nameof(NativeCommand.Buffer)));
            Assert.Equal(48, Offset<NativeCommand>(nameof(NativeCommand.BufferSize)));
        }

        [Fact]
        public unsafe void CompletionMirrorMatchesSbCompletion()
        {
            // 8 single bytes, msg[16] -> 24; cdb_len..reserved0 -> 28; cdb[16] -> 44;
            // bytes_moved 44, residual 48, parity_index 52, reserved1 56 -> 60; time_ns is a
            // uint64, so 4 bytes of padding put it at 64 and the struct ends at 72.
            Assert.Equal(72, sizeof(NativeCompletion));
            Assert.Equal(72, Marshal.SizeOf<NativeCompletion>());
            Assert.Equal(8, Offset<NativeCompletion>(nameof(NativeCompletion.Msg)));
            Assert.Equal(24, Offset<NativeCompletion>(nameof(NativeCompletion.CdbLen)));
            Assert.Equal(26, Offset<NativeCompletion>(nameof(NativeCompletion.ArbitrationRetries)));
            Assert.Equal(28, Offset<NativeCompletion>(nameof(NativeCompletion.Cdb)));
            Assert.Equal(44, Offset<NativeCompletion>(nameof(NativeCompletion.BytesMoved)));
            Assert.Equal(52, Offset<NativeCompletion>(nameof(NativeCompletion.ParityIndex)));
            Assert.Equal(64, Offset<NativeCompletion>(nameof(NativeCompletion.TimeNs)));
        }

        [Fact]
        public unsafe void OptionsMirrorMatchesSbOptions()
        {
            Assert.Equal(8, sizeof(NativeOptions));
            Assert.Equal(8, Marshal.SizeOf<NativeOptions>());
            Assert.Equal(4, Offset<NativeOptions>(nameof(NativeOptions.MinSyncPeriodNs)));
        }

        [Fact]
        public unsafe void FaultMirrorMatchesSbFault()
        {
            // 4 single bytes, byte_index (4) -> 8, time_ns 8, duration_ns 16 -> 24.
            Assert.Equal(24, sizeof(NativeFault));
            Assert.Equal(24, Marshal.SizeOf<NativeFault>());
            Assert.Equal(4, Offset<NativeFault>(nameof(NativeFault.ByteIndex)));
            Assert.Equal(8, Offset<NativeFault>(nameof(NativeFault.TimeNs)));
            Assert.Equal(16, Offset<NativeFault>(nameof(NativeFault.DurationNs)));
        }

        [Fact]
        public unsafe void ViolationMirrorMatchesSbViolation()
        {
            // time_ns 8, lines 4, rule 4, text[112] -> 128.
            Assert.Equal(128, sizeof(NativeViolation));
            Assert.Equal(128, Marshal.SizeOf<NativeViolation>());
            Assert.Equal(12, Offset<NativeViolation>(nameof(NativeViolation.Rule)));
            Assert.Equal(16, Offset<NativeViolation>(nameof(NativeViolation.Text)));
        }

        [Fact]
        public unsafe void StatsMirrorMatchesSbSimStats()
        {
            // Three uint64 counters then two uint32 -> 32.
            Assert.Equal(32, sizeof(NativeStats));
            Assert.Equal(32, Marshal.SizeOf<NativeStats>());
            Assert.Equal(24, Offset<NativeStats>(nameof(NativeStats.Violations)));
        }

        private static int Offset<T>(string field)
        {
            return (int)Marshal.OffsetOf<T>(field);
        }
    }
}
