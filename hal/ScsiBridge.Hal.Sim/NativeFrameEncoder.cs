using System;
using ScsiBridge.Hal.Buffers;
using ScsiBridge.Hal.DataPlane;

namespace ScsiBridge.Hal.Sim
{
    /// <summary>The native data frame encoder (sb_frame_encode_from_slot), and a plain encode of a
    /// payload in managed memory (sb_frame_encode) for tests and benchmarks. Stateless.</summary>
    public sealed unsafe class NativeFrameEncoder : IDataFrameEncoder
    {
        public int EncodeFromSlot(int type, int flags, int opcode, int requestId, byte[] prefix, int prefixOffset, int prefixCount,
                                  ISlotRing ring, int handle, int slotOffset, int count, byte[] output, int outputOffset)
        {
            if (ring is not NativeSlotRing native) return FrameStatus.BadArgument;
            if (!NativeSlotRing.Fits(prefix, prefixOffset, prefixCount) || output == null || outputOffset < 0 || outputOffset > output.Length
                || slotOffset < 0 || count < 0 || !IsByte(type) || !IsByte(flags) || !IsByte(opcode))
            {
                return FrameStatus.BadArgument;
            }
            // The ring's lock keeps a release on another thread from racing the read.
            lock (native.SyncRoot)
            {
                fixed (byte* p = prefix)
                fixed (byte* o = output)
                {
                    return NativeMethods.FrameEncodeFromSlot((byte)type, (byte)flags, (byte)opcode, (ushort)requestId, p + prefixOffset,
                                                             (uint)prefixCount, native.Handle, (uint)handle, (uint)slotOffset, (uint)count,
                                                             o + outputOffset, (uint)(output.Length - outputOffset));
                }
            }
        }

        /// <summary>A frame whose payload is first then second (either may be empty), as
        /// FrameWriter.EncodeTwoPart; the encoded length or a negative FrameStatus.</summary>
        public int Encode(int type, int flags, int opcode, int requestId, byte[]? first, int firstOffset, int firstCount,
                          byte[]? second, int secondOffset, int secondCount, byte[] output, int outputOffset)
        {
            if ((firstCount != 0 && !NativeSlotRing.Fits(first, firstOffset, firstCount))
                || (secondCount != 0 && !NativeSlotRing.Fits(second, secondOffset, secondCount))
                || firstCount < 0 || secondCount < 0
                || output == null || outputOffset < 0 || outputOffset > output.Length || !IsByte(type) || !IsByte(flags) || !IsByte(opcode))
            {
                return FrameStatus.BadArgument;
            }
            fixed (byte* a = first)
            fixed (byte* b = second)
            fixed (byte* o = output)
            {
                return NativeMethods.FrameEncode((byte)type, (byte)flags, (byte)opcode, (ushort)requestId,
                                                 firstCount == 0 ? null : a + firstOffset, (uint)firstCount,
                                                 secondCount == 0 ? null : b + secondOffset, (uint)secondCount,
                                                 o + outputOffset, (uint)(output.Length - outputOffset));
            }
        }

        private static bool IsByte(int value)
        {
            return value >= 0 && value <= 255;
        }
    }
}
