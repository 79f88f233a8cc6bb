using System.Runtime.CompilerServices;

namespace ScsiBridge.Hal.Esp32.Interop
{
    /// <summary>The link port calls of the interop component (hal/native/nf-interop, NativeLinkPort).</summary>
    internal sealed class NativeLinkPort : ILinkInterop
    {
        public int Open()
        {
            return NativeOpen();
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            return NativeRead(buffer, offset, count);
        }

        public int Write(byte[] buffer, int offset, int count)
        {
            return NativeWrite(buffer, offset, count);
        }

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeOpen();

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeRead(byte[] buffer, int offset, int count);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeWrite(byte[] buffer, int offset, int count);
    }
}
