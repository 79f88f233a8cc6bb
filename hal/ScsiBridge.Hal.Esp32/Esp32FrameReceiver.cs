using ScsiBridge.Hal.Buffers;
using ScsiBridge.Hal.DataPlane;

namespace ScsiBridge.Hal.Esp32
{
    /// <summary>
    /// The link's receive half in the interop component (sb/frame_receiver.h): bytes in, frames
    /// split, decoded and judged natively; a data frame's payload goes into a ring slot with one
    /// native copy. The current frame's header is read once when a frame ends and kept here.
    /// </summary>
    public sealed class Esp32FrameReceiver : IFrameReceiver
    {
        private readonly IFrameCodecInterop _native;
        private readonly int[] _state = new int[1];
        private readonly int[] _info = new int[InteropLayout.FrameInfoFields];
        private readonly int[] _stats = new int[InteropLayout.ReceiverStatsFields];

        internal Esp32FrameReceiver(IFrameCodecInterop native)
        {
            _native = native;
        }

        public int Feed(byte[] data, int offset, int count, out bool complete)
        {
            complete = false;
            if (!Esp32SlotRing.Fits(data, offset, count))
            {
                throw new System.ArgumentOutOfRangeException("count", "the bytes to feed lie outside the array");
            }

            _state[0] = 0;
            int consumed = InteropStatus.Check(_native.Feed(data, offset, count, _state), "feeding the frame receiver");
            if (_state[0] != 0)
            {
                complete = true;
                InteropStatus.Check(_native.Current(_info), "reading the received frame");
            }

            return consumed;
        }

        public int Error
        {
            get { return _info[6]; }
        }

        public bool HeaderReadable
        {
            get { return _info[7] != 0; }
        }

        public int Version
        {
            get { return _info[0]; }
        }

        public int Type
        {
            get { return _info[1]; }
        }

        public int Flags
        {
            get { return _info[2]; }
        }

        public int Opcode
        {
            get { return _info[3]; }
        }

        public int RequestId
        {
            get { return _info[4]; }
        }

        public int PayloadLength
        {
            get { return _info[5]; }
        }

        public int PayloadOut(int payloadOffset, byte[] destination, int destinationOffset, int count)
        {
            if (!Esp32SlotRing.Fits(destination, destinationOffset, count) || payloadOffset < 0) return FrameStatus.BadArgument;
            return _native.PayloadOut(payloadOffset, destination, destinationOffset, count);
        }

        public int PayloadToSlot(ISlotRing ring, int handle, int slotOffset, int payloadOffset, int count)
        {
            Esp32SlotRing? board = ring as Esp32SlotRing;
            if (board == null || slotOffset < 0 || payloadOffset < 0 || count < 0) return FrameStatus.BadArgument;
            lock (board.SyncRoot)
            {
                return _native.PayloadToSlot(handle, slotOffset, payloadOffset, count);
            }
        }

        public int Frames
        {
            get { return Stat(0); }
        }

        public int BadCrc
        {
            get { return Stat(1); }
        }

        public int BadCobs
        {
            get { return Stat(2); }
        }

        public int Short
        {
            get { return Stat(3); }
        }

        public int BadVersion
        {
            get { return Stat(4); }
        }

        public int BadLength
        {
            get { return Stat(5); }
        }

        public int TooLarge
        {
            get { return Stat(6); }
        }

        public void Reset()
        {
            _native.ResetReceiver();
            for (int i = 0; i < _info.Length; i++)
            {
                _info[i] = 0;
            }
        }

        private int Stat(int index)
        {
            InteropStatus.Check(_native.GetReceiverStats(_stats), "reading the receiver's counters");
            return _stats[index];
        }
    }
}
