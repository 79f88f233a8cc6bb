using System.IO;
using System.Text;
using ScsiBridge.Hal;
using ScsiBridge.SimDemo;
using Xunit;

namespace ScsiBridge.Hal.Sim.Tests
{
    /// <summary>A whole INQUIRY, as the demo runs it, and the determinism of its waveform.</summary>
    public class InquiryTests
    {
        [Fact]
        public void FullInquiryExchangeDecodesTheDisksIdentity()
        {
            using var bus = new SimBus();
            SimController initiator = bus.Attach(new ControllerOptions(Scsi.InitiatorId));
            SimController target = bus.Attach(new ControllerOptions(Scsi.TargetId));
            var identity = new InquiryData(0x05, "VINTAGE", "CD-ROM DRIVE", "1.0a");
            var disk = new ScriptedDiskTarget(target, identity, commandsToServe: 1);
            var host = new InquiryInitiator(initiator, bus.Clock, Scsi.TargetId);

            bus.Spawn("disk", disk.Run);
            bus.Spawn("host", host.Run);
            bus.RunAll();

            InquiryData decoded = InquiryData.Decode(host.Data, 0, host.BytesReceived);
            Assert.Equal(36, host.BytesReceived);
            Assert.Equal(identity.Encode(), host.Data);
            Assert.Equal(0x05, decoded.PeripheralType);
            Assert.Equal("VINTAGE", decoded.Vendor);
            Assert.Equal("CD-ROM DRIVE", decoded.Product);
            Assert.Equal("1.0a", decoded.Revision);
            Assert.Equal(ScriptedDiskTarget.StatusGood, host.StatusByte);
            Assert.Equal(ScriptedDiskTarget.MessageCommandComplete, host.FinalMessage);
            Assert.Equal(InquiryInitiator.IdentifyDisconnectLun0, disk.LastIdentify);
            Assert.True(host.EndNs > host.StartNs);
            Scsi.AssertNoViolations(bus);
        }

        [Fact]
        public void DemoReportsTheScriptedDiskAndWritesItsWaveform()
        {
            string path = Path.Combine(Path.GetTempPath(), "scsibridge-demo-test-" + System.Guid.NewGuid().ToString("N") + ".vcd");
            try
            {
                InquiryDemoResult result = InquiryDemo.Run(path);

                Assert.Equal("SCSIBRDG", result.Inquiry.Vendor);
                Assert.Equal("SIM DISK", result.Inquiry.Product);
                Assert.Equal("0001", result.Inquiry.Revision);
                Assert.Equal(0, result.Inquiry.PeripheralType);
                Assert.Equal(0, result.StatusByte);
                Assert.Empty(result.Violations);
                Assert.True(result.Edges > 100, "an INQUIRY toggles REQ/ACK dozens of times: " + result.Edges);
                Assert.True(result.BusTimeNs > 0);
                Assert.Equal(path, result.VcdPath);
                Assert.Contains("$enddefinitions", File.ReadAllText(path));
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void DemoProgramExitsZeroAndHonoursTheVcdOption()
        {
            string path = Path.Combine(Path.GetTempPath(), "scsibridge-demo-main-" + System.Guid.NewGuid().ToString("N") + ".vcd");
            try
            {
                Assert.Equal(0, Program.Main(new[] { "--vcd", path }));
                Assert.True(File.Exists(path));
                Assert.Equal(2, Program.Main(new[] { "--bogus" }));
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void TwoIdenticalRunsProduceIdenticalVcdBytes()
        {
            byte[] first = RecordInquiry();
            byte[] second = RecordInquiry();

            Assert.True(first.Length > 0);
            string text = Encoding.ASCII.GetString(first);
            Assert.Contains("$enddefinitions", text);
            Assert.Contains("REQ", text);
            Assert.Equal(first, second);
        }

        [Fact]
        public void ExportedFileHoldsTheSameBytesAsVcdBytes()
        {
            string path = Path.Combine(Path.GetTempPath(), "scsibridge-export-" + System.Guid.NewGuid().ToString("N") + ".vcd");
            try
            {
                using var bus = new SimBus();
                bus.TraceEnabled = true;
                SimController initiator = bus.Attach(new ControllerOptions(Scsi.InitiatorId));
                Scsi.Expect(initiator, ControllerCommand.Select(3, CommandFlags.None), ControllerResult.SelectionTimeout);

                bus.ExportVcd(path);

                Assert.Equal(bus.VcdBytes(), File.ReadAllBytes(path));
                Assert.Throws<IOException>(() => bus.ExportVcd(Path.Combine(path, "not-a-directory", "x.vcd")));
            }
            finally
            {
                File.Delete(path);
            }
        }

        private static byte[] RecordInquiry()
        {
            using var bus = new SimBus();
            bus.TraceEnabled = true;
            SimController initiator = bus.Attach(new ControllerOptions(Scsi.InitiatorId));
            SimController target = bus.Attach(new ControllerOptions(Scsi.TargetId));
            var disk = new ScriptedDiskTarget(target, InquiryDemo.DiskIdentity, commandsToServe: 1);
            var host = new InquiryInitiator(initiator, bus.Clock, Scsi.TargetId);
            bus.Spawn("disk", disk.Run);
            bus.Spawn("host", host.Run);
            bus.RunAll();
            return bus.VcdBytes();
        }
    }
}
