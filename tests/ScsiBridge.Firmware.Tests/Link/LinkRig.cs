using System;
using System.Collections.Generic;
using ScsiBridge.Firmware.Emulation;
using ScsiBridge.Firmware.Link;
using ScsiBridge.Firmware.Target;
using ScsiBridge.Firmware.Tests.Targets;
using ScsiBridge.Hal.Buffers;
using ScsiBridge.Hal.Sim;
using ScsiBridge.Protocol;
using Xunit;

namespace ScsiBridge.Firmware.Tests.Link;

/// <summary>
/// A link server with its worker and transmitter threads on the simulated bus, beside the
/// adapter and a scripted disk at ID 0; the PC's side encodes requests and decodes whatever the
/// bridge sends. Send feeds frames and lets virtual time pass until the bridge is idle again.
/// </summary>
internal sealed class LinkRig : IDisposable
{
    public readonly AdapterRig Rig;
    public readonly LinkServer Server;
    public readonly LinkPeer Peer = new LinkPeer();
    public readonly ScriptedTarget Disk;

    /// <summary>The native data plane: the adapter's ring and the link's codec run the native code.</summary>
    public readonly bool NativeDataPlane;

    public LinkRig(LinkConfig? config = null, Action<ScriptedTargetOptions>? disk = null, ScsiTarget? target = null,
                   ImageManager? images = null, AdapterRig? rig = null, bool nativeDataPlane = true)
    {
        NativeDataPlane = nativeDataPlane;
        Rig = rig ?? new AdapterRig(null, nativeDataPlane);
        Disk = Rig.AddTarget(0, disk);
        Server = new LinkServer(Rig.Adapter, Rig.Platform(nativeDataPlane), Peer, config ?? new LinkConfig { BoardName = "sim" }, target, images);
        Rig.AddInstance("link worker", Server.RunWorker, StopServer);
        Rig.AddInstance("link transmitter", Server.RunTransmitter, () => { });
    }

    private void StopServer()
    {
        Server.Shutdown();
        while (!Server.Stopped) Rig.Bus.Clock.SleepNs(10_000);
    }

    public void Run(Action body) => Rig.Run(body);

    /// <summary>Feeds the bytes and waits (virtual time) until every answer is out.</summary>
    public void Send(byte[] wire)
    {
        Server.OnBytes(wire, 0, wire.Length);
        Settle();
    }

    /// <summary>Feeds the bytes without waiting (a request whose data is still to come).</summary>
    public void Feed(byte[] wire) => Server.OnBytes(wire, 0, wire.Length);

    public void Settle()
    {
        do
        {
            Rig.Bus.Clock.SleepNs(10_000);
        }
        while (!Server.IsIdle);
    }

    public void Request(byte opcode, int id, byte[] payload, byte flags = 0) => Send(Peer.Request(opcode, id, payload, flags));

    public void Hello() => Request(Opcodes.Hello, 1, new byte[] { 1, 0 });

    /// <summary>HELLO, ELEVATE and a started session on the disk at ID 0.</summary>
    public void OpenDisk(bool writes = false)
    {
        Hello();
        Request(Opcodes.Elevate, 2, new byte[] { 0 });
        Request(Opcodes.StartDevice, 3, new byte[] { 0, 0, (byte)(writes ? 1 : 0) });
        Assert.Equal(0, LinkPeer.Errno(Peer.Last.Payload));
    }

    /// <summary>Every ring buffer is back, and so is every native slot under it: none refused,
    /// as many releases as acquisitions.</summary>
    public void AssertEveryBufferBack()
    {
        BufferRing ring = Rig.Adapter.Ring;
        Assert.Equal(ring.Count, ring.FreeCount);
        if (!NativeDataPlane)
        {
            Assert.Null(ring.Slots);
            return;
        }
        Assert.NotNull(ring.Slots);  // the simulator's platform gives the adapter the native ring
        var stats = new SlotRingStats();
        ring.Slots!.GetStats(stats);
        Assert.Equal(0, stats.InUse);
        Assert.Equal(0, stats.RefusedReleases);
        Assert.Equal(stats.Acquires, stats.Releases);
    }

    public void Dispose() => Rig.Dispose();
}

/// <summary>The PC's end for link tests: encodes requests, decodes the bridge's frames.</summary>
internal sealed class LinkPeer : ILinkOutput
{
    private readonly FrameDecoder _decoder = new();
    private readonly FrameWriter _writer = new();
    public readonly List<(int Type, int Opcode, int Id, byte[] Payload, int Error)> Frames = new();

    /// <summary>Every byte the bridge sent, as it came.</summary>
    public readonly List<byte> Wire = new();

    public void Write(byte[] buffer, int offset, int count)
    {
        Wire.AddRange(buffer.AsSpan(offset, count).ToArray());
        while (count > 0)
        {
            int used = _decoder.Feed(buffer, offset, count, out bool complete);
            offset += used;
            count -= used;
            if (!complete) continue;
            Frame f = _decoder.Current;
            Assert.Equal(LinkErrors.None, f.Error);  // the bridge never sends a bad frame
            Frames.Add((f.Type, f.Opcode, f.RequestId, f.Buffer.AsSpan(f.PayloadOffset, f.PayloadLength).ToArray(), f.Error));
        }
    }

    public byte[] Request(byte opcode, int id, byte[] payload, byte flags = 0) => Encode(FrameType.Request, opcode, id, payload, flags);

    public byte[] Encode(byte type, byte opcode, int id, byte[] payload, byte flags = 0)
    {
        byte[] wire = new byte[LinkConstants.MaxEncoded];
        int n = _writer.Encode(type, flags, opcode, id, payload, 0, payload.Length, wire, 0);
        return wire[..n];
    }

    /// <summary>A write data frame: offset, then bytes.</summary>
    public byte[] Data(int id, int offset, byte[] data, int start, int count)
    {
        byte[] payload = new byte[4 + count];
        BitConverter.GetBytes(offset).CopyTo(payload, 0);
        Array.Copy(data, start, payload, 4, count);
        return Encode(FrameType.Data, Opcodes.Execute, id, payload);
    }

    public (int Type, int Opcode, int Id, byte[] Payload, int Error) Last => Frames[^1];

    /// <summary>The response (or error) to request id.</summary>
    public (int Type, int Opcode, int Id, byte[] Payload, int Error) AnswerTo(int id) =>
        Frames.FindLast(f => f.Id == id && (f.Type == FrameType.Response || f.Type == FrameType.Error));

    public static int Errno(byte[] response) => BitConverter.ToInt32(response, 0);

    public static int ErrorCode(byte[] payload) => payload[0] | (payload[1] << 8);

    /// <summary>An EXECUTE payload.</summary>
    public static byte[] Execute(int id, int lun, byte[] cdb, bool read, int length, int timeoutMs = 2000)
    {
        byte[] exec = new byte[4 + 16 + 8];
        exec[0] = (byte)id;
        exec[1] = (byte)lun;
        exec[2] = (byte)(read ? 1 : 0);
        exec[3] = (byte)cdb.Length;
        Array.Copy(cdb, 0, exec, 4, cdb.Length);
        BitConverter.GetBytes(length).CopyTo(exec, 20);
        BitConverter.GetBytes(timeoutMs).CopyTo(exec, 24);
        return exec;
    }
}
