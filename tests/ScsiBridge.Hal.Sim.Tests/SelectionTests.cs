using ScsiBridge.Hal;
using Xunit;

namespace ScsiBridge.Hal.Sim.Tests
{
    /// <summary>Arbitration and selection, both roles, on the simulated bus.</summary>
    public class SelectionTests
    {
        [Fact]
        public void HigherIdWinsArbitrationAndTheLoserRetriesOnceTheBusIsFree()
        {
            using var bus = new SimBus();
            SimController low = bus.Attach(new ControllerOptions(3));
            SimController high = bus.Attach(new ControllerOptions(7));
            SimController disk0 = bus.Attach(new ControllerOptions(0));
            SimController disk1 = bus.Attach(new ControllerOptions(1));

            Completion? lowSelect = null;
            Completion? highSelect = null;
            long highBusFreeNs = 0;
            Completion? disk0Selection = null;
            Completion? disk1Selection = null;

            bus.Spawn("disk 0", () =>
            {
                disk0Selection = Scsi.ListenForCommand(disk0);
                Scsi.FinishAsTarget(disk0, Scsi.StatusGood);
            });
            bus.Spawn("disk 1", () =>
            {
                disk1Selection = Scsi.ListenForCommand(disk1);
                Scsi.FinishAsTarget(disk1, Scsi.StatusGood);
            });

            // ID 3 is registered first, so registration order cannot be what decides the
            // arbitration. Both SELECTs are submitted at virtual time 0: managed code takes none.
            bus.Spawn("initiator 3", () =>
            {
                lowSelect = Scsi.Ok(low, ControllerCommand.Select(1, CommandFlags.None), BusPhase.Command);
                Scsi.Ok(low, ControllerCommand.CommandOut(Scsi.TestUnitReady), BusPhase.Status);
                Assert.Equal(Scsi.StatusGood, Scsi.FinishAsInitiator(low));
            });
            bus.Spawn("initiator 7", () =>
            {
                Assert.Equal(0, bus.NowNs);
                highSelect = Scsi.Ok(high, ControllerCommand.Select(0, CommandFlags.None), BusPhase.Command);
                Scsi.Ok(high, ControllerCommand.CommandOut(Scsi.TestUnitReady), BusPhase.Status);
                Assert.Equal(Scsi.StatusGood, Scsi.FinishAsInitiator(high));
                highBusFreeNs = bus.NowNs;
            });

            bus.RunAll();

            Assert.Equal(0, highSelect!.ArbitrationRetries);
            Assert.True(highSelect.HasFlag(CompletionFlags.Arbitrated), "ID 7 arbitrated: " + highSelect);
            Assert.True(lowSelect!.ArbitrationRetries >= 1, "ID 3 lost at least once: " + lowSelect);
            // ID 3 can only win once ID 7's whole connection has ended.
            Assert.True(lowSelect.TimeNs > highBusFreeNs, "ID 3 selected at " + lowSelect.TimeNs + " ns, ID 7's connection ended at " + highBusFreeNs + " ns");
            Assert.Equal(7, disk0Selection!.PeerId);
            Assert.Equal(3, disk1Selection!.PeerId);
            Scsi.AssertNoViolations(bus);
        }

        [Fact]
        public void SelectionWithAtnGoesToMessageOutAndTheTargetGetsIdentify()
        {
            using var bus = new SimBus();
            SimController initiator = bus.Attach(new ControllerOptions(Scsi.InitiatorId));
            SimController target = bus.Attach(new ControllerOptions(Scsi.TargetId));
            Completion? selected = null;
            Completion? select = null;

            bus.Spawn("target", () =>
            {
                selected = Scsi.ListenForCommand(target);
                Scsi.FinishAsTarget(target, Scsi.StatusGood);
            });
            bus.Spawn("initiator", () =>
            {
                select = Scsi.Ok(initiator, ControllerCommand.Select(Scsi.TargetId, CommandFlags.Atn), BusPhase.MessageOut);
                Scsi.Ok(initiator, ControllerCommand.MessageOut(new[] { Scsi.IdentifyLun0 }), BusPhase.Command);
                Scsi.Ok(initiator, ControllerCommand.CommandOut(Scsi.TestUnitReady), BusPhase.Status);
                Scsi.FinishAsInitiator(initiator);
            });
            bus.RunAll();

            Assert.Equal(Scsi.TargetId, select!.PeerId);
            Assert.True(select.HasFlag(CompletionFlags.Arbitrated), "the selection followed arbitration: " + select);
            Assert.Equal(ControllerResult.Ok, selected!.Result);
            Assert.True(selected.HasFlag(CompletionFlags.Atn), "selected with ATN: " + selected);
            Assert.True(selected.HasFlag(CompletionFlags.Identify));
            Assert.True(selected.HasFlag(CompletionFlags.InitiatorKnown));
            Assert.Equal(Scsi.IdentifyLun0, selected.Identify);
            Assert.Equal(Scsi.InitiatorId, selected.PeerId);
            Assert.Equal(Scsi.TargetId, selected.OwnId);
            Scsi.AssertNoViolations(bus);
        }

