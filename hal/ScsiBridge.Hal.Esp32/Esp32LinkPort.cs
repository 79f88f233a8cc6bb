using System.Threading;

namespace ScsiBridge.Hal.Esp32
{
    /// <summary>
    /// The link to the PC through the interop component's byte channel. Read waits for the
    /// component's "bytes arrived" event up to the read timeout (no polling); Write hands all the
    /// bytes over, waiting a millisecond at a time while the channel's buffer is full.
    /// </summary>
    public sealed class Esp32LinkPort
    {
        /// <summary>How long a write may find the channel full before the link counts as gone.</summary>
        public const int WriteStallLimitMs = 2000;

        private readonly ILinkInterop _native;
        private readonly AutoResetEvent _arrived = new AutoResetEvent(false);
        private readonly object _writeLock = new object();
        private readonly int _readTimeoutMs;

        internal Esp32LinkPort(ILinkInterop native, int readTimeoutMs)
        {
            _native = native;
            _readTimeoutMs = readTimeoutMs;
        }

        /// <summary>Bytes read (at least one), 0 when none came within the read timeout, -1 when
        /// the link is closed.</summary>
        public int Read(byte[] buffer, int offset, int count)
        {
            if (!Esp32SlotRing.Fits(buffer, offset, count))
            {
                throw new System.ArgumentOutOfRangeException("count", "the bytes to read into lie outside the array");
            }

            for (int attempt = 0; attempt < 2; attempt++)
            {
                int n = _native.Read(buffer, offset, count);
                if (n == InteropStatus.LinkClosed) return -1;
                InteropStatus.Check(n, "reading the link");
                if (n > 0) return n;
                if (attempt == 0 && !_arrived.WaitOne(_readTimeoutMs, false)) return 0;
            }

            return 0;
        }

        /// <summary>Writes every byte or throws Esp32InteropException (the link closed, or stayed
        /// full for WriteStallLimitMs).</summary>
        public void Write(byte[] buffer, int offset, int count)
        {
            if (!Esp32SlotRing.Fits(buffer, offset, count))
            {
                throw new System.ArgumentOutOfRangeException("count", "the bytes to write lie outside the array");
            }

            lock (_writeLock)
            {
                int stalled = 0;
                while (count > 0)
                {
                    int n = InteropStatus.Check(_native.Write(buffer, offset, count), "writing to the link");
                    if (n == 0)
                    {
                        if (++stalled > WriteStallLimitMs)
                        {
                            throw new Esp32InteropException(InteropStatus.LinkClosed, "writing to the link: the channel stayed full for " + WriteStallLimitMs.ToString() + " ms: is the PC reading the port?");
                        }

                        Thread.Sleep(1);
                        continue;
                    }

                    stalled = 0;
                    offset += n;
                    count -= n;
                }
            }
        }

        /// <summary>Called by the event router when the component announces bytes on the link.</summary>
        internal void OnDataEvent()
        {
            _arrived.Set();
        }
    }
}
