using System;
using System.Runtime.InteropServices;

namespace ScsiBridge.Hal.Sim
{
    /// <summary>The data plane's C ABI (scsibridge_dataplane.h): the slot ring and the frame codec.</summary>
    internal static unsafe partial class NativeMethods
    {
        [LibraryImport(Library, EntryPoint = "sb_dataplane_abi_version")]
        public static partial int DataPlaneAbiVersion();

        [LibraryImport(Library, EntryPoint = "sb_ring_create")]
        public static partial IntPtr RingCreate(uint slotCount, uint slotSize);

        [LibraryImport(Library, EntryPoint = "sb_ring_destroy")]
        public static partial void RingDestroy(IntPtr ring);

        [LibraryImport(Library, EntryPoint = "sb_ring_acquire")]
        public static partial int RingAcquire(IntPtr ring, uint* handle);

        [LibraryImport(Library, EntryPoint = "sb_ring_release")]
        public static partial int RingRelease(IntPtr ring, uint handle);

        [LibraryImport(Library, EntryPoint = "sb_ring_copy_in")]
        public static partial int RingCopyIn(IntPtr ring, uint handle, uint offset, byte* source, uint count);

        [LibraryImport(Library, EntryPoint = "sb_ring_copy_out")]
        public static partial int RingCopyOut(IntPtr ring, uint handle, uint offset, byte* destination, uint count);

        [LibraryImport(Library, EntryPoint = "sb_ring_copy")]
        public static partial int RingCopy(IntPtr ring, uint from, uint fromOffset, uint to, uint toOffset, uint count);

        [LibraryImport(Library, EntryPoint = "sb_ring_address")]
        public static partial int RingAddress(IntPtr ring, uint handle, uint offset, uint count, byte** address);

        [LibraryImport(Library, EntryPoint = "sb_ring_get_stats")]
        public static partial int RingGetStats(IntPtr ring, NativeRingStats* stats);

        [LibraryImport(Library, EntryPoint = "sb_frame_encode")]
        public static partial int FrameEncode(byte type, byte flags, byte opcode, ushort requestId, byte* first, uint firstCount,
                                              byte* second, uint secondCount, byte* output, uint capacity);

        [LibraryImport(Library, EntryPoint = "sb_frame_encode_from_slot")]
        public static partial int FrameEncodeFromSlot(byte type, byte flags, byte opcode, ushort requestId, byte* prefix, uint prefixCount,
                                                      IntPtr ring, uint handle, uint slotOffset, uint count, byte* output, uint capacity);

        [LibraryImport(Library, EntryPoint = "sb_frame_receiver_create")]
        public static partial IntPtr ReceiverCreate();

        [LibraryImport(Library, EntryPoint = "sb_frame_receiver_destroy")]
        public static partial void ReceiverDestroy(IntPtr receiver);

        [LibraryImport(Library, EntryPoint = "sb_frame_receiver_feed")]
        public static partial int ReceiverFeed(IntPtr receiver, byte* data, uint count, int* complete);

        [LibraryImport(Library, EntryPoint = "sb_frame_receiver_current")]
        public static partial int ReceiverCurrent(IntPtr receiver, NativeFrameInfo* info);

        [LibraryImport(Library, EntryPoint = "sb_frame_receiver_payload_to_slot")]
        public static partial int ReceiverPayloadToSlot(IntPtr receiver, IntPtr ring, uint handle, uint slotOffset, uint payloadOffset, uint count);

        [LibraryImport(Library, EntryPoint = "sb_frame_receiver_payload_out")]
        public static partial int ReceiverPayloadOut(IntPtr receiver, uint payloadOffset, byte* destination, uint count);

        [LibraryImport(Library, EntryPoint = "sb_frame_receiver_get_stats")]
        public static partial int ReceiverGetStats(IntPtr receiver, NativeReceiverStats* stats);

        [LibraryImport(Library, EntryPoint = "sb_frame_receiver_reset")]
        public static partial int ReceiverReset(IntPtr receiver);
    }
}
