using System;
using System.Collections.Generic;
using ScsiBridge.Firmware.Adapter;
using ScsiBridge.Firmware.Link;
using ScsiBridge.Firmware.Tests.Targets;
using ScsiBridge.Hal;
using ScsiBridge.Hal.Sim;
using ScsiBridge.Protocol;
using Xunit;

namespace ScsiBridge.Firmware.Tests.Link;

/// <summary>The link server fed real encoded frames, answering with real frames.</summary>
public class LinkServerTests
{
    [Fact]
    public void HelloComesFirstAndDescribesTheBridge()
    {
        using var link = new LinkRig();
        var peer = link.Peer;
        link.Run(() =>
        {
            link.Request(Opcodes.IocInfo, 5, Array.Empty<byte>());
            Assert.Equal(FrameType.Error, peer.Last.Type);
            Assert.Equal(5, peer.Last.Id);
            link.Hello();
        });
        var hello = peer.Last;
        Assert.Equal(FrameType.Response, hello.Type);
        var r = new PayloadReader().Reset(hello.Payload, 0, hello.Payload.Length);
        Assert.Equal(0u, r.U32());
        Assert.Equal(1, r.U8());                  // version used
        Assert.Equal(7, r.U8());                  // adapter ID
        Assert.Equal(4096, r.U16());              // max payload
        r.U32();
        Assert.Equal(16, r.U16());                // ring buffers
        Assert.Equal(4096, r.U16());
        Assert.Equal(LinkServer.Window, r.U8());
        r.U32();
        Assert.Equal(ScsiAdapter.FirmwareVersion, r.Str());
        Assert.Equal("sim", r.Str());
        Assert.Equal(8, r.U16());                 // write credits: half the ring
        Assert.True(r.Ok);
    }

    [Fact]
    public void EveryBadFrameIsAnsweredWithItsError()
    {
        using var link = new LinkRig();
        var peer = link.Peer;
        var codes = new List<int>();
        link.Run(() =>
        {
            link.Hello();
            byte[] good = peer.Request(Opcodes.Probe, 9, new byte[] { 0, 0 });
            byte[] badCrc = (byte[])good.Clone();
            badCrc[4] ^= 0x01;  // damages a header byte inside the COBS block
            link.Send(badCrc);
            link.Send(new byte[] { 0x09, 1, 2, 0 });                                      // COBS block past the end
            link.Send(new byte[] { 0x03, 1, 1, 0 });                                      // too short
            link.Request(0x77, 10, Array.Empty<byte>());                                  // unknown opcode
            link.Request(Opcodes.Probe, 11, new byte[] { 0 });                            // payload too short
            link.Request(Opcodes.Probe, 12, new byte[] { 9, 0 });                         // ID 9
            link.Request(Opcodes.Execute, 13, LinkPeer.Execute(0, 0, new byte[6], false, 0));  // not elevated
            byte[] huge = new byte[LinkConstants.MaxEncoded + 5];
            Array.Fill(huge, (byte)7);
            huge[^1] = 0;
            link.Send(huge);
            link.Request(Opcodes.Statistics, 14, Array.Empty<byte>());
        });
        foreach (var f in peer.Frames) if (f.Type == FrameType.Error) codes.Add(LinkPeer.ErrorCode(f.Payload));
        Assert.Equal(new[] { LinkErrors.BadCrc, LinkErrors.BadCobs, LinkErrors.ShortFrame, LinkErrors.UnknownOpcode,
                             LinkErrors.BadLength, LinkErrors.BadArgument, LinkErrors.PayloadTooLarge }, codes);
        Assert.Equal(Errno.EPERM, LinkPeer.Errno(peer.AnswerTo(13).Payload));  // not elevated: the operation's own EPERM
        var stats = new PayloadReader().Reset(peer.Last.Payload, 0, peer.Last.Payload.Length);
        Assert.Equal(0u, stats.U32());
        stats.U32();
        stats.U32();
        Assert.Equal(1u, stats.U32());  // bad CRC
        Assert.Equal(1u, stats.U32());  // bad COBS
        Assert.Equal(1u, stats.U32());  // short
        Assert.Equal(1u, stats.U32());  // unknown opcode
        Assert.Equal(1u, stats.U32());  // bad length
        Assert.Equal(1u, stats.U32());  // too large
        Assert.Equal(16, link.Rig.Adapter.Ring.FreeCount);
        link.AssertEveryBufferBack();
    }

