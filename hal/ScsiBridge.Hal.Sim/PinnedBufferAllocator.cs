using System;
using ScsiBridge.Hal.Buffers;

namespace ScsiBridge.Hal.Sim
{
    /// <summary>
    /// Buffers on the pinned object heap: the native controller holds their addresses while a
    /// transfer runs, so they must never move.
    /// </summary>
    public sealed class PinnedBufferAllocator : IBufferAllocator
    {
        public byte[] Allocate(int size)
        {
            return GC.AllocateArray<byte>(size, pinned: true);
        }
    }
}
