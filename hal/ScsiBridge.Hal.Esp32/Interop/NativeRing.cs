using System.Runtime.CompilerServices;

namespace ScsiBridge.Hal.Esp32.Interop
{
    /// <summary>The ring calls of the interop component (hal/native/nf-interop, NativeRing).</summary>
    internal sealed class NativeRing : IRingInterop
    {
        public int Create(int slots, int slotSize)
        {
            return NativeCreate(slots, slotSize);
        }

        public int Acquire()
        {
            return NativeAcquire();
        }

        public int Release(int handle)
        {
            return NativeRelease(handle);
        }

        public int CopyIn(int handle, int slotOffset, byte[] source, int sourceOffset, int count)
        {
            return NativeCopyIn(handle, slotOffset, source, sourceOffset, count);
        }

        public int CopyOut(int handle, int slotOffset, byte[] destination, int destinationOffset, int count)
        {
            return NativeCopyOut(handle, slotOffset, destination, destinationOffset, count);
        }

        public int Copy(int fromHandle, int fromOffset, int toHandle, int toOffset, int count)
        {
            return NativeCopy(fromHandle, fromOffset, toHandle, toOffset, count);
        }

        public int GetStats(int[] into)
        {
            return NativeGetStats(into);
        }

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeCreate(int slots, int slotSize);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeAcquire();

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeRelease(int handle);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeCopyIn(int handle, int slotOffset, byte[] source, int sourceOffset, int count);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeCopyOut(int handle, int slotOffset, byte[] destination, int destinationOffset, int count);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeCopy(int fromHandle, int fromOffset, int toHandle, int toOffset, int count);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeGetStats(int[] into);
    }
}