    [Fact]
    public void ElevationNeedsThePinAndBacksOffAfterAFailure()
    {
        using var link = new LinkRig(new LinkConfig { AdminPin = "4711", ElevateBackoffNs = 1_000_000_000 });
        var peer = link.Peer;
        var results = new List<int>();
        byte[] Pin(string s) { var b = new byte[1 + s.Length]; b[0] = (byte)s.Length; for (int i = 0; i < s.Length; i++) b[1 + i] = (byte)s[i]; return b; }
        link.Run(() =>
        {
            link.Hello();
            link.Request(Opcodes.Elevate, 2, Pin("0000"));
            results.Add(LinkPeer.Errno(peer.Last.Payload));
            link.Request(Opcodes.Elevate, 3, Pin("4711"));  // too soon after a failure
            results.Add(LinkPeer.Errno(peer.Last.Payload));
            link.Rig.Bus.Clock.SleepNs(1_100_000_000);
            link.Request(Opcodes.Elevate, 4, Pin("4711"));
            results.Add(LinkPeer.Errno(peer.Last.Payload));
        });
        Assert.Equal(new[] { Errno.EPERM, Errno.EBUSY, Errno.Ok }, results);
    }

    [Fact]
    public void ExecuteStreamsReadDataAsDataFramesThenTheResponse()
    {
        using var link = new LinkRig();
        var peer = link.Peer;
        link.Run(() =>
        {
            link.OpenDisk();
            Assert.Equal(Errno.Ok, LinkPeer.Errno(peer.Last.Payload));
            link.Request(Opcodes.Execute, 4, LinkPeer.Execute(0, 0, Cdb.Read10(4, 16), true, 8192));  // 8 KiB
        });
        var data = peer.Frames.FindAll(f => f.Type == FrameType.Data && f.Id == 4);
        Assert.Equal(4, data.Count);  // each 4 KiB ring buffer needs two frames: the offset takes room too
        Assert.Equal(4, link.Server.NativeDataFramesOut);  // framed natively, straight from the ring slots
        byte[] got = new byte[8192];
        foreach (var d in data) Array.Copy(d.Payload, 4, got, BitConverter.ToInt32(d.Payload, 0), d.Payload.Length - 4);
        Assert.Equal(link.Disk.Image[(4 * 512)..(20 * 512)], got);
        Assert.Equal(FrameType.Response, peer.Last.Type);
        Assert.Equal(Errno.Ok, LinkPeer.Errno(peer.Last.Payload));
        Assert.Equal(16, link.Rig.Adapter.Ring.FreeCount);
        link.AssertEveryBufferBack();
        Assert.Equal("", link.Rig.ViolationsText());
    }

    [Fact]
    public void AnExecuteLongerThanTheLargestTransferIsEinvalWithNoCompletion()
    {
        using var link = new LinkRig();
        var peer = link.Peer;
        var info = new AdapterInfo();
        link.Rig.Adapter.GetInfo(info);
        int served = link.Disk.CommandsServed;
        link.Run(() =>
        {
            link.OpenDisk();
            link.Request(Opcodes.Execute, 4, LinkPeer.Execute(0, 0, new byte[] { 0x12, 0, 0, 0, 36, 0 }, true, info.MaxTransferBytes + 1));
        });
        Assert.Equal(FrameType.Response, peer.Last.Type);
        Assert.Equal(Errno.EINVAL, LinkPeer.Errno(peer.Last.Payload));
        Assert.Equal(4, peer.Last.Payload.Length);  // errno only: no status, residual or data
        Assert.Empty(peer.Frames.FindAll(f => f.Type == FrameType.Data && f.Id == 4));
        Assert.Equal(served, link.Disk.CommandsServed);  // nothing reached the bus
    }

    [Fact]
    public void ARetransmittedRequestIsAnsweredFromTheRecordNotRunAgain()
    {
        using var link = new LinkRig();
        var peer = link.Peer;
        var answers = new List<int>();
        link.Run(() =>
        {
            link.Hello();
            link.Request(Opcodes.StartDevice, 21, new byte[] { 0, 0, 0 });
            answers.Add(LinkPeer.Errno(peer.Last.Payload));
            link.Request(Opcodes.StartDevice, 21, new byte[] { 0, 0, 0 }, FrameFlags.Retransmission);
            answers.Add(LinkPeer.Errno(peer.Last.Payload));
            link.Request(Opcodes.StartDevice, 22, new byte[] { 0, 0, 0 });  // a new request: already started
            answers.Add(LinkPeer.Errno(peer.Last.Payload));
        });
        Assert.Equal(new[] { Errno.Ok, Errno.Ok, Errno.EINVAL }, answers);
        Assert.Equal(1, link.Server.Replays);
    }

