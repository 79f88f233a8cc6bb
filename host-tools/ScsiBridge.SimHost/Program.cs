using System;
using System.IO;
using System.Linq;

namespace ScsiBridge.SimHost
{
    /// <summary>
    /// scsibridge-sim: runs the bridge's firmware on the simulated bus behind a pseudo-terminal
    /// and prints the port to connect to. Devices come from flags or a config file
    /// (<see cref="SimOptions"/>). Ctrl-C (SIGINT) ends it cleanly.
    /// </summary>
    internal static class Program
    {
        private static int Main(string[] args)
        {
            if (args.Contains("--help") || args.Contains("-h"))
            {
                Console.WriteLine(SimOptions.Usage);
                return 0;
            }
            try
            {
                SimConfig config = SimOptions.Parse(args);
                using var bridge = new SimulatedBridge(config);
                Console.CancelKeyPress += (_, e) =>
                {
                    e.Cancel = true;  // end through Stop, not by killing the process mid-write
                    bridge.Stop();
                };
                Console.WriteLine("ScsiBridge simulator on " + bridge.PortPath + " (" + config.Link.Name + ")");
                foreach (SimDevice d in config.Devices)
                {
                    Console.WriteLine("  ID " + d.Id + ": " + (d.Cdrom ? "CD-ROM " : "disk ") + d.Path + (d.ReadOnly ? " (read-only)" : ""));
                }
                foreach (SimProcessor p in config.Processors) Console.WriteLine("  ID " + p.Id + ": processor" + (p.SinkPath != null ? " -> " + p.SinkPath : ""));
                foreach (SimInitiator h in config.Initiators) Console.WriteLine("  ID " + h.Id + ": host sending " + h.SourcePath);
                Console.WriteLine("  bridge target IDs " + string.Join(",", config.BridgeTargetIds) + " (processor at " + bridge.BridgeProcessorId + ")"
                                  + (config.ImageFolder != null ? ", images from " + config.ImageFolder : ""));
                Console.WriteLine("ready; Ctrl-C ends it");
                Console.Out.Flush();
                bridge.Run();
                Console.WriteLine("stopped after " + (bridge.VirtualTimeNs / 1_000_000) + " ms of bus time");
                return 0;
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine("error: " + e.Message);
                return 2;
            }
            catch (IOException e)
            {
                Console.Error.WriteLine("error: " + e.Message);
                return 1;
            }
        }
    }
}
