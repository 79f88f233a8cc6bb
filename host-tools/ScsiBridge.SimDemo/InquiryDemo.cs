using System.Collections.Generic;
using System.IO;
using ScsiBridge.Hal;
using ScsiBridge.Hal.Sim;

namespace ScsiBridge.SimDemo
{
    /// <summary>What one run of the demo produced.</summary>
    public sealed class InquiryDemoResult
    {
        public InquiryDemoResult(InquiryData inquiry, int bytesReceived, int statusByte, int finalMessage,
            long busTimeNs, long edges, IReadOnlyList<SimViolation> violations, string vcdPath)
        {
            Inquiry = inquiry;
            BytesReceived = bytesReceived;
            StatusByte = statusByte;
            FinalMessage = finalMessage;
            BusTimeNs = busTimeNs;
            Edges = edges;
            Violations = violations;
            VcdPath = vcdPath;
        }

        public InquiryData Inquiry { get; }

        public int BytesReceived { get; }

        public int StatusByte { get; }

        public int FinalMessage { get; }

        /// <summary>Virtual time from the start of the selection to bus free.</summary>
        public long BusTimeNs { get; }

        public long Edges { get; }

        public IReadOnlyList<SimViolation> Violations { get; }

        public string VcdPath { get; }
    }

    /// <summary>
    /// The demo scenario: a bridge as initiator (ID 7) asks a scripted disk (ID 0) what it is,
    /// on the simulated bus, with every edge recorded.
    /// </summary>
    public static class InquiryDemo
    {
        public const int InitiatorId = 7;
        public const int TargetId = 0;

        public static readonly InquiryData DiskIdentity = new InquiryData(0x00, "SCSIBRDG", "SIM DISK", "0001");

        public static InquiryDemoResult Run(string vcdPath)
        {
            using var bus = new SimBus();
            bus.TraceEnabled = true;
            SimController initiator = bus.Attach(new ControllerOptions(InitiatorId));
            SimController target = bus.Attach(new ControllerOptions(TargetId));

            var disk = new ScriptedDiskTarget(target, DiskIdentity, commandsToServe: 1);
            var host = new InquiryInitiator(initiator, bus.Clock, TargetId);

            // The target goes first so that it is listening before the initiator selects it.
            bus.Spawn("disk ID " + TargetId, disk.Run);
            bus.Spawn("initiator ID " + InitiatorId, host.Run);
            bus.RunAll();

            if (host.BytesReceived != InquiryData.StandardLength)
            {
                throw new DemoException("The target sent " + host.BytesReceived + " bytes of INQUIRY data, not "
                    + InquiryData.StandardLength + ".");
            }

            string fullPath = Path.GetFullPath(vcdPath);
            bus.ExportVcd(fullPath);
            SimStats stats = bus.Stats;
            return new InquiryDemoResult(
                InquiryData.Decode(host.Data, 0, host.BytesReceived),
                host.BytesReceived,
                host.StatusByte,
                host.FinalMessage,
                host.EndNs - host.StartNs,
                stats.Edges,
                bus.Violations,
                fullPath);
        }
    }
}
