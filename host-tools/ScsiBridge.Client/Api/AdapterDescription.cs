namespace ScsiBridge.Client.Api
{
    /// <summary>IOCINFO: the adapter's SCSI ID, largest transfer, buffer ring and capabilities.</summary>
    public sealed record AdapterDescription(int ScsiId, uint MaxTransfer, int RingBuffers, int RingBufferSize, uint Capabilities,
                                            string FirmwareVersion);
}
