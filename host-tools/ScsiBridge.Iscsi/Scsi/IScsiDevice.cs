namespace ScsiBridge.Iscsi.Scsi;

/// <summary>The answer of a device to one SCSI-2 command: status, bytes read, sense when it failed.</summary>
internal readonly record struct DeviceResult(int Status, int Count, byte[]? Sense)
{
    public bool IsGood => Status == 0;
}

/// <summary>
/// What a logical unit of the gateway stands on: something that runs SCSI-1/2 commands, either
/// an emulated unit of the firmware over an image file or a drive through the bridge. The
/// gateway's translation (<see cref="LogicalUnit"/>) is the same for both.
/// </summary>
internal interface IScsiDevice : IAsyncDisposable
{
    /// <summary>For the terminal: what the unit is ("image disk.img", "ID 0 LUN 0 through /dev/pts/3").</summary>
    string Description { get; }

    /// <summary>The most bytes one command may move.</summary>
    int MaxTransfer { get; }

    /// <summary>Concurrent commands worth issuing (the bridge's window; 1 for an emulated unit).</summary>
    int Parallelism { get; }

    /// <summary>Runs one CDB; dataIn receives what the device reads (the result says how much).</summary>
    Task<DeviceResult> ExecuteAsync(byte[] cdb, int initiator, ReadOnlyMemory<byte> dataOut, Memory<byte> dataIn, CancellationToken ct);

    /// <summary>A LUN reset: reservations and mode parameters back to their defaults.</summary>
    Task ResetAsync(CancellationToken ct);
}
