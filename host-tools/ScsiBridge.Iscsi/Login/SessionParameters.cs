namespace ScsiBridge.Iscsi.Login;

/// <summary>The operational parameters a login settled (RFC 7143 13), with the target's offers.</summary>
internal sealed class SessionParameters
{
    /// <summary>What this target accepts in one data segment (declared to the initiator).</summary>
    public const int TargetMaxRecvDataSegmentLength = 262144;

    /// <summary>The initiator's MaxRecvDataSegmentLength: the longest Data-In segment we may send.</summary>
    public int InitiatorMaxRecvDataSegmentLength { get; set; } = 8192;

    public int MaxBurstLength { get; set; } = 262144;

    public int FirstBurstLength { get; set; } = 65536;

    public bool InitialR2T { get; set; } = true;

    public bool ImmediateData { get; set; } = true;

    public int MaxOutstandingR2T { get; set; } = 1;

    public bool Discovery { get; set; }

    public string InitiatorName { get; set; } = "";

    public string InitiatorAlias { get; set; } = "";
}
