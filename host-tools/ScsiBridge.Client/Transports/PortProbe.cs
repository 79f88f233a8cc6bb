using System;
using System.Diagnostics;
using ScsiBridge.Protocol;

namespace ScsiBridge.Client.Transports
{
    /// <summary>
    /// Asks one port who is there: sends a HELLO frame and listens for a while to what comes
    /// back, without opening a session (a bridge that answers ends the HELLO session at the next
    /// HELLO anyway). `scsibridge ports --probe` runs it on every candidate.
    /// </summary>
    public static class PortProbe
    {
        public const int MaxHeard = 2048;

        /// <summary>Sends HELLO on the transport and classifies what comes back within listenMs.</summary>
        public static PortAnswerKind Identify(ILinkTransport transport, int listenMs)
        {
            ArgumentNullException.ThrowIfNull(transport);
            byte[] frame = new byte[LinkConstants.MaxEncoded];
            byte[] hello = { LinkConstants.Version, 0 };
            int length = new FrameWriter().Encode(FrameType.Request, 0, Opcodes.Hello, 1, hello, 0, hello.Length, frame, 0);
            transport.Write(frame, 0, length);

            var decoder = new FrameDecoder();
            byte[] heard = new byte[MaxHeard];
            int count = 0;
            byte[] buffer = new byte[512];
            var clock = Stopwatch.StartNew();
            while (clock.ElapsedMilliseconds < listenMs)
            {
                int wait = (int)Math.Max(1, listenMs - clock.ElapsedMilliseconds);
                int n = transport.Read(buffer, 0, buffer.Length, wait);
                if (n <= 0) continue;
                int keep = Math.Min(n, heard.Length - count);
                Array.Copy(buffer, 0, heard, count, keep);
                count += keep;
                int at = 0;
                while (at < n)
                {
                    at += decoder.Feed(buffer, at, n - at, out bool complete);
                    if (complete && decoder.Current.Error == LinkErrors.None && decoder.Current.Type == FrameType.Response && decoder.Current.Opcode == Opcodes.Hello) return PortAnswerKind.Bridge;
                }

                // A board's boot text or wire protocol packet is recognised as soon as it is here.
                PortAnswerKind so = PortAnswer.Classify(heard.AsSpan(0, count), false);
                if (so == PortAnswerKind.EspBootRom || so == PortAnswerKind.NanoFramework) return so;
            }

            return PortAnswer.Classify(heard.AsSpan(0, count), false);
        }

        /// <summary>Opens the port exclusively, probes it and closes it; a port in use throws LinkPortBusyException.</summary>
        public static PortAnswerKind Identify(string path, int baudRate, int listenMs)
        {
            using SerialPortTransport transport = SerialPortTransport.Open(path, baudRate);
            return Identify(transport, listenMs);
        }
    }
}
