using ScsiBridge.Protocol;

namespace ScsiBridge.Client.Api
{
    /// <summary>STATISTICS: the bridge's link counters and its ring's state.</summary>
    public sealed record LinkStatistics(uint FramesIn, uint FramesOut, uint BadCrc, uint BadCobs, uint Short, uint UnknownOpcode,
                                        uint BadLength, uint TooLarge, uint BadArgument, uint Replays, int RingFree, int RingHighWater,
                                        uint BusyRefusals, uint DataDropped, int DataHeld)
    {
        internal static LinkStatistics Read(PayloadReader r)
        {
            return new LinkStatistics(r.U32(), r.U32(), r.U32(), r.U32(), r.U32(), r.U32(), r.U32(), r.U32(), r.U32(), r.U32(),
                                      r.U16(), r.U16(), r.U32(), r.U32(), r.U16());
        }
    }
}
