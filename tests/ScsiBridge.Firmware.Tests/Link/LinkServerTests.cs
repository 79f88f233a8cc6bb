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
    /// <summary>The PC's side for the tests: encodes requests, decodes whatever comes back.</summary>
    private sealed class Peer : ILinkOutput
    {
        private readonly FrameDecoder _decoder = new();
        private readonly FrameWriter _writer = new();
        public readonly List<(int Type, int Opcode, int Id, byte[] Payload, int Error)> Frames = new();

        public void Write(byte[] buffer, int offset, int count)
        {
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

        public byte[] Request(byte opcode, int id, byte[] payload, byte flags = 0)
        {
            byte[] wire = new byte[LinkConstants.MaxEncoded];
            int n = _writer.Encode(FrameType.Request, flags, opcode, id, payload, 0, payload.Length, wire, 0);
            return wire[..n];
        }

        public (int Type, int Opcode, int Id, byte[] Payload, int Error) Last => Frames[^1];

        public static int Errno(byte[] response) => BitConverter.ToInt32(response, 0);

        public static int ErrorCode(byte[] payload) => payload[0] | (payload[1] << 8);
    }

    private static ScriptedTarget? _lastDisk;

    private static (AdapterRig rig, LinkServer server, Peer peer) Setup(LinkConfig? config = null, Action<ScriptedTargetOptions>? target = null)
    {
        var rig = new AdapterRig();
        _lastDisk = rig.AddTarget(0, target);
        var peer = new Peer();
        var server = new LinkServer(rig.Adapter, rig.Bus.Clock, peer, config ?? new LinkConfig { BoardName = "sim" });
        return (rig, server, peer);
    }

    private static void Send(LinkServer server, byte[] wire) => server.OnBytes(wire, 0, wire.Length);

    private static byte[] Hello(Peer p) => p.Request(Opcodes.Hello, 1, new byte[] { 1, 0 });

    [Fact]
    public void HelloComesFirstAndDescribesTheBridge()
    {
        var (rig, server, peer) = Setup();
        using var _ = rig;
        rig.Run(() =>
        {
            Send(server, peer.Request(Opcodes.IocInfo, 5, Array.Empty<byte>()));
            Assert.Equal(FrameType.Error, peer.Last.Type);
            Assert.Equal(5, peer.Last.Id);
            Send(server, Hello(peer));
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
        Assert.True(r.Ok);
    }

    [Fact]
    public void EveryBadFrameIsAnsweredWithItsError()
    {
        var (rig, server, peer) = Setup();
        using var _ = rig;
        var codes = new List<int>();
        rig.Run(() =>
        {
            Send(server, Hello(peer));
            byte[] good = peer.Request(Opcodes.Probe, 9, new byte[] { 0, 0 });
            byte[] badCrc = (byte[])good.Clone();
            badCrc[4] ^= 0x01;  // damages a header byte inside the COBS block
            Send(server, badCrc);
            Send(server, new byte[] { 0x09, 1, 2, 0 });                                   // COBS block past the end
            Send(server, new byte[] { 0x03, 1, 1, 0 });                                   // too short
            Send(server, peer.Request(0x77, 10, Array.Empty<byte>()));                    // unknown opcode
            Send(server, peer.Request(Opcodes.Probe, 11, new byte[] { 0 }));              // payload too short
            Send(server, peer.Request(Opcodes.Probe, 12, new byte[] { 9, 0 }));           // ID 9
            byte[] cdb = new byte[4 + 16 + 8];
            cdb[3] = 6;
            Send(server, peer.Request(Opcodes.Execute, 13, cdb));                         // not elevated
            byte[] huge = new byte[LinkConstants.MaxEncoded + 5];
            Array.Fill(huge, (byte)7);
            huge[^1] = 0;
            Send(server, huge);
            Send(server, peer.Request(Opcodes.Statistics, 14, Array.Empty<byte>()));
        });
        foreach (var f in peer.Frames) if (f.Type == FrameType.Error) codes.Add(Peer.ErrorCode(f.Payload));
        Assert.Equal(new[] { LinkErrors.BadCrc, LinkErrors.BadCobs, LinkErrors.ShortFrame, LinkErrors.UnknownOpcode,
                             LinkErrors.BadLength, LinkErrors.BadArgument, LinkErrors.NotElevated, LinkErrors.PayloadTooLarge }, codes);
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
        Assert.Equal(16, rig.Adapter.Ring.FreeCount);
    }

    [Fact]
    public void ElevationNeedsThePinAndBacksOffAfterAFailure()
    {
        var (rig, server, peer) = Setup(new LinkConfig { AdminPin = "4711", ElevateBackoffNs = 1_000_000_000 });
        using var _ = rig;
        var results = new List<int>();
        byte[] Pin(string s) { var b = new byte[1 + s.Length]; b[0] = (byte)s.Length; for (int i = 0; i < s.Length; i++) b[1 + i] = (byte)s[i]; return b; }
        rig.Run(() =>
        {
            Send(server, Hello(peer));
            Send(server, peer.Request(Opcodes.Elevate, 2, Pin("0000")));
            results.Add(Peer.Errno(peer.Last.Payload));
            Send(server, peer.Request(Opcodes.Elevate, 3, Pin("4711")));  // too soon after a failure
            results.Add(Peer.Errno(peer.Last.Payload));
            rig.Bus.Clock.SleepNs(1_100_000_000);
            Send(server, peer.Request(Opcodes.Elevate, 4, Pin("4711")));
            results.Add(Peer.Errno(peer.Last.Payload));
        });
        Assert.Equal(new[] { Errno.EPERM, Errno.EBUSY, Errno.Ok }, results);
        Assert.True(server.Elevated);
    }

    [Fact]
    public void ExecuteStreamsReadDataAsDataFramesThenTheResponse()
    {
        var (rig, server, peer) = Setup();
        ScriptedTarget? disk = _lastDisk;
        using var _ = rig;
        rig.Run(() =>
        {
            Send(server, Hello(peer));
            Send(server, peer.Request(Opcodes.Elevate, 2, new byte[] { 0 }));
            Send(server, peer.Request(Opcodes.StartDevice, 3, new byte[] { 0, 0, 0 }));
            Assert.Equal(Errno.Ok, Peer.Errno(peer.Last.Payload));
            byte[] exec = new byte[4 + 16 + 8];
            exec[0] = 0; exec[1] = 0; exec[2] = 1; exec[3] = 10;
            byte[] cdb = Cdb.Read10(4, 16);  // 8 KiB: two data frames
            Array.Copy(cdb, 0, exec, 4, 10);
            BitConverter.GetBytes(8192).CopyTo(exec, 20);
            BitConverter.GetBytes(2000).CopyTo(exec, 24);
            Send(server, peer.Request(Opcodes.Execute, 4, exec));
        });
        var data = peer.Frames.FindAll(f => f.Type == FrameType.Data && f.Id == 4);
        Assert.Equal(4, data.Count);  // each 4 KiB ring buffer needs two frames: the offset takes room too
        byte[] got = new byte[8192];
        foreach (var d in data) Array.Copy(d.Payload, 4, got, BitConverter.ToInt32(d.Payload, 0), d.Payload.Length - 4);
        Assert.Equal(disk!.Image[(4 * 512)..(20 * 512)], got);
        Assert.Equal(FrameType.Response, peer.Last.Type);
        Assert.Equal(Errno.Ok, Peer.Errno(peer.Last.Payload));
        Assert.Equal(16, rig.Adapter.Ring.FreeCount);
        rig.AssertNoViolationsHere();
    }

    [Fact]
    public void ARetransmittedRequestIsAnsweredFromTheRecordNotRunAgain()
    {
        var (rig, server, peer) = Setup();
        using var _ = rig;
        var answers = new List<int>();
        rig.Run(() =>
        {
            Send(server, Hello(peer));
            byte[] start = peer.Request(Opcodes.StartDevice, 21, new byte[] { 0, 0, 0 });
            Send(server, start);
            answers.Add(Peer.Errno(peer.Last.Payload));
            Send(server, peer.Request(Opcodes.StartDevice, 21, new byte[] { 0, 0, 0 }, FrameFlags.Retransmission));
            answers.Add(Peer.Errno(peer.Last.Payload));
            Send(server, peer.Request(Opcodes.StartDevice, 22, new byte[] { 0, 0, 0 }));  // a new request: already started
            answers.Add(Peer.Errno(peer.Last.Payload));
        });
        Assert.Equal(new[] { Errno.Ok, Errno.Ok, Errno.EINVAL }, answers);
        Assert.Equal(1, server.Replays);
    }

    [Fact]
    public void DeviceEventsAreForwardedWithTheCorrelator()
    {
        var (rig, server, peer) = Setup();
        using var _ = rig;
        rig.Run(() =>
        {
            Send(server, Hello(peer));
            Send(server, peer.Request(Opcodes.StartDevice, 2, new byte[] { 0, 0, 0 }));
            Send(server, peer.Request(Opcodes.RegisterEvents, 3, new byte[] { 0, 0, 0x78, 0x56, 0x34, 0x12 }));
            rig.Bus.Inject(SimFault.ResetAt(rig.Bus.NowNs + 1000));
            rig.Bus.Clock.SleepNs(200_000);
        });
        var ev = peer.Frames.Find(f => f.Type == FrameType.Event);
        Assert.Equal(Opcodes.DeviceEvent, ev.Opcode);
        Assert.Equal(AdapterEventKind.BusReset, ev.Payload[0]);
        Assert.Equal(0x12345678u, BitConverter.ToUInt32(ev.Payload, 3));
    }

    [Fact]
    public void LosingThePeerStopsItsWorkAndWaitsForTheNextHello()
    {
        var (rig, server, peer) = Setup();
        using var _ = rig;
        rig.Run(() =>
        {
            Send(server, Hello(peer));
            Send(server, peer.Request(Opcodes.Elevate, 2, new byte[] { 0 }));
            Send(server, peer.Request(Opcodes.StartDevice, 3, new byte[] { 0, 0, 0 }));
            server.OnPeerLost();
            Assert.False(server.Elevated);
            Send(server, peer.Request(Opcodes.StartDevice, 4, new byte[] { 0, 0, 0 }));
            Assert.Equal(FrameType.Error, peer.Last.Type);   // no HELLO yet
            Send(server, Hello(peer));
            Send(server, peer.Request(Opcodes.StartDevice, 5, new byte[] { 0, 0, 0 }));
            Assert.Equal(Errno.Ok, Peer.Errno(peer.Last.Payload));  // the old session was stopped
        });
        Assert.Equal(16, rig.Adapter.Ring.FreeCount);
    }

    [Fact]
    public void RandomAndMutatedFramesNeverCrashAndAreAllAnswered()
    {
        var (rig, server, peer) = Setup();
        using var _ = rig;
        var random = new Random(2026);
        int completed = 0;
        rig.Run(() =>
        {
            Send(server, Hello(peer));
            var counter = new FrameDecoder();
            byte[][] seeds =
            {
                peer.Request(Opcodes.Probe, 7, new byte[] { 0, 0 }),
                peer.Request(Opcodes.IocInfo, 8, Array.Empty<byte>()),
                peer.Request(Opcodes.Statistics, 9, Array.Empty<byte>()),
                peer.Request(Opcodes.StartDevice, 10, new byte[] { 1, 2, 0 }),
            };
            for (int i = 0; i < 20000; i++)
            {
                byte[] frame;
                if (random.Next(4) == 0)
                {
                    frame = new byte[random.Next(1, 60)];
                    random.NextBytes(frame);
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
                    if (complete) completed++;
                }
                server.OnBytes(frame, 0, frame.Length);
            }
            Send(server, new byte[] { 0 });  // end anything left half-open
        });
        int answers = peer.Frames.Count - 1;  // minus the HELLO response
        Assert.True(answers >= completed, answers + " answers for " + completed + " frames");
        Assert.Equal(16, rig.Adapter.Ring.FreeCount);
        Assert.Equal(0, rig.Adapter.Ring.ReleaseErrors);
    }
}

public class LinkSessionTests
{
    [Fact]
    public void ASecondHelloEndsTheEarlierSession()
    {
        var rig = new AdapterRig();
        using var _ = rig;
        rig.AddTarget(0);
        var frames = new List<(int Type, byte[] Payload)>();
        var decoder = new FrameDecoder();
        var output = new CollectingOutput(decoder, frames);
        var server = new LinkServer(rig.Adapter, rig.Bus.Clock, output, new LinkConfig());
        var writer = new FrameWriter();
        void Send(byte opcode, int id, byte[] payload)
        {
            byte[] wire = new byte[LinkConstants.MaxEncoded];
            int n = writer.Encode(FrameType.Request, 0, opcode, id, payload, 0, payload.Length, wire, 0);
            server.OnBytes(wire, 0, n);
        }
        rig.Run(() =>
        {
            Send(Opcodes.Hello, 1, new byte[] { 1, 0 });
            Send(Opcodes.Elevate, 2, new byte[] { 0 });
            Send(Opcodes.StartDevice, 3, new byte[] { 0, 0, 0 });
            Send(Opcodes.Hello, 4, new byte[] { 1, 0 });          // a new PC, the old hang-up unseen
            Assert.False(server.Elevated);
            Send(Opcodes.StartDevice, 5, new byte[] { 0, 0, 0 });
        });
        Assert.Equal(0, BitConverter.ToInt32(frames[^1].Payload, 0));  // started afresh, not EINVAL
    }

    private sealed class CollectingOutput : ILinkOutput
    {
        private readonly FrameDecoder _decoder;
        private readonly List<(int Type, byte[] Payload)> _frames;

        public CollectingOutput(FrameDecoder decoder, List<(int Type, byte[] Payload)> frames)
        {
            _decoder = decoder;
            _frames = frames;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            while (count > 0)
            {
                int used = _decoder.Feed(buffer, offset, count, out bool complete);
                offset += used;
                count -= used;
                if (complete) _frames.Add((_decoder.Current.Type, _decoder.Current.Buffer.AsSpan(8, _decoder.Current.PayloadLength).ToArray()));
            }
        }
    }
}

internal static class RigExtensions
{
    public static void AssertNoViolationsHere(this AdapterRig rig) => Assert.Equal("", rig.ViolationsText());
}
