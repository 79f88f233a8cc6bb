using Xunit;

namespace ScsiBridge.Cli.Tests;

/// <summary>scsibridge selftest against the simulator: the board's self-tests over the link.</summary>
public sealed class SelfTestCommandTests : IClassFixture<SelfTestCommandTests.Bus>
{
    public sealed class Bus : IDisposable
    {
        internal Simulator Sim { get; } = new Simulator();

        public void Dispose() => Sim.Dispose();
    }

    private readonly Simulator _sim;

    public SelfTestCommandTests(Bus bus)
    {
        _sim = bus.Sim;
    }

    [Fact]
    public void With_the_cable_in_the_pin_tests_skip_and_the_rest_pass()
    {
        var r = _sim.Run("selftest", "--json");

        Assert.Equal(0, r.Code);
        var tests = r.Json.GetProperty("tests").EnumerateArray().ToList();
        Assert.Equal(10, tests.Count);
        Assert.Equal(0, r.Json.GetProperty("failed").GetInt32());
        Assert.Equal(3, r.Json.GetProperty("skipped").GetInt32());
        Assert.Equal(7, r.Json.GetProperty("passed").GetInt32());
        var loopback = tests.Single(t => t.GetProperty("name").GetString() == "PinLoopbackTests.EachLineReadsBackAlone");
        Assert.Equal("skipped", loopback.GetProperty("outcome").GetString());
        Assert.Contains("unplug the cable", loopback.GetProperty("message").GetString());
        Assert.Equal("passed", tests.Single(t => t.GetProperty("name").GetString() == "CodecTests.Crc32CGivesTheStandardCheckValue").GetProperty("outcome").GetString());
    }

    [Fact]
    public void Unplugged_runs_the_pin_loopback_too()
    {
        var r = _sim.Run("selftest", "--unplugged");

        Assert.True(r.Code == 0, r.Out + r.Err);
        Assert.Contains("PinLoopbackTests.EveryLineButOneLeavesThatOneReleased", r.Out);
        Assert.Contains("10 passed, 0 failed, 0 skipped", r.Out);
    }
}
