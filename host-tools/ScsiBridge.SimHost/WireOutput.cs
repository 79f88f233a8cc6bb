using System;
using System.Threading;
using ScsiBridge.Client.Transports;
using ScsiBridge.Firmware.Link;
using ScsiBridge.Hal;

namespace ScsiBridge.SimHost
{
    /// <summary>
    /// The bridge's link towards the PC: writes each frame to the pseudo-terminal, then holds the
    /// transmitter for as long as the frame takes on the modelled wire (virtual time), as a
    /// blocking UART write does on the board, plus the managed cost of a frame; or, on the
    /// board's native USB link, with that cost hidden behind the frame before while frames stream. Only the link server's transmitter thread writes.
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
        private long _lastEndNs = -1;
        private long _lastWireNs;
        private readonly PcLockStep? _lockStep;

        public WireOutput(ILinkTransport link, LinkModel model, IHalClock clock, ScsiBridge.Hal.Sim.InterpreterCost interpreter, PcLockStep? lockStep = null)
        {
            _link = link;
            _lockStep = lockStep;
            _model = model;
            _clock = clock;
            _frameNs = interpreter.FrameNs;
        }

        /// <summary>Spoils the next n response frames only (events and data pass).</summary>
        public void DamageNextResponses(int frames) => Interlocked.Exchange(ref _damageResponses, frames);

        public void Write(byte[] buffer, int offset, int count)
        {
            if (Volatile.Read(ref _damageResponses) > 0 && TypeOf(buffer, offset, count) == ScsiBridge.Protocol.FrameType.Response
                && FrameDamage.SpoilOneBit(buffer, offset, count))
            {
                Interlocked.Decrement(ref _damageResponses);
            }
            if (_model.NativeStreaming)
            {
                WriteStreaming(buffer, offset, count);
                return;
            }
            if (_lockStep != null)
            {
                // In step with the tool: the PC has the frame when its last byte has arrived, and
                // the simulation waits for what the tool does with it.
                _clock.SleepNs(_model.Cost(count) + _frameNs);
                _link.Write(buffer, offset, count);
                if (ToolActsOn(buffer, offset, count)) _lockStep.Hold();
                return;
            }
            _link.Write(buffer, offset, count);
            // The frame's time on the wire, and the managed code that built its header.
            _clock.SleepNs(_model.Cost(count) + _frameNs);
        }

        // An encoded frame's type (0: too short to say). The first COBS block holds at least
        // version and type (both non-zero): the type is byte 2.
        private static byte TypeOf(byte[] buffer, int offset, int count) => count > 3 ? buffer[offset + 2] : (byte)0;

        // Read data frames only fill the tool's buffers: it acts on the response that ends them
        // (and on every other kind of frame), so the lock-step holds after those alone.
        private static bool ToolActsOn(byte[] buffer, int offset, int count) =>
            TypeOf(buffer, offset, count) != ScsiBridge.Protocol.FrameType.Data;

        /// <summary>
        /// Native code sends: a frame that follows the last one at once (the transmitter thread
        /// came straight back for it) had its managed decision made while the last one was on
        /// the wire, so only the part of that decision longer than the last frame's wire time
        /// shows, and the packets follow with no gap. After an idle pipe the decision shows
        /// whole and the first packet waits for the host's next look.
        /// </summary>
        private void WriteStreaming(byte[] buffer, int offset, int count)
        {
            bool streaming = _clock.NowNs == _lastEndNs;
            long before = streaming ? Math.Max(0, _frameNs - _lastWireNs) : _frameNs + _model.IdleStartNs;
            if (before > 0) _clock.SleepNs(before);
            _lastWireNs = _model.Cost(count);
            if (_lockStep == null) _link.Write(buffer, offset, count);
            _clock.SleepNs(_lastWireNs);
            _lastEndNs = _clock.NowNs;
            if (_lockStep != null)
            {
                _link.Write(buffer, offset, count);
                if (ToolActsOn(buffer, offset, count)) _lockStep.Hold();
            }
        }
    }
}
