using System;
using System.Globalization;
using ScsiBridge.Hal;

namespace ScsiBridge.SimDemo
{
    /// <summary>
    /// scsibridge-simdemo: runs an INQUIRY between two controllers on the simulated bus, prints
    /// what the disk said and how the bus behaved, and writes the waveform as a VCD file.
    /// </summary>
    public static class Program
    {
        public const string DefaultVcdPath = "scsibridge-demo.vcd";

        public static int Main(string[] args)
        {
            string vcdPath = DefaultVcdPath;
            for (int i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--vcd":
                        if (i + 1 >= args.Length || args[i + 1].Length == 0)
                        {
                            Console.Error.WriteLine("error: --vcd needs a file path.");
                            return 2;
                        }

                        vcdPath = args[++i];
                        break;
                    case "-h":
                    case "--help":
                        PrintUsage();
                        return 0;
                    default:
                        Console.Error.WriteLine("error: unknown argument '" + args[i] + "'.");
                        PrintUsage();
                        return 2;
                }
            }

            InquiryDemoResult result;
            try
            {
                result = InquiryDemo.Run(vcdPath);
            }
            catch (DllNotFoundException ex)
            {
                Console.Error.WriteLine("error: the native simulated bus (libscsibridge_sim) could not be loaded: " + ex.Message);
                Console.Error.WriteLine("Build the solution (dotnet build) so that it is built and copied next to the program.");
                return 1;
            }
            catch (Exception ex) when (ex is DemoException || ex is HalException || ex is System.IO.IOException)
            {
                Console.Error.WriteLine("error: " + ex.Message);
                return 1;
            }

            CultureInfo c = CultureInfo.InvariantCulture;
            Console.WriteLine("INQUIRY of ID " + InquiryDemo.TargetId + " by ID " + InquiryDemo.InitiatorId + " on the simulated bus");
            Console.WriteLine("  peripheral type: " + result.Inquiry.PeripheralType.ToString(c) + " (" + InquiryData.PeripheralTypeName(result.Inquiry.PeripheralType) + ")");
            Console.WriteLine("  vendor:          " + result.Inquiry.Vendor);
            Console.WriteLine("  product:         " + result.Inquiry.Product);
            Console.WriteLine("  revision:        " + result.Inquiry.Revision);
            Console.WriteLine("  data:            " + result.BytesReceived.ToString(c) + " bytes, status 0x" + result.StatusByte.ToString("X2", c)
                + ", message 0x" + result.FinalMessage.ToString("X2", c) + " (COMMAND COMPLETE)");
            Console.WriteLine("  bus time:        " + (result.BusTimeNs / 1000.0).ToString("0.000", c) + " us (virtual, selection to bus free)");
            Console.WriteLine("  edges:           " + result.Edges.ToString(c));
            Console.WriteLine("  violations:      " + result.Violations.Count.ToString(c));
            foreach (var v in result.Violations)
            {
                Console.WriteLine("    " + v);
            }

            Console.WriteLine("  waveform:        " + result.VcdPath);

            if (result.StatusByte != ScriptedDiskTarget.StatusGood || result.FinalMessage != ScriptedDiskTarget.MessageCommandComplete)
            {
                Console.Error.WriteLine("error: the INQUIRY did not end with GOOD status and COMMAND COMPLETE.");
                return 1;
            }

            if (result.Violations.Count != 0)
            {
                Console.Error.WriteLine("error: the bus monitor saw " + result.Violations.Count.ToString(c) + " protocol violations.");
                return 1;
            }

            return 0;
        }

        private static void PrintUsage()
        {
            Console.WriteLine("usage: ScsiBridge.SimDemo [--vcd PATH]");
            Console.WriteLine("  Runs an INQUIRY from a bridge (ID 7) to a scripted disk (ID 0) on the simulated");
            Console.WriteLine("  SCSI bus and writes the waveform as VCD (default: " + DefaultVcdPath + ").");
        }
    }
}
