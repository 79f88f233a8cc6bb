using ScsiBridge.Client.Transports;

namespace ScsiBridge.Campaign.Tests;

/// <summary>
/// Line trouble between the tool and its port, both ways: frames damaged (one bit flipped: a CRC
/// error, or a broken COBS code, or, when the flip makes a zero or spoils the delimiter, two
/// frames run together), a frame lost whole, and the port hung up (the USB cable pulled: the
/// tool's reads and writes fail, the bridge sees the hang-up). Which frames, LinkTrouble decides
/// from what each frame is. The tool writes one frame per call; frames from the bridge are
/// gathered to their delimiters and passed on whole.
/// </summary>
internal sealed class NoisyLink : ILinkTransport
{
    private readonly ILinkTransport _inner;
    private readonly LinkTrouble _trouble;
    private readonly object _lock = new();
    private readonly byte[] _chunk = new byte[8192];
    private readonly List<byte> _current = new();      // the frame from the bridge so far
    private readonly Queue<byte> _ready = new();        // whole frames for the tool, as they are to arrive
    private readonly Queue<string> _recent = new();
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private volatile bool _hungUp;
    private volatile bool _dead;

    public NoisyLink(ILinkTransport inner, LinkTrouble trouble)
    {
        _inner = inner;
        _trouble = trouble;
    }

    /// <summary>What was lost, for a person looking at one job closely.</summary>
    public static Action<string>? Trace;

    /// <summary>The last frames each way (time, direction, header): what a hung run was doing.</summary>
    public string[] Recent()
    {
        lock (_lock) return _recent.ToArray();
    }

    public string Name => _inner.Name;

    public bool IsOpen => !_hungUp && _inner.IsOpen;

    public int Read(byte[] buffer, int offset, int count, int timeoutMs)
    {
        CheckHangup();
        lock (_lock)
        {
            if (_ready.Count > 0) return Drain(buffer, offset, count);
        }
        int n = _inner.Read(_chunk, 0, _chunk.Length, timeoutMs);
        if (_dead) return 0;
        lock (_lock)
        {
            for (int i = 0; i < n; i++)
            {
                _current.Add(_chunk[i]);
                if (_chunk[i] == 0) ArrivedWhole();
            }
            return Drain(buffer, offset, count);
        }
    }

    private int Drain(byte[] buffer, int offset, int count)
    {
        int n = 0;
        while (n < count && _ready.Count > 0) buffer[offset + n++] = _ready.Dequeue();
        return n;
    }

    private void ArrivedWhole()
    {
        byte[] frame = _current.ToArray();
        _current.Clear();
        var (type, opcode, id, offset, text) = Describe(frame);
        LinkTrouble.Fate fate = _trouble.Decide(true, type, opcode, id, offset, frame.Length);
        Remember("to PC " + text + (fate.Lost ? " LOST" : fate.DamageAt >= 0 ? " DAMAGED" : ""));
        if (fate.Lost)
        {
            Trace?.Invoke("lost to the PC: " + text);
            Lost?.Invoke(text);
            return;
        }
        if (fate.DamageAt >= 0) frame[fate.DamageAt] ^= (byte)(1 << fate.DamageBit);
        foreach (byte b in frame) _ready.Enqueue(b);
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        CheckHangup();
        if (_dead) return;
        byte[] frame = buffer[offset..(offset + count)];
        var (type, opcode, id, dataOffset, text) = Describe(frame);
        LinkTrouble.Fate fate = _trouble.Decide(false, type, opcode, id, dataOffset, frame.Length);
        lock (_lock) Remember("to bridge " + text + (fate.Lost ? " LOST" : fate.DamageAt >= 0 ? " DAMAGED" : ""));
        if (fate.Lost)
        {
            Trace?.Invoke("lost to the bridge: " + text);
            Lost?.Invoke(text);
        }
        else
        {
            if (fate.DamageAt >= 0) frame[fate.DamageAt] ^= (byte)(1 << fate.DamageBit);
            _inner.Write(frame, 0, frame.Length);
        }
        // The scheduled hang-up comes right after the frame it follows.
        if (fate.HangUpAfter)
        {
            HungUpByTrouble?.Invoke();
            HangUp();
        }
    }

    /// <summary>Called with the header of each frame lost whole, either way.</summary>
    public Action<string>? Lost { get; set; }

    /// <summary>Called as the scheduled hang-up comes (the run's life on the bridge ends there).</summary>
    public Action? HungUpByTrouble { get; set; }

    /// <summary>The tool is being killed: from now on nothing passes either way, but the tool
    /// sees no hang-up (a killed tool sees nothing at all), so how it stops depends only on the
    /// kill. HangUp afterwards closes the port.</summary>
    public void GoDead() => _dead = true;

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
        if (_hungUp) throw new LinkHangupException(Name + ": the port hung up (the campaign pulled the cable)", Name, "read", 5, "EIO");
    }

    private void Remember(string what)
    {
        _recent.Enqueue(_clock.ElapsedMilliseconds + " ms " + what);
        while (_recent.Count > 40) _recent.Dequeue();
    }

    // The header of an encoded frame, and a data frame's offset (its first four payload bytes).
    private static (int Type, int Opcode, int Id, uint Offset, string Text) Describe(byte[] encoded)
    {
        var decoder = new ScsiBridge.Protocol.FrameDecoder();
        decoder.Feed(encoded, 0, encoded.Length, out bool complete);
        var f = decoder.Current;
        if (!complete || (f.Error != 0 && !f.HeaderReadable)) return (0, 0, -1, 0, "unreadable");
        uint offset = f.Type == ScsiBridge.Protocol.FrameType.Data && f.PayloadLength >= 4 ? BitConverter.ToUInt32(f.Buffer, f.PayloadOffset) : 0;
        return (f.Type, f.Opcode, f.RequestId, offset,
                "type " + f.Type + " opcode 0x" + f.Opcode.ToString("X2") + " id " + f.RequestId + " length " + f.PayloadLength + " error " + f.Error);
    }

    public void Dispose()
    {
        _hungUp = true;
        _inner.Dispose();
    }
}
