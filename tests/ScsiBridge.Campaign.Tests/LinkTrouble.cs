namespace ScsiBridge.Campaign.Tests;

/// <summary>
/// What the link does wrong during one run of a job: a frame error rate both ways, a single frame
/// to lose each way, and a hang-up after a given frame the tool wrote. A frame is named by what it
/// is, not by when it went: the request it belongs to and its place among that request's frames
/// in its direction; and whether a frame is damaged is a function of the seed, of what the frame
/// is (type, opcode, request, data offset) and of how many times that same frame went before.
/// The tool's reader, its writers and its pipelined requests run on threads of their own, so
/// counting frames in the order they happened to pass would pick other frames on another run;
/// this way every run of a seed spoils the same frames.
/// </summary>
internal sealed class LinkTrouble
{
    private readonly Tally _tally;
    private readonly ulong _seed;
    private readonly FrameName? _loseToPc;
    private readonly FrameName? _loseToBridge;
    private readonly FrameName? _hangupAfter;
    private readonly Dictionary<(bool, int), int> _framesOfRequest = new();
    private readonly Dictionary<(bool, ulong), int> _seen = new();
    private bool _lostToPc, _lostToBridge, _hungUp;

    /// <summary>A frame by the request it belongs to and its place (0: the first) among that
    /// request's frames one way.</summary>
    public readonly record struct FrameName(int RequestId, int Index);

    public LinkTrouble(int seed, Tally tally, double frameErrorRate, FrameName? loseToPc, FrameName? loseToBridge, FrameName? hangupAfter)
    {
        _seed = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL;
        _tally = tally;
        FrameErrorRate = frameErrorRate;
        _loseToPc = loseToPc;
        _loseToBridge = loseToBridge;
        _hangupAfter = hangupAfter;
    }

    /// <summary>No trouble at all (a clean rerun).</summary>
    public static LinkTrouble None(Tally tally) => new LinkTrouble(0, tally, 0, null, null, null);

    public double FrameErrorRate { get; }

    public void Count(FaultKind kind) => _tally.Injected(kind);

    /// <summary>What becomes of one whole frame going one way.</summary>
    public readonly record struct Fate(bool Lost, int DamageAt, int DamageBit, bool HangUpAfter);

    /// <summary>The fate of a frame (its decoded header, and the first payload bytes that say a
    /// data frame's offset) of the given encoded length; called once per frame each way, in the
    /// order of that direction.</summary>
    public Fate Decide(bool toPc, int type, int opcode, int requestId, uint offset, int encodedLength)
    {
        lock (_framesOfRequest)
        {
            int index = _framesOfRequest.TryGetValue((toPc, requestId), out int i) ? i : 0;
            _framesOfRequest[(toPc, requestId)] = index + 1;
            var name = new FrameName(requestId, index);
            bool lost = false;
            if (toPc && !_lostToPc && _loseToPc == name) lost = _lostToPc = true;
            if (!toPc && !_lostToBridge && _loseToBridge == name) lost = _lostToBridge = true;
            if (lost) Count(FaultKind.FrameLost);
            bool hangUp = !toPc && !_hungUp && _hangupAfter == name;
            if (hangUp)
            {
                _hungUp = true;
                Count(FaultKind.PortHungUp);
            }
            ulong key = ((ulong)(uint)type << 56) ^ ((ulong)(uint)opcode << 48) ^ ((ulong)(uint)requestId << 32) ^ offset;
            int time = _seen.TryGetValue((toPc, key), out int t) ? t : 0;
            _seen[(toPc, key)] = time + 1;
            ulong h = Mix(_seed ^ Mix(key ^ (toPc ? 0x5555UL : 0xAAAAUL)) ^ ((ulong)time * 0xBF58476D1CE4E5B9UL));
            int at = -1, bit = 0;
            if (!lost && FrameErrorRate > 0 && (h >> 11) * (1.0 / (1UL << 53)) < FrameErrorRate)
            {
                ulong g = Mix(h);
                // Half the hits land in the first bytes (the header), half anywhere in the frame
                // (its delimiter too: then two frames run together).
                at = (int)((g & 1) == 0 ? (g >> 8) % 14 : (g >> 8) % (ulong)encodedLength);
                if (at >= encodedLength) at = encodedLength - 1;
                bit = (int)((g >> 40) % 8);
                Count(toPc ? FaultKind.FrameDamagedToPc : FaultKind.FrameDamagedToBridge);
            }
            return new Fate(lost, at, bit, hangUp);
        }
    }

    // SplitMix64's finaliser: every input bit reaches every output bit.
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
