namespace ScsiBridge.Client.Api
{
    /// <summary>
    /// Data a host sent to the bridge's processor device on an open target path (a TARGET_DATA
    /// event): the host's ID, the path's correlator, the offset of these bytes in the host's
    /// command, and error flags (1 parity error, 2 truncated, 4 bus reset).
    /// </summary>
    public sealed record TargetData(int Initiator, uint Correlator, int Offset, int Errors, byte[] Data)
    {
        public bool HasErrors => Errors != 0;
    }
}
