using System;
using System.Linq;
using ScsiBridge.Firmware.Link;
using ScsiBridge.Firmware.Tests.Targets;
using ScsiBridge.Hal;
using ScsiBridge.Protocol;
using Xunit;

namespace ScsiBridge.Firmware.Tests.Link;

/// <summary>EXECUTE writes: data frames under credits, in order, applied once.</summary>
public class LinkWriteTests
{
    private const int WriteId = 40;

    private static int CreditsReturned(LinkRig link) =>
        link.Peer.Frames.Where(f => f.Type == FrameType.Event && f.Opcode == Opcodes.Credit).Sum(f => f.Payload[0] | (f.Payload[1] << 8));

    [Fact]
    public void WriteDataFollowsTheRequestAndEveryCreditComesBack()
    {
        using var link = new LinkRig();
        var peer = link.Peer;
        byte[] data = new byte[16 * 512];
        new Random(5).NextBytes(data);
        int frames = 0;
        link.Run(() =>
        {
            link.OpenDisk(writes: true);
            link.Feed(peer.Request(Opcodes.Execute, WriteId, LinkPeer.Execute(0, 0, Cdb.Write10(100, 16), false, data.Length)));
            for (int at = 0; at < data.Length; at += LinkServer.MaxDataPerFrame)
            {
                link.Feed(peer.Data(WriteId, at, data, at, Math.Min(LinkServer.MaxDataPerFrame, data.Length - at)));
                frames++;
            }
            link.Settle();
            // The response is replayed to a retransmission: the disk sees one WRITE.
            link.Request(Opcodes.Execute, WriteId, LinkPeer.Execute(0, 0, Cdb.Write10(100, 16), false, data.Length), FrameFlags.Retransmission);
        });
        var answers = peer.Frames.FindAll(f => f.Id == WriteId && f.Type == FrameType.Response);
        Assert.Equal(2, answers.Count);
        Assert.All(answers, a => Assert.Equal(Errno.Ok, LinkPeer.Errno(a.Payload)));
        Assert.Equal(data, link.Disk.Image[(100 * 512)..(116 * 512)]);
        Assert.Equal(1, link.Disk.CountOf(0x2A));
        Assert.Equal(frames, CreditsReturned(link));
        Assert.Equal(frames, link.Server.NativeDataFramesIn);  // each frame's data went receiver to slot
        Assert.Equal(0, link.Server.DataHeld);
        Assert.Equal(16, link.Rig.Adapter.Ring.FreeCount);
        link.AssertEveryBufferBack();
    }

    [Fact]
    public void AGapIsRefusedWithTheExpectedOffsetAndDuplicatesAreDroppedQuietly()
    {
        using var link = new LinkRig();
        var peer = link.Peer;
        byte[] data = new byte[8 * 512];
        new Random(6).NextBytes(data);
        int part = LinkServer.MaxDataPerFrame;
        link.Run(() =>
        {
            link.OpenDisk(writes: true);
            link.Feed(peer.Request(Opcodes.Execute, WriteId, LinkPeer.Execute(0, 0, Cdb.Write10(8, 8), false, data.Length)));
            link.Feed(peer.Data(WriteId, part, data, part, data.Length - part));   // the first frame was lost
            link.Rig.Bus.Clock.SleepNs(100_000);
            var gap = peer.Last;
            Assert.Equal(FrameType.Error, gap.Type);
            Assert.Equal(LinkErrors.DataOutOfOrder, LinkPeer.ErrorCode(gap.Payload));
            var r = new PayloadReader().Reset(gap.Payload, 2, gap.Payload.Length - 2);
            r.Str();
            Assert.Equal(0u, r.U32());                                              // resend from 0
            link.Feed(peer.Data(WriteId, 0, data, 0, part));
            link.Feed(peer.Data(WriteId, 0, data, 0, part));                          // a duplicate
            link.Feed(peer.Data(WriteId, part, data, part, data.Length - part));
            link.Settle();
            link.Send(peer.Data(99, 0, data, 0, 16));                                 // no such write
            Assert.Equal(LinkErrors.BadArgument, LinkPeer.ErrorCode(peer.Last.Payload));
        });
        Assert.Equal(Errno.Ok, LinkPeer.Errno(peer.AnswerTo(WriteId).Payload));
        Assert.Equal(data, link.Disk.Image[(8 * 512)..(16 * 512)]);
        Assert.Equal(5, CreditsReturned(link));      // every frame sent, taken or not
        Assert.Equal(3, link.Server.DataDropped);
        Assert.Equal(16, link.Rig.Adapter.Ring.FreeCount);
        link.AssertEveryBufferBack();
    }

