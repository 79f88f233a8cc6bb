using ScsiBridge.Client.Transports;

namespace ScsiBridge.Campaign.Tests;

/// <summary>
/// Line trouble between the tool and its port, both ways: each frame damaged with a given
/// probability (one bit flipped at a random byte: a CRC error, or a broken COBS code, or, when
/// the flip makes a zero or spoils the delimiter, two frames run together), single frames lost
/// whole, and the port hung up (the USB cable pulled: the tool's reads and writes fail, the
/// bridge sees the hang-up). The tool writes one frame per call; frames from the bridge are
/// found by their delimiters. Seeded, so a run is the same run.
/// </summary>
internal sealed class NoisyLink : ILinkTransport
{
    private readonly ILinkTransport _inner;
    private readonly LinkTrouble _trouble;
    private readonly object _lock = new();

    // The frame coming from the bridge: whether it is to be damaged, at which byte; or dropped.
    private int _inAt;
    private int _inDamageAt = -1;
    private bool _inDrop;
    private bool _hungUp;
    private readonly List<byte> _dropped = new();
    private readonly List<byte> _current = new();
    private readonly Queue<string> _recent = new();
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    /// <summary>The last frames each way (time, direction, header): what a hung run was doing.</summary>
    public string[] Recent()
    {
        lock (_lock) return _recent.ToArray();
    }

    private void Remember(string what)
    {
        _recent.Enqueue(_clock.ElapsedMilliseconds + " ms " + what);
        while (_recent.Count > 40) _recent.Dequeue();
    }

    /// <summary>What was lost, for a person looking at one job closely.</summary>
    public static Action<string>? Trace;

    private static string Describe(byte[] encoded, int count)
    {
        var decoder = new ScsiBridge.Protocol.FrameDecoder();
        decoder.Feed(encoded, 0, count, out bool complete);
        var f = decoder.Current;
        return complete ? "type " + f.Type + " opcode 0x" + f.Opcode.ToString("X2") + " id " + f.RequestId + " length " + f.PayloadLength + " error " + f.Error : "incomplete";
    }

    public NoisyLink(ILinkTransport inner, LinkTrouble trouble)
    {
        _inner = inner;
        _trouble = trouble;
        NextIncoming();
    }

    public string Name => _inner.Name;

    public bool IsOpen => !_hungUp && _inner.IsOpen;

    public int Read(byte[] buffer, int offset, int count, int timeoutMs)
    {
        CheckHangup();
        int n = _inner.Read(buffer, offset, count, timeoutMs);
        lock (_lock)
        {
            int kept = offset;
            for (int i = offset; i < offset + n; i++)
            {
                byte b = buffer[i];
                bool end = b == 0;
                if (_inAt == _inDamageAt || (end && _inDamageAt > _inAt))
                {
                    // (a frame shorter than the damage's place loses its delimiter: two frames run together)
                    b ^= (byte)(1 << _trouble.Random.Next(8));
                    _trouble.Count(FaultKind.FrameDamagedToPc);
                }
                _inAt++;
                if (!_inDrop) buffer[kept++] = b;
                else _dropped.Add(b);
                _current.Add(b);
                if (end)
                {
                    Remember("to PC " + Describe(_current.ToArray(), _current.Count) + (_inDrop ? " LOST" : ""));
                    _current.Clear();
                }
                if (end && _inDrop) Trace?.Invoke("lost to the PC: " + Describe(_dropped.ToArray(), _dropped.Count));
                if (end) NextIncoming();
            }
            return kept - offset;
        }
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        CheckHangup();
        byte[] frame = buffer[offset..(offset + count)];
        lock (_lock)
        {
            Remember("to bridge " + Describe(frame, frame.Length));
            if (_trouble.TakeLoss(toPc: false))
            {
                Trace?.Invoke("lost to the bridge: " + Describe(frame, frame.Length));
                return;
            }
            if (_trouble.Random.NextDouble() < _trouble.FrameErrorRate)
            {
                frame[_trouble.Random.Next(frame.Length)] ^= (byte)(1 << _trouble.Random.Next(8));
                _trouble.Count(FaultKind.FrameDamagedToBridge);
            }
        }
        _inner.Write(frame, 0, frame.Length);
    }

    /// <summary>The cable is pulled: from now on nothing passes, and the bridge sees a hang-up.</summary>
    public void HangUp()
    {
        lock (_lock)
        {
            if (_hungUp) return;
            _hungUp = true;
        }
        _inner.Dispose();
    }

    private void CheckHangup()
    {
        if (_trouble.TakeHangup()) HangUp();
        if (_hungUp) throw new LinkHangupException(Name + ": the port hung up (the campaign pulled the cable)", Name, "read", 5, "EIO");
    }

    private void NextIncoming()
    {
        _inAt = 0;
        _dropped.Clear();
        _inDrop = _trouble.TakeLoss(toPc: true);
        // Half the hits land in the first bytes (the header), half anywhere in a full data frame.
        _inDamageAt = !_inDrop && _trouble.Random.NextDouble() < _trouble.FrameErrorRate
            ? (_trouble.Random.Next(2) == 0 ? _trouble.Random.Next(0, 14) : _trouble.Random.Next(0, 4200))
            : -1;
    }

    public void Dispose()
    {
        lock (_lock) _hungUp = true;
        _inner.Dispose();
    }
}
