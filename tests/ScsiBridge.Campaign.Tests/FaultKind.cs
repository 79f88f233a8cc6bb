namespace ScsiBridge.Campaign.Tests;

/// <summary>The faults the campaign injects, as its table counts them.</summary>
internal enum FaultKind
{
    BusReset,
    ParityDataIn,
    ParityDataOut,
    ParityMessage,
    ParityCommand,
    StopsMidTransfer,
    NeverReselects,
    SelectionTimeout,
    Busy,
    UnitAttention,
    TransientMediumError,
    FrameDamagedToPc,
    FrameDamagedToBridge,
    FrameLost,
    PortHungUp,
    ToolKilled,
    ToolKilledReally,
}
