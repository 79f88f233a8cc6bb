using System;
using System.Collections.Generic;
using System.Threading;
using ScsiBridge.Client.Transports;
using ScsiBridge.Firmware.Link;

namespace ScsiBridge.Client.Tests.EndToEnd;

/// <summary>
/// Both ends of a link in memory: the client's ILinkTransport and the bridge's ILinkOutput plus
/// a non-blocking read for the link server's polling loop. DropResponses makes the next n
/// frames towards the client vanish, as a lossy cable would.
/// </summary>
internal sealed class InMemoryLink : ILinkTransport, ILinkOutput
{
    private readonly object _lock = new();
    private readonly Queue<byte> _toBridge = new();
    private readonly Queue<byte> _toClient = new();
    private bool _open = true;
    public int DropFrames;

    public string Name => "memory";

    public bool IsOpen => _open;

    // Client side.
    public int Read(byte[] buffer, int offset, int count, int timeoutMs)
    {
        lock (_lock)
        {
            if (_toClient.Count == 0) Monitor.Wait(_lock, timeoutMs < 0 ? Timeout.Infinite : timeoutMs);
            if (!_open) throw new ObjectDisposedException(Name);
            int n = 0;
            while (n < count && _toClient.Count > 0) buffer[offset + n++] = _toClient.Dequeue();
            return n;
        }
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        lock (_lock)
        {
            for (int i = 0; i < count; i++) _toBridge.Enqueue(buffer[offset + i]);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _open = false;
            Monitor.PulseAll(_lock);
        }
    }

    // Bridge side.
    public int TakeForBridge(byte[] buffer)
    {
        lock (_lock)
        {
            int n = 0;
            while (n < buffer.Length && _toBridge.Count > 0) buffer[n++] = _toBridge.Dequeue();
            return n;
        }
    }

    void ILinkOutput.Write(byte[] buffer, int offset, int count)
    {
        lock (_lock)
        {
            if (DropFrames > 0)
            {
                DropFrames--;
                return;  // the whole frame is lost (the server writes one frame per call)
            }
            for (int i = 0; i < count; i++) _toClient.Enqueue(buffer[offset + i]);
            Monitor.PulseAll(_lock);
        }
    }
}
