namespace ScsiBridge.Hal.Sim
{
    /// <summary>The faults the simulated bus can inject (sb_fault_kind).</summary>
    public enum SimFaultKind
    {
        /// <summary>DBP inverted on one byte of a phase.</summary>
        Parity = 1,
        /// <summary>A device stops stepping; its lines stay as they are.</summary>
        StopResponding = 2,
        /// <summary>A device stops stepping and releases every line.</summary>
        Vanish = 3,
        /// <summary>A reset source asserts RST for the reset hold time.</summary>
        Reset = 4,
        /// <summary>A line is asserted by no device for a while.</summary>
        Glitch = 5,
        /// <summary>The phase lines change while REQ is asserted.</summary>
        PhaseViolation = 6,
    }
}
