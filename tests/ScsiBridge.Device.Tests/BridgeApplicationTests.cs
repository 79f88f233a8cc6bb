using System;
using ScsiBridge.Device;
using ScsiBridge.Hal;
using ScsiBridge.Hal.Sim;
using ScsiBridge.Protocol;
using Xunit;

namespace ScsiBridge.Device.Tests;

/// <summary>The board application started on the simulator and driven by a PC over its link.</summary>
public class BridgeApplicationTests
{
    [Fact]
    public void StartsTheBridgeAnswersThePcAndStopsCleanly()
    {
        using var bus = new SimBus();
        var board = new SimBoard(bus);
        var app = new BridgeApplication(board, BridgeSettings.Parse("board_name = Bench bridge\ntermination = on\ntarget_ids = 5\n"));
        app.Start();
        byte[]? hello = null;
        byte[]? selfTest = null;
        bus.Spawn("main", app.RunIdle);
        bus.Spawn("pc", () =>
        {
            board.Send(Opcodes.Hello, 1, new byte[] { LinkConstants.Version, 0 });
            hello = board.AnswerTo(1);
            board.Send(Opcodes.SelfTest, 2, new byte[] { 3, 0, 0 });
            selfTest = board.AnswerTo(2);
            bus.Clock.SleepNs(3 * BridgeApplication.IdleTickNs);
            app.Stop();
        });

        bus.RunAll();

        Assert.Equal(0, BitConverter.ToInt32(hello!, 0));
        var r = new PayloadReader().Reset(hello!, 4, hello!.Length - 4);
        Assert.Equal(LinkConstants.Version, r.U8());
        Assert.Equal(7, r.U8());  // the adapter's SCSI ID, the default
        r.U16(); r.U32(); r.U16(); r.U16(); r.U8(); r.U32(); r.Str();
        Assert.Equal("Bench bridge", r.Str());

        Assert.Equal(0, BitConverter.ToInt32(selfTest!, 0));
        var t = new PayloadReader().Reset(selfTest!, 4, selfTest!.Length - 4);
        Assert.Equal(10, t.U16());
        Assert.Equal("CodecTests.Crc32CGivesTheStandardCheckValue", t.Str());
        Assert.Equal(0, t.U8());

        Assert.True(board.Termination);
        Assert.Equal(new[] { "adapter", "target", "link worker", "link transmitter", "link receiver" }, board.Threads);
        Assert.Equal(2, bus.Controllers.Count);
        Assert.True(board.WatchdogFeeds >= 3, "watchdog fed " + board.WatchdogFeeds + " times");
        Assert.True(board.LedChanges >= 2, "the LED changed " + board.LedChanges + " times");
        Assert.False(board.Led);
    }

    [Fact]
    public void WithoutTargetIdsThereIsNoTargetSideAndNoTermination()
    {
        using var bus = new SimBus();
        var board = new SimBoard(bus);
        var app = new BridgeApplication(board, BridgeSettings.Parse(""));
        app.Start();
        bus.Spawn("main", app.RunIdle);
        bus.Spawn("pc", () =>
        {
            bus.Clock.SleepNs(BridgeApplication.IdleTickNs);
            app.Stop();
        });

        bus.RunAll();

        Assert.False(board.Termination);
        Assert.DoesNotContain("target", board.Threads);
        Assert.Single(bus.Controllers);
        Assert.Throws<InvalidOperationException>(() => app.Start());
    }
}
