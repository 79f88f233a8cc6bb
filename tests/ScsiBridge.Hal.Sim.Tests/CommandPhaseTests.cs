using ScsiBridge.Hal;
using Xunit;

namespace ScsiBridge.Hal.Sim.Tests
{
    /// <summary>IDENTIFY and CDBs of each group length arrive at the target byte for byte.</summary>
    public class CommandPhaseTests
    {
        public static TheoryData<byte[]> Cdbs => new TheoryData<byte[]>
        {
            // Group 0: six bytes (READ(6) of 1 block at 0x1234).
            new byte[] { 0x08, 0x00, 0x12, 0x34, 0x01, 0x00 },
            // Group 1: ten bytes (READ(10) of 2 blocks at 0x00A1B2C3).
            new byte[] { 0x28, 0x00, 0x00, 0xA1, 0xB2, 0xC3, 0x00, 0x00, 0x02, 0x00 },
            // Group 5: twelve bytes (READ(12) of 3 blocks at 0x01020304).
            new byte[] { 0xA8, 0x00, 0x01, 0x02, 0x03, 0x04, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00 },
        };

        [Theory]
        [MemberData(nameof(Cdbs))]
        public void TargetReceivesIdentifyAndTheWholeCdb(byte[] cdb)
        {
            using var bus = new SimBus();
            SimController initiator = bus.Attach(new ControllerOptions(Scsi.InitiatorId));
            SimController target = bus.Attach(new ControllerOptions(Scsi.TargetId));
            Completion? selected = null;
            int status = -1;

            bus.Spawn("target", () =>
            {
                selected = Scsi.ListenForCommand(target);
                // No medium behind this target: CHECK CONDITION, so the initiator sees a
                // status the target chose rather than a default zero.
                Scsi.FinishAsTarget(target, Scsi.StatusCheckCondition);
            });
            bus.Spawn("initiator", () =>
            {
                Scsi.SelectIdentifyAndSend(initiator, Scsi.TargetId, cdb, BusPhase.Status);
                status = Scsi.FinishAsInitiator(initiator);
            });
            bus.RunAll();

            Assert.Equal(cdb.Length, selected!.CdbLength);
            Assert.Equal(cdb, Scsi.Slice(selected.Cdb, 0, selected.CdbLength));
            Assert.True(selected.HasFlag(CompletionFlags.Identify));
            Assert.Equal(Scsi.IdentifyLun0, selected.Identify);
            Assert.Equal(Scsi.StatusCheckCondition, status);
            Scsi.AssertNoViolations(bus);
        }
    }
}
