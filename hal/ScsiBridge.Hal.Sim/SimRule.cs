namespace ScsiBridge.Hal.Sim
{
    /// <summary>The bus monitor's protocol rules (sb_rule).</summary>
    public enum SimRule
    {
        /// <summary>DB changed while the receiver may be sampling it.</summary>
        DataChangedInWindow = 1,
        AckWithoutReq = 2,
        TwoDataDrivers = 3,
        /// <summary>BSY answered after the selection abort time.</summary>
        SelectionTooLate = 4,
        /// <summary>Arbitration began less than a bus free delay after bus free.</summary>
        BusFreeDelay = 5,
        /// <summary>SEL less than an arbitration delay after BSY.</summary>
        ArbitrationDelay = 6,
        /// <summary>REQ less than a bus settle delay after a phase change.</summary>
        PhaseSettle = 7,
        /// <summary>Strobe less than deskew + cable skew after data changed.</summary>
        DataSetup = 8,
        /// <summary>A line still asserted a bus clear delay after RST.</summary>
        ResetNotReleased = 9,
        AtnReleasedDuringAck = 10,
        PhaseChangedDuringHandshake = 11,
    }
}
