using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ScsiBridge.Client.Transports;

namespace ScsiBridge.Client.Api
{
    /// <summary>Finding the bridge: port discovery and opening a port with HELLO.</summary>
    public sealed partial class BridgeClient
    {
        /// <summary>A test seam: fault campaigns put line noise, lost frames and hang-ups between
        /// the tool and the port it opened. Null (always, outside tests): the port as it is.</summary>
        internal static Func<ILinkTransport, ILinkTransport>? WrapTransportForTests;

        /// <summary>Serial ports the bridge may be behind (by-id names, ttyUSB*, ttyACM*).</summary>
        public static IReadOnlyList<PortInfo> ListPorts() => PortDiscovery.ListPorts();

        /// <summary>
        /// Opens the port (or, when port is null, the only candidate port there is) exclusively,
        /// says HELLO and returns the client. Errors say what to try: no port found, several to
        /// choose from, a port in use, or nothing answering on it.
        /// </summary>
        public static async Task<BridgeClient> ConnectAsync(string? port, int baudRate = SerialPortTransport.DefaultBaudRate,
                                                           BridgeClientOptions? options = null, CancellationToken ct = default)
        {
            // A port that answers HELLO with a board's boot text or nanoFramework's wire protocol
            // is reported as a board without the firmware (BridgeNotFlashedException).
            if (port == null)
            {
                IReadOnlyList<PortInfo> ports = ListPorts();
                if (ports.Count == 0) throw new BridgeException("no serial port looks like a bridge (no ttyUSB*, ttyACM* or serial/by-id entry); plug it in or give the port");
                if (ports.Count > 1) throw new BridgeException("several serial ports could be the bridge (" + string.Join(", ", ports) + "); choose one with --port");
                port = ports[0].ByIdPath ?? ports[0].Path;
            }
            ILinkTransport transport = SerialPortTransport.Open(port, baudRate);
            if (WrapTransportForTests != null) transport = WrapTransportForTests(transport);
            var client = new BridgeClient(transport, options);
            try
            {
                await client.HelloAsync(ct).ConfigureAwait(false);
                return client;
            }
            catch (BridgeTimeoutException e)
            {
                PortAnswerKind heard = client.HeardAnswer();
                string silence = client.SilenceDescription();
                string budget = client.HelloBudgetSeconds();
                client.Dispose();
                if (heard == PortAnswerKind.EspBootRom || heard == PortAnswerKind.NanoFramework)
                {
                    throw new BridgeNotFlashedException(port, heard, e);
                }
                throw new BridgeException("no bridge on " + port + ": HELLO went unanswered for " + budget + " s and " + silence
                                          + "; check that it is the bridge's port, that the bridge is powered, and the baud rate (" + baudRate + ")", e);
            }
            catch
            {
                client.Dispose();
                throw;
            }
        }
    }
}
