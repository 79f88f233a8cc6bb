using System.Threading;
using ScsiBridge.Client.Transports;
using ScsiBridge.SimHost;

namespace ScsiBridge.Client.Tests.EndToEnd;

/// <summary>A transport with line noise towards the bridge: DamageNext spoils one bit in each of
/// the next n frames the client writes (the client writes one frame per call), so the bridge sees
/// CRC errors.</summary>
internal sealed class DamagingTransport : ILinkTransport
{
    private readonly ILinkTransport _inner;
    private int _damage;

    public DamagingTransport(ILinkTransport inner) => _inner = inner;

    public int Damaged;

    public void DamageNext(int frames) => Interlocked.Exchange(ref _damage, frames);

    public string Name => _inner.Name;

    public bool IsOpen => _inner.IsOpen;

    public int Read(byte[] buffer, int offset, int count, int timeoutMs) => _inner.Read(buffer, offset, count, timeoutMs);

    public void Write(byte[] buffer, int offset, int count)
    {
        if (Volatile.Read(ref _damage) > 0)
        {
            byte[] copy = buffer[offset..(offset + count)];
            if (FrameDamage.SpoilOneBit(copy, 0, copy.Length))
            {
                Interlocked.Decrement(ref _damage);
                Interlocked.Increment(ref Damaged);
                _inner.Write(copy, 0, copy.Length);
                return;
            }
        }
        _inner.Write(buffer, offset, count);
    }

    public void Dispose() => _inner.Dispose();
}
