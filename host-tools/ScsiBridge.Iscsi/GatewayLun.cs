using ScsiBridge.Iscsi.Scsi;

namespace ScsiBridge.Iscsi;

/// <summary>A logical unit of the gateway as its user sees it: what backs it and how busy it is.</summary>
public sealed class GatewayLun
{
    private readonly LogicalUnit _unit;

    internal GatewayLun(LogicalUnit unit)
    {
        _unit = unit;
    }

    internal LogicalUnit Unit => _unit;

    public int Lun => _unit.Lun;

    public string Description => _unit.Description;

    public string Vendor => _unit.Vendor;

    public string Product => _unit.Product;

    public string Revision => _unit.Revision;

    public int DeviceType => _unit.DeviceType;

    public long Blocks => _unit.BlockCount;

    public int BlockLength => _unit.BlockLength;

    public bool Writable => _unit.Writable;

    /// <summary>The drive has no 10-byte READ/WRITE: the gateway sends it 6-byte ones.</summary>
    public bool UsesSixByteCommands => _unit.UsesSixByteCommands;

    public long BytesRead => _unit.BytesRead;

    public long BytesWritten => _unit.BytesWritten;

    public long Errors => _unit.Errors;

    public long CacheHits => _unit.CacheHits;
}
