using System.Collections.Generic;
using ScsiBridge.Firmware.Diagnostics;
using ScsiBridge.Hal;
using ScsiBridge.Protocol;
using Xunit;

namespace ScsiBridge.Firmware.Tests.Link;

/// <summary>SELFTEST: one test by index, its result in the answer, the bus-driving ones guarded.</summary>
public class SelfTestOperationTests
{
    private sealed class RecordingRunner : ISelfTestRunner
    {
        public readonly List<(int Index, bool Unplugged)> Runs = new();

        public int Count => 3;

        public void Run(int index, bool busUnplugged, SelfTestResult result)
        {
            Runs.Add((index, busUnplugged));
            result.Name = "Tests.Number" + index;
            result.Outcome = index == 1 ? SelfTestResult.Failed : SelfTestResult.Passed;
            result.Message = index == 1 ? "Assert.IsTrue failed. line stuck" : string.Empty;
        }
    }

    private static byte[] Request(int index, int flags) => new byte[] { (byte)index, (byte)(index >> 8), (byte)flags };

    [Fact]
    public void RunsTheTestItNamesAndAnswersWithItsResult()
    {
        using var link = new LinkRig();
        var runner = new RecordingRunner();
        link.Server.SelfTests = runner;
        link.Run(() =>
        {
            link.Hello();
            link.Request(Opcodes.SelfTest, 5, Request(1, 0));
        });

        byte[] answer = link.Peer.AnswerTo(5).Payload;
        Assert.Equal(Errno.Ok, LinkPeer.Errno(answer));
        var r = new PayloadReader().Reset(answer, 4, answer.Length - 4);
        Assert.Equal(3, r.U16());
        Assert.Equal("Tests.Number1", r.Str());
        Assert.Equal(SelfTestResult.Failed, r.U8());
        Assert.Equal("Assert.IsTrue failed. line stuck", r.Str());
        Assert.True(r.Ok && r.Remaining == 0);
        Assert.Equal(new[] { (1, false) }, runner.Runs);
    }

    [Fact]
    public void RefusesWhatItCannotRun()
    {
        using var link = new LinkRig();
        var runner = new RecordingRunner();
        link.Run(() =>
        {
            link.Hello();
            link.Request(Opcodes.SelfTest, 2, Request(0, 0));                 // no runner on this bridge
            link.Server.SelfTests = runner;
            link.Request(Opcodes.SelfTest, 3, Request(3, 0));                 // past the last test
            link.Request(Opcodes.SelfTest, 4, Request(0, 1));                 // drives the bus, not elevated
            link.Request(Opcodes.SelfTest, 6, new byte[] { 0 });              // too short
        });

        Assert.Equal(Errno.ENODEV, LinkPeer.Errno(link.Peer.AnswerTo(2).Payload));
        Assert.Equal(Errno.EINVAL, LinkPeer.Errno(link.Peer.AnswerTo(3).Payload));
        Assert.Equal(Errno.EPERM, LinkPeer.Errno(link.Peer.AnswerTo(4).Payload));
        Assert.Equal(FrameType.Error, link.Peer.AnswerTo(6).Type);
        Assert.Equal(LinkErrors.BadLength, LinkPeer.ErrorCode(link.Peer.AnswerTo(6).Payload));
        Assert.Empty(runner.Runs);
    }

    [Fact]
    public void AnElevatedSessionMayDriveTheBus()
    {
        using var link = new LinkRig();
        var runner = new RecordingRunner();
        link.Server.SelfTests = runner;
        link.Run(() =>
        {
            link.Hello();
            link.Request(Opcodes.Elevate, 2, new byte[] { 0 });
            link.Request(Opcodes.SelfTest, 3, Request(2, 1));
        });

        Assert.Equal(Errno.Ok, LinkPeer.Errno(link.Peer.AnswerTo(3).Payload));
        Assert.Equal(new[] { (2, true) }, runner.Runs);
    }
}
