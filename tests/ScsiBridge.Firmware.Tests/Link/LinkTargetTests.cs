using System;
using System.Collections.Generic;
using System.Linq;
using ScsiBridge.Firmware.Adapter;
using ScsiBridge.Firmware.Emulation;
using ScsiBridge.Firmware.Target;
using ScsiBridge.Firmware.Tests.Targets;
using ScsiBridge.Hal;
using ScsiBridge.Hal.Sim;
using ScsiBridge.Protocol;
using Xunit;

namespace ScsiBridge.Firmware.Tests.Link;

/// <summary>Target paths and images over the link. The bridge's target side is a target engine at
/// IDs 5 and 6 (processor at 6); the rig's adapter at ID 7 plays the vintage host.</summary>
public class LinkTargetTests
{
    private sealed class Library : IImageLibrary
    {
        public readonly Dictionary<string, MemoryBlockStore> Images = new();

        public IBlockStore? Open(string name, bool readOnly) => Images.TryGetValue(name, out var s) ? s : null;

        public string[] List(out long[] sizes)
        {
            string[] names = Images.Keys.OrderBy(n => n, StringComparer.Ordinal).ToArray();
            sizes = names.Select(n => Images[n].Length).ToArray();
            return names;
        }
    }

    private static (LinkRig link, TargetEngine engine, Library library) Setup()
    {
        var rig = new AdapterRig();
        SimController c = rig.Bus.Attach(new ControllerOptions(5));
        var engine = new TargetEngine(c, new SimPlatform(rig.Bus), new TargetConfig { IdMask = (1 << 5) | (1 << 6), RingBuffers = 32 });
        var target = new ScsiTarget(engine, 6);
        var library = new Library();
        var images = new ImageManager(engine, library, 1 << 5);
        rig.AddInstance("bridge target", engine.RunBusThread, engine.Stop);
        var link = new LinkRig(target: target, images: images, rig: rig);
        return (link, engine, library);
    }

    private static byte[] Str(string s) => new[] { (byte)s.Length }.Concat(System.Text.Encoding.ASCII.GetBytes(s)).ToArray();

    /// <summary>The host's first command to the new processor device meets its power-on unit
    /// attention, as on a real bus; a TEST UNIT READY takes it.</summary>
    private static void ClearPowerOn(LinkRig link)
    {
        IoRequest tur = link.Rig.NoData(6, 0, Cdb.TestUnitReady());
        link.Rig.Adapter.Execute(tur, true);
        Assert.Equal(2, tur.ScsiStatus);
    }

    private static void Open(LinkRig link)
    {
        link.Hello();
        link.Request(Opcodes.Elevate, 2, new byte[] { 0 });
    }

    [Fact]
    public void DataAHostSendsReachesThePcAsTargetDataEventsAndBuffersComeBack()
    {
        var (link, engine, _) = Setup();
        using var _d = link;
        var peer = link.Peer;
        byte[] sent = new byte[10000];
        new Random(8).NextBytes(sent);
        int status = -1;
        link.Run(() =>
        {
            Open(link);
            // TARGET_OPEN for initiator 7: 4096-byte buffers, 16 of them, correlator 0xC0FFEE.
            link.Request(Opcodes.TargetOpen, 3, new byte[] { 7, 0x00, 0x10, 16, 0, 0xEE, 0xFF, 0xC0, 0 });
            Assert.Equal(Errno.Ok, LinkPeer.Errno(peer.Last.Payload));
            // The host (the rig's adapter at ID 7) sends 10000 bytes to the processor at ID 6.
            link.Rig.Adapter.StartDevice(6, 0, true, true);
            ClearPowerOn(link);
            IoRequest r = link.Rig.Write(6, 0, new byte[] { 0x0A, 0, 0, (byte)(sent.Length >> 8), (byte)sent.Length, 0 }, sent);
            link.Rig.Adapter.Execute(r, true);
            status = r.ScsiStatus;
            link.Settle();
            link.Request(Opcodes.TargetClose, 4, new byte[] { 7 });
            Assert.Equal(Errno.Ok, LinkPeer.Errno(peer.Last.Payload));
            link.Request(Opcodes.TargetClose, 5, new byte[] { 7 });
            Assert.Equal(Errno.EINVAL, LinkPeer.Errno(peer.Last.Payload));  // already closed
        });
        Assert.Equal(0, status);
        byte[] got = new byte[sent.Length];
        int bytes = 0;
        foreach (var e in peer.Frames.Where(f => f.Type == FrameType.Event && f.Opcode == Opcodes.TargetData))
        {
            Assert.Equal(7, e.Payload[0]);
            Assert.Equal(0xC0FFEEu, BitConverter.ToUInt32(e.Payload, 1));
            int offset = BitConverter.ToInt32(e.Payload, 5);
            Assert.Equal(0, e.Payload[9]);
            Array.Copy(e.Payload, 10, got, offset, e.Payload.Length - 10);
            bytes += e.Payload.Length - 10;
        }
        Assert.Equal(sent.Length, bytes);
        Assert.Equal(sent, got);
        Assert.Equal(engine.Ring.Count, engine.Ring.FreeCount);
    }

