using System;
using ScsiBridge.Firmware.Link;
using ScsiBridge.Firmware.Tests.Targets;
using ScsiBridge.Protocol;
using Xunit;

namespace ScsiBridge.Firmware.Tests.Link;

/// <summary>
/// Random and mutated frames against the link server: it never throws, answers every frame it
/// can read, counts every fault, and gives every buffer back. The default run feeds 20,000
/// frames; the long run (trait Category=Long, see tests/run-all.sh) feeds 1,000,000.
/// </summary>
public class LinkFuzzTests
{
    [Fact]
    public void TwentyThousandRandomAndMutatedFrames() => Fuzz(20_000, 2026);

    [Fact]
    [Trait("Category", "Long")]
    public void OneMillionRandomAndMutatedFrames() => Fuzz(1_000_000, 1_000_003);

    private static void Fuzz(int count, int seed)
    {
        using var link = new LinkRig();
        var peer = link.Peer;
        var random = new Random(seed);
        int completed = 0;
        int goodFrames = 0;
        byte[] block = new byte[600];
        random.NextBytes(block);
        link.Run(() =>
        {
            link.OpenDisk(writes: true);
            var counter = new FrameDecoder();
            byte[][] seeds =
            {
                peer.Request(Opcodes.Probe, 7, new byte[] { 0, 0 }),
                peer.Request(Opcodes.IocInfo, 8, Array.Empty<byte>()),
                peer.Request(Opcodes.Statistics, 9, Array.Empty<byte>()),
                peer.Request(Opcodes.StartDevice, 10, new byte[] { 1, 2, 0 }),
                peer.Request(Opcodes.Execute, 11, LinkPeer.Execute(0, 0, Cdb.Read10(3, 1), true, 512)),
                peer.Request(Opcodes.Execute, 12, LinkPeer.Execute(0, 0, Cdb.Write10(3, 1), false, 512, 5)),
                peer.Data(12, 0, block, 0, 512),
                peer.Data(13, 88, block, 0, 40),
                peer.Request(Opcodes.TargetOpen, 14, new byte[] { 3, 0, 16, 16, 0, 1, 0, 0, 0 }),
                peer.Request(Opcodes.ImageAttach, 15, new byte[] { 5, 0, 0, 0, 1, (byte)'x' }),
                peer.Request(Opcodes.TargetQueue, 16, new byte[] { 3, 1, 2, 3 }),
            };
            for (int i = 0; i < count; i++)
            {
                byte[] frame;
                int kind = random.Next(8);
                if (kind == 0)
                {
                    frame = new byte[random.Next(1, 60)];
                    random.NextBytes(frame);
                }
                else if (kind == 1)
                {
                    frame = seeds[random.Next(seeds.Length)];  // intact: some of the traffic is good
                }
                else
                {
                    frame = (byte[])seeds[random.Next(seeds.Length)].Clone();
                    int flips = random.Next(1, 4);
                    for (int k = 0; k < flips; k++) frame[random.Next(frame.Length)] = (byte)random.Next(256);
                }
                // Count the frames the decoder will complete, the way the server sees them.
                int at = 0;
                while (at < frame.Length)
                {
                    at += counter.Feed(frame, at, frame.Length - at, out bool complete);
                    if (complete)
                    {
                        completed++;
                        if (counter.Current.Error == LinkErrors.None) goodFrames++;
                    }
                }
                link.Server.OnBytes(frame, 0, frame.Length);
                if (i % 16 == 15) link.Settle();
            }
            link.Send(new byte[] { 0 });  // end anything left half-open
            link.Settle();
        });
        int answered = 0;
        foreach (var f in peer.Frames)
        {
            if (f.Type == FrameType.Response || f.Type == FrameType.Error) answered++;
        }
        // Good data frames for a write in progress are taken without an answer of their own; a
        // good retransmitted request still in flight is answered once. Everything else gets one.
        Assert.True(answered >= completed - goodFrames, answered + " answers for " + completed + " frames");
        Assert.True(goodFrames > count / 10, "the run included good traffic");
        Assert.Equal(16, link.Rig.Adapter.Ring.FreeCount);
        link.AssertEveryBufferBack();
        Assert.Equal(0, link.Rig.Adapter.Ring.ReleaseErrors);
        Assert.Equal(0, link.Server.DataHeld);
    }
}
