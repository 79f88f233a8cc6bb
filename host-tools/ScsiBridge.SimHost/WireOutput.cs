using System.Threading;
using ScsiBridge.Client.Transports;
using ScsiBridge.Firmware.Link;
using ScsiBridge.Hal;

namespace ScsiBridge.SimHost
{
    /// <summary>
    /// The bridge's UART towards the PC: writes each frame to the pseudo-terminal, then holds the
    /// transmitter for as long as the frame takes on the modelled wire (virtual time), as a
    /// blocking UART write does on the board, plus the managed cost of a frame. Only the link server's transmitter thread writes.
    /// DamageNextResponses spoils the next n responses (one bit, so the PC sees a CRC error), as
    /// line noise would.
    /// </summary>
    internal sealed class WireOutput : ILinkOutput
    {
        private readonly ILinkTransport _link;
        private readonly LinkModel _model;
        private readonly IHalClock _clock;
        private readonly long _frameNs;
        private int _damageResponses;

        public WireOutput(ILinkTransport link, LinkModel model, IHalClock clock, ScsiBridge.Hal.Sim.InterpreterCost interpreter)
        {
            _link = link;
            _model = model;
            _clock = clock;
            _frameNs = interpreter.FrameNs;
        }

        /// <summary>Spoils the next n response frames only (events and data pass).</summary>
        public void DamageNextResponses(int frames) => Interlocked.Exchange(ref _damageResponses, frames);

        public void Write(byte[] buffer, int offset, int count)
        {
            // The first COBS block holds at least version and type (both non-zero): the type is byte 2.
            if (Volatile.Read(ref _damageResponses) > 0 && count > 3 && buffer[offset + 2] == ScsiBridge.Protocol.FrameType.Response
                && FrameDamage.SpoilOneBit(buffer, offset, count))
            {
                Interlocked.Decrement(ref _damageResponses);
            }
            _link.Write(buffer, offset, count);
            // The frame's time on the wire, and the managed code that built its header.
            _clock.SleepNs(_model.Cost(count, 1) + _frameNs);
        }
    }
}
