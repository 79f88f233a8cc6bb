using System.Runtime.CompilerServices;

namespace ScsiBridge.Hal.Esp32.Interop
{
    /// <summary>The link codec calls of the interop component (hal/native/nf-interop, NativeFrameCodec).</summary>
    internal sealed class NativeFrameCodec : IFrameCodecInterop
    {
        public int EncodeFromSlot(int[] header, byte[] prefix, int prefixOffset, int prefixCount, int handle, int slotOffset, int count,
                                  byte[] output, int outputOffset)
        {
            return NativeEncodeFromSlot(header, prefix, prefixOffset, prefixCount, handle, slotOffset, count, output, outputOffset);
        }

        public int CreateReceiver()
        {
            return NativeCreateReceiver();
        }

        public int Feed(byte[] data, int offset, int count, int[] state)
        {
            return NativeFeed(data, offset, count, state);
        }

        public int Current(int[] info)
        {
            return NativeCurrent(info);
        }

        public int PayloadOut(int payloadOffset, byte[] destination, int destinationOffset, int count)
        {
            return NativePayloadOut(payloadOffset, destination, destinationOffset, count);
        }

        public int PayloadToSlot(int handle, int slotOffset, int payloadOffset, int count)
        {
            return NativePayloadToSlot(handle, slotOffset, payloadOffset, count);
        }

        public int GetReceiverStats(int[] into)
        {
            return NativeGetReceiverStats(into);
        }

        public void ResetReceiver()
        {
            NativeResetReceiver();
        }

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeEncodeFromSlot(int[] header, byte[] prefix, int prefixOffset, int prefixCount, int handle, int slotOffset,
                                                       int count, byte[] output, int outputOffset);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeCreateReceiver();

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeFeed(byte[] data, int offset, int count, int[] state);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeCurrent(int[] info);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativePayloadOut(int payloadOffset, byte[] destination, int destinationOffset, int count);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativePayloadToSlot(int handle, int slotOffset, int payloadOffset, int count);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeGetReceiverStats(int[] into);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void NativeResetReceiver();
    }
}