    [Fact]
    public void DeviceEventsAreForwardedWithTheCorrelator()
    {
        using var link = new LinkRig();
        var peer = link.Peer;
        link.Run(() =>
        {
            link.Hello();
            link.Request(Opcodes.StartDevice, 2, new byte[] { 0, 0, 0 });
            link.Request(Opcodes.RegisterEvents, 3, new byte[] { 0, 0, 0x78, 0x56, 0x34, 0x12 });
            link.Rig.Bus.Inject(SimFault.ResetAt(link.Rig.Bus.NowNs + 1000));
            link.Rig.Bus.Clock.SleepNs(200_000);
            link.Settle();
        });
        var ev = peer.Frames.Find(f => f.Type == FrameType.Event);
        Assert.Equal(Opcodes.DeviceEvent, ev.Opcode);
        Assert.Equal(AdapterEventKind.BusReset, ev.Payload[0]);
        Assert.Equal(0x12345678u, BitConverter.ToUInt32(ev.Payload, 3));
    }

    [Fact]
    public void LosingThePeerStopsItsWorkAndWaitsForTheNextHello()
    {
        using var link = new LinkRig();
        var peer = link.Peer;
        link.Run(() =>
        {
            link.OpenDisk();
            link.Server.OnPeerLost();
            link.Settle();
            Assert.False(link.Server.Elevated);
            link.Request(Opcodes.StartDevice, 4, new byte[] { 0, 0, 0 });
            Assert.Equal(FrameType.Error, peer.Last.Type);   // no HELLO yet
            link.Hello();
            link.Request(Opcodes.StartDevice, 5, new byte[] { 0, 0, 0 });
            Assert.Equal(Errno.Ok, LinkPeer.Errno(peer.Last.Payload));  // the old session was stopped
        });
        Assert.Equal(16, link.Rig.Adapter.Ring.FreeCount);
        link.AssertEveryBufferBack();
    }

    [Fact]
    public void ASecondHelloEndsTheEarlierSession()
    {
        using var link = new LinkRig();
        var peer = link.Peer;
        link.Run(() =>
        {
            link.OpenDisk();
            link.Request(Opcodes.Hello, 4, new byte[] { 1, 0 });   // a new PC, the old hang-up unseen
            Assert.False(link.Server.Elevated);
            link.Request(Opcodes.StartDevice, 5, new byte[] { 0, 0, 0 });
        });
        Assert.Equal(0, LinkPeer.Errno(peer.AnswerTo(5).Payload));  // started afresh, not EINVAL
    }

    [Fact]
    public void TheWindowHoldsFourRequestsAndTheyAreAnsweredInOrder()
    {
        using var link = new LinkRig();
        var peer = link.Peer;
        link.Run(() =>
        {
            link.OpenDisk();
            peer.Frames.Clear();
            // Five requests in one burst: the first four wait their turn, the fifth finds the window full.
            for (int i = 0; i < 5; i++)
            {
                byte[] wire = peer.Request(Opcodes.Execute, 10 + i, LinkPeer.Execute(0, 0, Cdb.Read10(i * 8, 8), true, 4096));
                link.Server.OnBytes(wire, 0, wire.Length);
            }
            link.Settle();
        });
        var answers = peer.Frames.FindAll(f => f.Type != FrameType.Data);
        Assert.Equal(FrameType.Error, answers[0].Type);               // the refusal goes out at once
        Assert.Equal(14, answers[0].Id);
        Assert.Equal(LinkErrors.Busy, LinkPeer.ErrorCode(answers[0].Payload));
        Assert.Equal(new[] { 10, 11, 12, 13 }, answers.GetRange(1, 4).ConvertAll(a => a.Id));
        Assert.All(answers.GetRange(1, 4), a => Assert.Equal(Errno.Ok, LinkPeer.Errno(a.Payload)));
        Assert.Equal(1, link.Server.BusyRefusals);
        Assert.Equal(16, link.Rig.Adapter.Ring.FreeCount);
        link.AssertEveryBufferBack();
    }
}