    [Fact]
    public void AWriteWhosePeerVanishesEndsAndGivesEveryBufferBack()
    {
        using var link = new LinkRig();
        var peer = link.Peer;
        byte[] data = new byte[32 * 512];
        link.Run(() =>
        {
            link.OpenDisk(writes: true);
            byte[] exec = peer.Request(Opcodes.Execute, WriteId, LinkPeer.Execute(0, 0, Cdb.Write10(0, 32), false, data.Length, 60_000));
            link.Server.OnBytes(exec, 0, exec.Length);
            byte[] first = peer.Data(WriteId, 0, data, 0, LinkServer.MaxDataPerFrame);
            link.Server.OnBytes(first, 0, first.Length);
            link.Rig.Bus.Clock.SleepNs(5_000_000);       // the bus waits for the rest
            Assert.False(link.Server.IsIdle);
            link.Server.OnPeerLost();
            link.Settle();
        });
        Assert.Equal(0, link.Server.DataHeld);
        Assert.Equal(16, link.Rig.Adapter.Ring.FreeCount);
        link.AssertEveryBufferBack();
        Assert.Equal(0, link.Rig.Adapter.Ring.ReleaseErrors);
    }
    [Fact]
    public void PipelinedWritesFinishWhenTheFirstOnesLastFrameIsResentAfterTheSecondsData()
    {
        // Two writes in the window; the first write's last frame is lost, the second's data
        // follows at once and would fill the ring. The bridge keeps the last buffer for the
        // write ahead and takes the running write's frames wherever they are in its queue, so
        // the resent frame completes the first write and the second runs after it, each once.
        using var link = new LinkRig();
        var peer = link.Peer;
        const int SecondId = 41;
        byte[] first = new byte[16 * 512];
        byte[] second = new byte[80 * 512];
        new Random(7).NextBytes(first);
        new Random(8).NextBytes(second);
        int part = LinkServer.MaxDataPerFrame;
        var busy = new System.Collections.Generic.List<uint>();
        link.Run(() =>
        {
            link.OpenDisk(writes: true);
            link.Feed(peer.Request(Opcodes.Execute, WriteId, LinkPeer.Execute(0, 0, Cdb.Write10(200, 16), false, first.Length, 60_000)));
            link.Feed(peer.Request(Opcodes.Execute, SecondId, LinkPeer.Execute(0, 0, Cdb.Write10(300, 80), false, second.Length, 60_000)));
            for (int at = 0; at + part < first.Length; at += part) link.Feed(peer.Data(WriteId, at, first, at, part));  // all but the last
            for (int at = 0; at < second.Length; at += part)
            {
                int before = peer.Frames.Count;
                link.Feed(peer.Data(SecondId, at, second, at, Math.Min(part, second.Length - at)));
                link.Rig.Bus.Clock.SleepNs(200_000);
                foreach (var f in peer.Frames.Skip(before).Where(f => f.Type == FrameType.Error && f.Id == SecondId && LinkPeer.ErrorCode(f.Payload) == LinkErrors.Busy))
                {
                    var r = new PayloadReader().Reset(f.Payload, 2, f.Payload.Length - 2);
                    r.Str();
                    busy.Add(r.U32());
                }
            }
            int last = first.Length / part * part;
            link.Feed(peer.Data(WriteId, last, first, last, first.Length - last));  // the resend
            link.Rig.Bus.Clock.SleepNs(20_000_000);
            uint resume = busy.Count > 0 ? busy[0] : (uint)second.Length;
            for (int at = (int)resume; at < second.Length; at += part)
            {
                link.Feed(peer.Data(SecondId, at, second, at, Math.Min(part, second.Length - at)));
                link.Rig.Bus.Clock.SleepNs(2_000_000);
            }
            link.Settle();
        });
        Assert.NotEmpty(busy);                                   // the second write was held back
        Assert.Equal(Errno.Ok, LinkPeer.Errno(peer.AnswerTo(WriteId).Payload));
        Assert.Equal(Errno.Ok, LinkPeer.Errno(peer.AnswerTo(SecondId).Payload));
        Assert.Equal(first, link.Disk.Image[(200 * 512)..(216 * 512)]);
        Assert.Equal(second, link.Disk.Image[(300 * 512)..(380 * 512)]);
        Assert.Equal(2, link.Disk.CountOf(0x2A));
        Assert.Equal(0, link.Server.DataHeld);
        link.AssertEveryBufferBack();
    }
}
