using System.Runtime.InteropServices;

namespace ScsiBridge.Hal.Sim
{
    // Blittable mirrors of the C structs in hal/native/core/include/sb/command.h and
    // hal/native/sim/include/scsibridge_sim.h. Field order and widths follow the headers; the
    // default sequential layout then gives the same padding as the C compiler (a uint64 is
    // 8-aligned on every ABI the simulator runs on). NativeLayoutTests pins the sizes.

    /// <summary>sb_command (56 bytes).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct NativeCommand
    {
        public byte Op;
        public byte Flags;
        public byte PeerId;
        public byte IdMask;
        public byte StatusByte;
        public byte ByteCount;
        public byte SyncOffset;
        public byte Reserved0;
        public ushort SyncPeriodNs;
        public ushort Reserved1;
        public uint Length;
        public fixed byte Bytes[NativeConstants.InlineBytes];
        public ulong TimeoutNs;
        public ulong Buffer;
        public uint BufferSize;
        public uint Reserved2;
    }

    /// <summary>sb_completion (72 bytes: 4 bytes of padding before time_ns keep it 8-aligned).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct NativeCompletion
    {
        public byte Op;
        public byte Result;
        public byte Phase;
        public byte Flags;
        public byte PeerId;
        public byte OwnId;
        public byte Identify;
        public byte MsgLen;
        public fixed byte Msg[NativeConstants.InlineBytes];
        public byte CdbLen;
        public byte StatusByte;
        public byte ArbitrationRetries;
        public byte Reserved0;
        public fixed byte Cdb[NativeConstants.InlineBytes];
        public uint BytesMoved;
        public uint Residual;
        public uint ParityIndex;
        public uint Reserved1;
        public ulong TimeNs;
    }

    /// <summary>sb_options (8 bytes).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct NativeOptions
    {
        public byte ScsiId;
        public byte ParityCheck;
        public byte MaxSyncOffset;
        public byte Reserved0;
        public ushort MinSyncPeriodNs;
        public ushort Reserved1;
    }

    /// <summary>sb_fault (24 bytes).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct NativeFault
    {
        public byte Kind;
        public byte Device;
        public byte Phase;
        public byte Line;
        public uint ByteIndex;
        public ulong TimeNs;
        public ulong DurationNs;
    }

    /// <summary>sb_violation (128 bytes).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct NativeViolation
    {
        public ulong TimeNs;
        public uint Lines;
        public uint Rule;
        public fixed byte Text[NativeConstants.ViolationTextBytes];
    }

    /// <summary>sb_sim_stats (32 bytes).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct NativeStats
    {
        public ulong NowNs;
        public ulong Edges;
        public ulong Steps;
        public uint Violations;
        public uint Devices;
    }

    internal static class NativeConstants
    {
        public const int InlineBytes = 16;          // SB_INLINE_BYTES
        public const int ViolationTextBytes = 112;  // sb_violation.text
        public const int AbiVersion = 1;            // SB_SIM_ABI_VERSION
        public const int DataPlaneAbiVersion = 1;   // SB_DATAPLANE_ABI_VERSION
        public const int MaxDevices = 8;            // SB_SIM_MAX_DEVICES
        public const byte TriggerAtTime = 0xFF;     // SB_TRIGGER_AT_TIME

        // sb_run_result
        public const int RunCompleted = 0;
        public const int RunTimeReached = 1;
        public const int RunIdle = 2;
        public const int RunBadArgument = -1;

        // sb_sim_error
        public const int SimOk = 0;
        public const int SimErrorArgument = -1;
        public const int SimErrorFull = -2;
        public const int SimErrorIo = -3;
    }
}
