namespace ScsiBridge.Client.Api
{
    /// <summary>What the bridge says of itself in HELLO.</summary>
    public sealed class BridgeInfo
    {
        public int Version { get; init; }
        public int AdapterId { get; init; }
        public int MaxPayload { get; init; }
        public uint MaxTransfer { get; init; }
        public int RingBuffers { get; init; }
        public int RingBufferSize { get; init; }
        public int Window { get; init; }
        public uint Capabilities { get; init; }
        public string FirmwareVersion { get; init; } = "";
        public string BoardName { get; init; } = "";

        /// <summary>Write data frames the PC may have outstanding.</summary>
        public int Credits { get; init; }
    }
}