    [Fact]
    public void QueuedReceiveDataAnswersTheHostsReceive()
    {
        var (link, _, _) = Setup();
        using var _d = link;
        var peer = link.Peer;
        byte[] got = new byte[5];
        link.Run(() =>
        {
            Open(link);
            link.Request(Opcodes.TargetOpen, 3, new byte[] { 7, 0x00, 0x10, 16, 0, 1, 0, 0, 0 });
            link.Request(Opcodes.TargetQueue, 4, new byte[] { 7, (byte)'h', (byte)'e', (byte)'l', (byte)'l', (byte)'o' });
            Assert.Equal(Errno.Ok, LinkPeer.Errno(peer.Last.Payload));
            link.Rig.Adapter.StartDevice(6, 0, false, true);
            ClearPowerOn(link);
            IoRequest r = link.Rig.Read(6, 0, new byte[] { 0x08, 0, 0, 0, 5, 0 }, got);
            Assert.Equal(Errno.Ok, link.Rig.Adapter.Execute(r, true));
        });
        Assert.Equal("hello", System.Text.Encoding.ASCII.GetString(got));
    }

    [Fact]
    public void ImagesAttachAppearOnTheBusEjectAndDetach()
    {
        var (link, _, library) = Setup();
        using var _d = link;
        var peer = link.Peer;
        library.Images["boot.img"] = new MemoryBlockStore(512 * 100, false);
        library.Images["cd.iso"] = new MemoryBlockStore(2048 * 10, true);
        var errnos = new List<int>();
        void Do(byte opcode, int id, byte[] payload)
        {
            link.Request(opcode, id, payload);
            errnos.Add(peer.Last.Type == FrameType.Response ? LinkPeer.Errno(peer.Last.Payload) : -LinkPeer.ErrorCode(peer.Last.Payload));
        }
        int probed = -1;
        link.Run(() =>
        {
            link.Hello();
            Do(Opcodes.ImageAttach, 2, new byte[] { 5, 0, 0, 0 }.Concat(Str("boot.img")).ToArray());    // not elevated
            link.Request(Opcodes.Elevate, 3, new byte[] { 0 });
            Do(Opcodes.ImageAttach, 4, new byte[] { 5, 0, 0, 0 }.Concat(Str("nothing.img")).ToArray());
            Do(Opcodes.ImageAttach, 5, new byte[] { 5, 0, 0, 0 }.Concat(Str("boot.img")).ToArray());
            Do(Opcodes.ImageAttach, 6, new byte[] { 5, 0, 0, 0 }.Concat(Str("boot.img")).ToArray());    // taken
            Do(Opcodes.ImageAttach, 7, new byte[] { 6, 0, 0, 0 }.Concat(Str("boot.img")).ToArray());    // not an image ID
            Do(Opcodes.ImageAttach, 8, new byte[] { 5, 1, 1, 1 }.Concat(Str("cd.iso")).ToArray());
            link.Request(Opcodes.Probe, 9, new byte[] { 5, 0 });
            probed = peer.Last.Payload[4];
            Do(Opcodes.ImageEject, 10, new byte[] { 5, 0 });     // a fixed disk has no eject
            Do(Opcodes.ImageEject, 11, new byte[] { 5, 1 });
            Do(Opcodes.ImageEject, 12, new byte[] { 5, 1 });     // nothing left to eject
            Do(Opcodes.ImageDetach, 13, new byte[] { 5, 0 });
            Do(Opcodes.ImageDetach, 14, new byte[] { 5, 0 });
        });
        Assert.Equal(new[] { Errno.EPERM, Errno.ENODEV, Errno.Ok, Errno.EBUSY, Errno.EINVAL, Errno.Ok,
                             Errno.EINVAL, Errno.Ok, Errno.EINVAL, Errno.Ok, Errno.EINVAL }, errnos);
        Assert.Equal(ProbeResult.Exists, probed);
    }
}
