using System;

namespace ScsiBridge.Hal.Sim
{
    /// <summary>
    /// The pin loopback of the simulator: what the board's receivers would read on an unplugged,
    /// terminated bus when the bridge asserts a set of lines, plus whatever the simulated devices
    /// on <see cref="SimBus"/> assert. Wiring faults can be set, so that a self-test is shown to
    /// notice a line stuck asserted or released, or two lines shorted together.
    /// </summary>
    public sealed class SimLineProbe : IBusLineProbe
    {
        private readonly SimBus? _bus;
        private uint _stuckAsserted;
        private uint _stuckReleased;
        private uint _bridgeA;
        private uint _bridgeB;

        /// <summary>bus may be null: a bare board with nothing else on the cable.</summary>
        public SimLineProbe(SimBus? bus)
        {
            _bus = bus;
        }

        /// <summary>Patterns driven so far (a test can see that a self-test used the probe).</summary>
        public int Patterns { get; private set; }

        /// <summary>These lines read asserted whatever is driven (a short to ground).</summary>
        public void StickAsserted(uint lines)
        {
            _stuckAsserted |= lines & ScsiLines.AllLines;
        }

        /// <summary>These lines never read asserted (a broken driver or receiver).</summary>
        public void StickReleased(uint lines)
        {
            _stuckReleased |= lines & ScsiLines.AllLines;
        }

        /// <summary>Two lines shorted together: asserting either asserts both.</summary>
        public void Bridge(uint lineA, uint lineB)
        {
            if (lineA == 0 || lineB == 0 || (lineA & (lineA - 1)) != 0 || (lineB & (lineB - 1)) != 0)
            {
                throw new ArgumentException("a bridge joins exactly two single lines");
            }

            _bridgeA = lineA;
            _bridgeB = lineB;
        }

        public uint DriveAndRead(uint assert)
        {
            Patterns++;
            uint lines = (assert & ScsiLines.AllLines) | (_bus != null ? _bus.Lines : 0u);
            if (_bridgeA != 0 && (lines & (_bridgeA | _bridgeB)) != 0)
            {
                lines |= _bridgeA | _bridgeB;
            }

            return (lines | _stuckAsserted) & ~_stuckReleased;
        }
    }
}
