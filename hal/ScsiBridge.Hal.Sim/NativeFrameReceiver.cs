using System;
using ScsiBridge.Hal.Buffers;
using ScsiBridge.Hal.DataPlane;

namespace ScsiBridge.Hal.Sim
{
    /// <summary>The native frame receiver (sb_frame_receiver_*): the link's receive half as the
    /// board runs it. One thread feeds it (the port's reader); another may read its counters
    /// (STATISTICS), so every native call holds a lock.</summary>
    public sealed unsafe class NativeFrameReceiver : IFrameReceiver, IDisposable
    {
        private readonly object _lock = new object();
        private IntPtr _rx;
        private NativeFrameInfo _info;

        public NativeFrameReceiver()
        {
            _rx = NativeMethods.ReceiverCreate();
            if (_rx == IntPtr.Zero) throw new OutOfMemoryException("the native frame receiver could not be allocated");
        }

        ~NativeFrameReceiver()
        {
            Free();
        }

        public int Feed(byte[] data, int offset, int count, out bool complete)
        {
            complete = false;
            if (!NativeSlotRing.Fits(data, offset, count)) throw new ArgumentOutOfRangeException(nameof(count), "the bytes to feed lie outside the array");
            if (_rx == IntPtr.Zero) throw new ObjectDisposedException(nameof(NativeFrameReceiver));
            int done;
            int used;
            lock (_lock)
            {
                fixed (byte* p = data)
                {
                    used = NativeMethods.ReceiverFeed(_rx, p + offset, (uint)count, &done);
                }
                if (used >= 0 && done != 0)
                {
                    NativeFrameInfo info;
                    NativeMethods.ReceiverCurrent(_rx, &info);
                    _info = info;
                }
            }
            if (used < 0) throw new ArgumentException(FrameStatus.Describe(used));
            complete = done != 0;
            return used;
        }

        public int Error => _info.Error;
        public bool HeaderReadable => _info.HeaderReadable != 0;
        public int Version => _info.Version;
        public int Type => _info.Type;
        public int Flags => _info.Flags;
        public int Opcode => _info.Opcode;
        public int RequestId => _info.RequestId;
        public int PayloadLength => _info.PayloadLength;

        public int PayloadOut(int payloadOffset, byte[] destination, int destinationOffset, int count)
        {
            if (payloadOffset < 0 || !NativeSlotRing.Fits(destination, destinationOffset, count)) return FrameStatus.BadArgument;
            if (_rx == IntPtr.Zero) return FrameStatus.NoFrame;
            lock (_lock)
            {
                fixed (byte* p = destination)
                {
                    return NativeMethods.ReceiverPayloadOut(_rx, (uint)payloadOffset, p + destinationOffset, (uint)count);
                }
            }
        }

        public int PayloadToSlot(ISlotRing ring, int handle, int slotOffset, int payloadOffset, int count)
        {
            if (ring is not NativeSlotRing native || slotOffset < 0 || payloadOffset < 0 || count < 0) return FrameStatus.BadArgument;
            if (_rx == IntPtr.Zero) return FrameStatus.NoFrame;
            lock (_lock)
            lock (native.SyncRoot)
            {
                return NativeMethods.ReceiverPayloadToSlot(_rx, native.Handle, (uint)handle, (uint)slotOffset, (uint)payloadOffset, (uint)count);
            }
        }

        public int Frames => Stats().Frames;
        public int BadCrc => Stats().BadCrc;
        public int BadCobs => Stats().BadCobs;
        public int Short => Stats().ShortFrames;
        public int BadVersion => Stats().BadVersion;
        public int BadLength => Stats().BadLength;
        public int TooLarge => Stats().TooLarge;

        public void Reset()
        {
            lock (_lock)
            {
                if (_rx != IntPtr.Zero) NativeMethods.ReceiverReset(_rx);
            }
        }

        public void Dispose()
        {
            Free();
            GC.SuppressFinalize(this);
        }

        private (int Frames, int BadCrc, int BadCobs, int ShortFrames, int BadVersion, int BadLength, int TooLarge) Stats()
        {
            NativeReceiverStats s = default;
            lock (_lock)
            {
                if (_rx != IntPtr.Zero) NativeMethods.ReceiverGetStats(_rx, &s);
            }
            return ((int)s.Frames, (int)s.BadCrc, (int)s.BadCobs, (int)s.ShortFrames, (int)s.BadVersion, (int)s.BadLength, (int)s.TooLarge);
        }

        private void Free()
        {
            lock (_lock)
            {
                if (_rx == IntPtr.Zero) return;
                NativeMethods.ReceiverDestroy(_rx);
                _rx = IntPtr.Zero;
            }
        }
    }
}
