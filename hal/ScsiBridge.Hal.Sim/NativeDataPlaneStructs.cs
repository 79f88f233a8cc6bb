using System.Runtime.InteropServices;

namespace ScsiBridge.Hal.Sim
{
    // Blittable mirrors of the data plane's C structs (sb/slot_ring.h, sb/link_frame.h,
    // sb/frame_receiver.h). NativeLayoutTests pins the sizes.

    /// <summary>sb_ring_stats (32 bytes).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct NativeRingStats
    {
        public uint SlotCount;
        public uint SlotSize;
        public uint InUse;
        public uint HighWater;
        public uint Acquires;
        public uint Releases;
        public uint AcquireFailures;
        public uint RefusedReleases;
    }

    /// <summary>sb_frame_info (12 bytes).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct NativeFrameInfo
    {
        public byte Version;
        public byte Type;
        public byte Flags;
        public byte Opcode;
        public ushort RequestId;
        public ushort PayloadLength;
        public byte Error;
        public byte HeaderReadable;
        public ushort Reserved;
    }

    /// <summary>sb_receiver_stats (28 bytes).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct NativeReceiverStats
    {
        public uint Frames;
        public uint BadCrc;
        public uint BadCobs;
        public uint ShortFrames;
        public uint BadVersion;
        public uint BadLength;
        public uint TooLarge;
    }
}
