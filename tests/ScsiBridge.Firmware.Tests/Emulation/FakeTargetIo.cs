using System;
using ScsiBridge.Firmware.Target;
using ScsiBridge.Hal;
using ScsiBridge.Hal.Buffers;

namespace ScsiBridge.Firmware.Tests.Emulation;

/// <summary>
/// The target engine as a logical unit sees it, without a bus: Send records the bytes of the
/// DATA IN phase, Receive hands out the bytes a test supplied for DATA OUT, buffers come from a
/// small real <see cref="BufferRing"/>. Preallocated, so that it allocates nothing per call either.
/// </summary>
public sealed class FakeTargetIo : ITargetIo
{
    private readonly byte[] _sent;
    private int _sentLength;
    private byte[] _supply = Array.Empty<byte>();
    private int _supplyPosition;
    private int _supplyLength;

    public FakeTargetIo(int buffers = 4, int bufferSize = 4096, int recordCapacity = 1 << 20)
    {
        Ring = new BufferRing(buffers, bufferSize, new ManagedBufferAllocator());
        _sent = new byte[recordCapacity];
    }

    public BufferRing Ring { get; }

    /// <summary>Send and Receive calls so far.</summary>
    public int Sends { get; private set; }

    public int Receives { get; private set; }

    /// <summary>ReleaseBuffer calls the ring refused (double, foreign).</summary>
    public int BadReleases { get; private set; }

    /// <summary>Buffers handed to Send or Receive that the ring had not handed out.</summary>
    public int ForeignBuffers { get; private set; }

    /// <summary>AcquireBuffer answers null (and WaitForBuffer too when <see cref="WaitEndsCommand"/>).</summary>
    public bool RingExhausted { get; set; }

    public bool WaitEndsCommand { get; set; }

    /// <summary>Send fails with this errno once this many bytes were sent (-1: never).</summary>
    public int FailSendAfter { get; set; } = -1;

    public int FailSendErrno { get; set; } = Errno.ECANCELED;

    public int SentLength => _sentLength;

    /// <summary>Bytes still supplied but not received.</summary>
    public int SupplyLeft => _supplyLength - _supplyPosition;

    public byte[] Sent()
    {
        byte[] copy = new byte[_sentLength];
        Array.Copy(_sent, copy, _sentLength);
        return copy;
    }

    /// <summary>Forgets what was sent and supplies <paramref name="dataOut"/> for the next command.</summary>
    public void Reset(byte[]? dataOut = null)
    {
        _sentLength = 0;
        Sends = 0;
        Receives = 0;
        _supply = dataOut ?? Array.Empty<byte>();
        _supplyPosition = 0;
        _supplyLength = _supply.Length;
    }

    /// <summary>Forgets what was sent without touching the supply (allocation-free).</summary>
    public void ClearSent() => _sentLength = 0;

    public int Send(byte[] buffer, int offset, int count)
    {
        CheckRingMemory(buffer);
        Sends++;
        if (FailSendAfter >= 0 && _sentLength + count > FailSendAfter)
        {
            int part = Math.Max(0, FailSendAfter - _sentLength);
            Array.Copy(buffer, offset, _sent, _sentLength, part);
            _sentLength += part;
            return FailSendErrno;
        }
        if (_sentLength + count > _sent.Length) throw new InvalidOperationException("the fake's record is full");
        Array.Copy(buffer, offset, _sent, _sentLength, count);
        _sentLength += count;
        return Errno.Ok;
    }

    public int Receive(byte[] buffer, int offset, int count)
    {
        CheckRingMemory(buffer);
        Receives++;
        if (_supplyLength - _supplyPosition < count)
        {
            // The host sent less than the unit asked for: the phase ends early.
            return Errno.EIO;
        }
        Array.Copy(_supply, _supplyPosition, buffer, offset, count);
        _supplyPosition += count;
        return Errno.Ok;
    }

    public RingBuffer? AcquireBuffer() => RingExhausted ? null : Ring.TryAcquire();

    public RingBuffer? WaitForBuffer() => RingExhausted && WaitEndsCommand ? null : Ring.TryAcquire();

    public bool WaitForRelease() => !(RingExhausted && WaitEndsCommand);

    public bool MayDisconnect { get; set; } = true;

    public void ReleaseBuffer(RingBuffer buffer)
    {
        if (Ring.Release(buffer) != Errno.Ok) BadReleases++;
    }

    private void CheckRingMemory(byte[] buffer)
    {
        for (int i = 0; i < Ring.Count; i++)
        {
            RingBuffer b = Ring.At(i);
            if (ReferenceEquals(b.Data, buffer))
            {
                if (!b.InUse) ForeignBuffers++;
                return;
            }
        }
        ForeignBuffers++;
    }
}
