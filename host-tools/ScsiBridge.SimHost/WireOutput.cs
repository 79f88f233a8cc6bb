using System.Threading;
using ScsiBridge.Client.Transports;
using ScsiBridge.Firmware.Link;
using ScsiBridge.Hal;

namespace ScsiBridge.SimHost
{
    /// <summary>
    /// The bridge's UART towards the PC: writes each frame to the pseudo-terminal, then holds the
    /// transmitter for as long as the frame takes on the modelled wire (virtual time), as a
    /// blocking UART write does on the board. Only the link server's transmitter thread writes.
    /// DamageNext spoils the next n frames (one bit, so the PC sees a CRC error), as line noise would.
    /// </summary>
    internal sealed class WireOutput : ILinkOutput
    {
        private readonly ILinkTransport _link;
        private readonly LinkModel _model;
        private readonly IHalClock _clock;
        private int _damage;
        private long _bytes;
        private long _frames;

        public WireOutput(ILinkTransport link, LinkModel model, IHalClock clock)
        {
            _link = link;
            _model = model;
            _clock = clock;
        }

        public long Bytes => Interlocked.Read(ref _bytes);

        public long Frames => Interlocked.Read(ref _frames);

        public void DamageNext(int frames) => Interlocked.Exchange(ref _damage, frames);

        public void Write(byte[] buffer, int offset, int count)
        {
            if (Volatile.Read(ref _damage) > 0 && FrameDamage.SpoilOneBit(buffer, offset, count)) Interlocked.Decrement(ref _damage);
            _link.Write(buffer, offset, count);
            Interlocked.Add(ref _bytes, count);
            Interlocked.Increment(ref _frames);
            _clock.SleepNs(_model.Cost(count, 1));
        }
    }
}
