using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;

namespace ScsiBridge.SimHost
{
    /// <summary>
    /// scsibridge-sim: runs the bridge's firmware on the simulated bus behind a pseudo-terminal
    /// and prints the port to connect to. Devices come from flags:
    ///   --disk ID:PATH[:ro]   a disk image at that SCSI ID
    ///   --cdrom ID:PATH       a CD-ROM image (ISO) at that SCSI ID
    ///   --link uart[:BAUD] | usb-fs   the link's timing model (default uart:3000000)
    /// Ctrl-C (SIGINT) ends it cleanly.
    /// </summary>
    internal static class Program
    {
        private static int Main(string[] args)
        {
            var devices = new List<SimDevice>();
            LinkModel model = LinkModel.Uart(3_000_000);
            try
            {
                for (int i = 0; i < args.Length; i++)
                {
                    string a = args[i];
                    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException(a + " needs a value");
                    if (a == "--disk" || a == "--cdrom") devices.Add(ParseDevice(Next(), a == "--cdrom"));
                    else if (a == "--link") model = LinkModel.Parse(Next());
                    else if (a == "--help" || a == "-h")
                    {
                        Console.WriteLine("usage: scsibridge-sim [--disk ID:PATH[:ro]]... [--cdrom ID:PATH]... [--link uart[:BAUD]|usb-fs]");
                        return 0;
                    }
                    else throw new ArgumentException("unknown option " + a + " (see --help)");
                }
                using var bridge = new SimulatedBridge(devices, model);
                Console.CancelKeyPress += (_, e) =>
                {
                    e.Cancel = true;  // end through Stop, not by killing the process mid-write
                    bridge.Stop();
                };
                Console.WriteLine("ScsiBridge simulator on " + bridge.PortPath + " (" + model.Name + ")");
                foreach (SimDevice d in devices)
                {
                    Console.WriteLine("  ID " + d.Id + ": " + (d.Cdrom ? "CD-ROM " : "disk ") + d.Path + (d.ReadOnly ? " (read-only)" : ""));
                }
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

        private static SimDevice ParseDevice(string text, bool cdrom)
        {
            string[] parts = text.Split(':');
            if (parts.Length < 2 || !int.TryParse(parts[0], out int id))
            {
                throw new ArgumentException("'" + text + "' is not ID:PATH (for example 0:disk.img)");
            }
            bool readOnly = parts.Length > 2 && parts[^1] == "ro";
            string path = string.Join(':', parts, 1, parts.Length - (readOnly ? 2 : 1));
            if (!File.Exists(path)) throw new ArgumentException("no image file " + path);
            return new SimDevice(id, path, cdrom, readOnly);
        }
    }
}
