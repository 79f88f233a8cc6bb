using System;
using System.Collections.Generic;
using ScsiBridge.Hal;
using Xunit;

namespace ScsiBridge.Hal.Sim.Tests
{
    /// <summary>The cooperative scheduler that runs several firmware instances on one bus.</summary>
    public class SchedulerTests
    {
        [Fact]
        public void InstancesStartInOrderAndWakeInDeadlineThenRegistrationOrder()
        {
            using var bus = new SimBus();
            SimClock clock = bus.Clock;
            var log = new List<string>();

            bus.Spawn("a", () =>
            {
                log.Add("a start " + clock.NowNs);
                clock.SleepNs(1000);
                log.Add("a woke " + clock.NowNs);
            });
            bus.Spawn("b", () =>
            {
                log.Add("b start " + clock.NowNs);
                clock.SleepNs(1000);
                log.Add("b woke " + clock.NowNs);
                clock.SleepNs(0);
                log.Add("b again " + clock.NowNs);
            });
            bus.Spawn("c", () =>
            {
                log.Add("c start " + clock.NowNs);
                clock.SleepNs(500);
                log.Add("c woke " + clock.NowNs);
                clock.SleepNs(500);
                log.Add("c woke again " + clock.NowNs);
            });
            bus.RunAll();

            // At 1000 ns a, b and c are all due; they run in registration order.
            Assert.Equal(
                new[]
                {
                    "a start 0", "b start 0", "c start 0",
                    "c woke 500",
                    "a woke 1000", "b woke 1000", "b again 1000", "c woke again 1000",
                },
                log);
        }

        [Fact]
        public void SleepingOnTheCallersThreadAdvancesVirtualTimeOnly()
        {
            using var bus = new SimBus();
            bus.Clock.SleepNs(2_000_000_000);
            Assert.Equal(2_000_000_000, bus.Clock.NowNs);
        }

        [Fact]
        public void IdleBusWhileAnInstanceWaitsIsADeadlockAndNoThreadIsLeft()
        {
            using var bus = new SimBus();
            SimController target = bus.Attach(new ControllerOptions(Scsi.TargetId));
            bool reachedAfterWait = false;

            SimInstance lonely = bus.Spawn("lonely target", () =>
            {
                Scsi.ListenForCommand(target);
                reachedAfterWait = true;
            });
            SimInstance sleeper = bus.Spawn("sleeper", () => bus.Clock.SleepNs(10_000));

            var ex = Assert.Throws<SimDeadlockException>(() => bus.RunAll());

            Assert.Contains("lonely target", ex.Message);
            Assert.Contains("ENABLE_SELECTION", ex.Message);
            Assert.Single(ex.Waiting);
            Assert.False(reachedAfterWait);
            Assert.False(lonely.IsAlive);
            Assert.False(sleeper.IsAlive);
            Assert.True(sleeper.HasFinished);
            // The sleeper's deadline was reached before the bus was found idle.
            Assert.True(bus.NowNs >= 10_000);
        }

        [Fact]
        public void AnExceptionInAnInstanceIsRethrownAndTheOthersAreStopped()
        {
            using var bus = new SimBus();
            SimController target = bus.Attach(new ControllerOptions(Scsi.TargetId));
            bool targetReturned = false;

            SimInstance waiting = bus.Spawn("target", () =>
            {
                Scsi.Run(target, ControllerCommand.EnableSelection(1));
                targetReturned = true;
            });
            SimInstance failing = bus.Spawn("failing", () =>
            {
                bus.Clock.SleepNs(1000);
                throw new InvalidOperationException("firmware fault at " + bus.Clock.NowNs);
            });

            var ex = Assert.Throws<InvalidOperationException>(() => bus.RunAll());

            Assert.Equal("firmware fault at 1000", ex.Message);
            Assert.False(targetReturned);
            Assert.False(waiting.IsAlive);
            Assert.False(failing.IsAlive);
        }

        [Fact]
        public void WaitingOnTheCallersThreadWithNothingToHappenIsADeadlock()
        {
            using var bus = new SimBus();
            SimController target = bus.Attach(new ControllerOptions(Scsi.TargetId));
            Assert.Equal(ControllerResult.Ok, target.Submit(ControllerCommand.EnableSelection(1)));

            var ex = Assert.Throws<SimDeadlockException>(() => target.WaitForCompletion(new Completion()));

            Assert.Contains("ENABLE_SELECTION", ex.Message);
        }

        [Fact]
        public void TheBusCanRunAnotherRoundOfInstancesAfterTheFirst()
        {
            using var bus = new SimBus();
            int runs = 0;
            bus.Spawn("first", () => { bus.Clock.SleepNs(100); runs++; });
            bus.RunAll();
            bus.Spawn("second", () => { bus.Clock.SleepNs(100); runs++; });
            bus.RunAll();

            Assert.Equal(2, runs);
            Assert.Equal(200, bus.NowNs);
        }

        [Fact]
        public void TwoInstancesCannotWaitOnTheSameController()
        {
            using var bus = new SimBus();
            SimController target = bus.Attach(new ControllerOptions(Scsi.TargetId));
            bus.Spawn("one", () => Scsi.Run(target, ControllerCommand.EnableSelection(1)));
            bus.Spawn("two", () => target.WaitForCompletion(new Completion()));

            var ex = Assert.Throws<HalException>(() => bus.RunAll());
            Assert.Contains("both wait", ex.Message);
        }
    }
}
