using System.Runtime.CompilerServices;

namespace ScsiBridge.Hal.Esp32.Interop
{
    /// <summary>The controller calls of the interop component (hal/native/nf-interop,
    /// NativeController). The extern signatures are part of the native checksum: change one and
    /// the component's stubs and checksum must change with it (hal/native/nf-interop/README.md).</summary>
    internal sealed class NativeController : IControllerInterop
    {
        public int Open(int scsiId, int parityCheck, int maxSyncOffset, int minSyncPeriodNs)
        {
            return NativeOpen(scsiId, parityCheck, maxSyncOffset, minSyncPeriodNs);
        }

        public int Submit(int controller, int[] fields, byte[] inline)
        {
            return NativeSubmit(controller, fields, inline);
        }

        public void Cancel(int controller)
        {
            NativeCancel(controller);
        }

        public int TakeCompletion(int controller, int[] fields, byte[] msg, byte[] cdb)
        {
            return NativeTakeCompletion(controller, fields, msg, cdb);
        }

        public int StageIn(int controller, byte[] source, int offset, int count)
        {
            return NativeStageIn(controller, source, offset, count);
        }

        public int StageOut(int controller, byte[] destination, int offset, int count)
        {
            return NativeStageOut(controller, destination, offset, count);
        }

        public int GetState(int controller, int[] into)
        {
            return NativeGetState(controller, into);
        }

        public long NowNs()
        {
            return NativeNowNs();
        }

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeOpen(int scsiId, int parityCheck, int maxSyncOffset, int minSyncPeriodNs);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeSubmit(int controller, int[] fields, byte[] inline);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void NativeCancel(int controller);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeTakeCompletion(int controller, int[] fields, byte[] msg, byte[] cdb);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeStageIn(int controller, byte[] source, int offset, int count);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeStageOut(int controller, byte[] destination, int offset, int count);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeGetState(int controller, int[] into);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern long NativeNowNs();
    }
}