        [Fact]
        public void SelectionWithoutAtnGoesStraightToCommand()
        {
            using var bus = new SimBus();
            SimController initiator = bus.Attach(new ControllerOptions(Scsi.InitiatorId));
            SimController target = bus.Attach(new ControllerOptions(Scsi.TargetId));
            Completion? selected = null;

            bus.Spawn("target", () =>
            {
                selected = Scsi.ListenForCommand(target);
                Scsi.FinishAsTarget(target, Scsi.StatusGood);
            });
            bus.Spawn("initiator", () =>
            {
                Scsi.Ok(initiator, ControllerCommand.Select(Scsi.TargetId, CommandFlags.None), BusPhase.Command);
                Scsi.Ok(initiator, ControllerCommand.CommandOut(Scsi.TestUnitReady), BusPhase.Status);
                Scsi.FinishAsInitiator(initiator);
            });
            bus.RunAll();

            Assert.False(selected!.HasFlag(CompletionFlags.Atn));
            Assert.False(selected.HasFlag(CompletionFlags.Identify));
            Assert.True(selected.HasFlag(CompletionFlags.InitiatorKnown));
            Assert.Equal(Scsi.InitiatorId, selected.PeerId);
            Assert.Equal(Scsi.TestUnitReady, Scsi.Slice(selected.Cdb, 0, selected.CdbLength));
            Scsi.AssertNoViolations(bus);
        }

        [Fact]
        public void Scsi1SelectionWithoutArbitrationLeavesTheInitiatorUnknown()
        {
            using var bus = new SimBus();
            SimController initiator = bus.Attach(new ControllerOptions(Scsi.InitiatorId));
            SimController target = bus.Attach(new ControllerOptions(Scsi.TargetId));
            Completion? selected = null;
            Completion? select = null;

            bus.Spawn("target", () =>
            {
                selected = Scsi.ListenForCommand(target);
                Scsi.FinishAsTarget(target, Scsi.StatusGood);
            });
            bus.Spawn("initiator", () =>
            {
                select = Scsi.Ok(initiator, ControllerCommand.Select(Scsi.TargetId, CommandFlags.NoArbitration), BusPhase.Command);
                Scsi.Ok(initiator, ControllerCommand.CommandOut(Scsi.TestUnitReady), BusPhase.Status);
                Scsi.FinishAsInitiator(initiator);
            });
            bus.RunAll();

            Assert.Equal(0, select!.ArbitrationRetries);
            Assert.False(select.HasFlag(CompletionFlags.Arbitrated), "a SCSI-1 selection skips arbitration: " + select);
            Assert.False(selected!.HasFlag(CompletionFlags.Atn), "a SCSI-1 selection has no ATN: " + selected);
            Assert.False(selected.HasFlag(CompletionFlags.InitiatorKnown), "only the target's ID was on the bus: " + selected);
            Assert.Equal(Scsi.TestUnitReady, Scsi.Slice(selected.Cdb, 0, selected.CdbLength));
            Scsi.AssertNoViolations(bus);
        }

        [Fact]
        public void SelectingAnAbsentIdTimesOutAfterAQuarterSecondOfVirtualTime()
        {
            using var bus = new SimBus();
            SimController initiator = bus.Attach(new ControllerOptions(Scsi.InitiatorId));
            bus.Attach(new ControllerOptions(Scsi.TargetId));  // present but not listening on ID 5

            // No instances: the test thread itself waits, which runs the bus.
            Completion done = Scsi.Expect(initiator, ControllerCommand.Select(5, CommandFlags.Atn), ControllerResult.SelectionTimeout);

            // SCSI-2 recommends a 250 ms selection timeout; arbitration adds a few microseconds.
            Assert.InRange(done.TimeNs, 250_000_000L, 251_000_000L);
            Assert.Equal(0u, bus.Lines & (ScsiLines.Bsy | ScsiLines.Sel | ScsiLines.Atn | ScsiLines.DataAndParity));
            Scsi.AssertNoViolations(bus);
        }

        [Fact]
        public void BusTimeHasReachedACompletionOnceItIsReported()
        {
            // Firmware reads the clock after a completion and plans from it (sleeps, timeouts);
            // a clock behind the completion's own time would let later events happen "before"
            // ones already reported.
            using var bus = new SimBus();
            SimController initiator = bus.Attach(new ControllerOptions(Scsi.InitiatorId));

            Completion done = Scsi.Expect(initiator, ControllerCommand.Select(5, CommandFlags.None), ControllerResult.SelectionTimeout);

            Assert.True(bus.NowNs >= done.TimeNs, "the bus clock reads " + bus.NowNs + " ns after a completion at " + done.TimeNs + " ns");
        }
    }
}
