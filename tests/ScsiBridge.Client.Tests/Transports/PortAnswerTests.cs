using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ScsiBridge.Client.Api;
using ScsiBridge.Client.Transports;
using ScsiBridge.Protocol;
using Xunit;

namespace ScsiBridge.Client.Tests.Transports
{
    /// <summary>
    /// Telling a bridge from a board without the firmware: pseudo-terminals play what an ESP32's
    /// boot ROM, nanoFramework and the bridge send back when HELLO arrives.
    /// </summary>
    public sealed class PortAnswerTests
    {
        // What an ESP32-S3 prints at reset (its boot ROM), then a download-mode line.
        private static readonly byte[] BootRom = Encoding.ASCII.GetBytes(
            "ESP-ROM:esp32s3-20210327\r\nBuild:Mar 27 2021\r\nrst:0x1 (POWERON),boot:0x0 (DOWNLOAD(USB/UART0))\r\nwaiting for download\r\n");

        // A nanoFramework wire protocol packet header: the signature, then CRCs, command, sequence, flags, size.
        private static readonly byte[] NanoPacket = NanoFrameworkPacket();

        [Fact]
        public void TheMarkersAreRecognised()
        {
            Assert.Equal(PortAnswerKind.EspBootRom, PortAnswer.Classify(BootRom, false));
            Assert.Equal(PortAnswerKind.EspBootRom, PortAnswer.Classify(Encoding.ASCII.GetBytes("ets Jun  8 2016 00:22:57\r\n"), false));
            Assert.Equal(PortAnswerKind.NanoFramework, PortAnswer.Classify(NanoPacket, false));
            Assert.Equal(PortAnswerKind.Silent, PortAnswer.Classify(ReadOnlySpan<byte>.Empty, false));
            Assert.Equal(PortAnswerKind.Unrecognised, PortAnswer.Classify(new byte[] { 0xFF, 0x13, 0x80, 0x41 }, false));
            Assert.Equal(PortAnswerKind.Bridge, PortAnswer.Classify(BootRom, true));
            Assert.Contains("a board without ScsiBridge firmware (see docs/board.md)", PortAnswer.Describe(PortAnswerKind.NanoFramework), StringComparison.Ordinal);
        }

        [Fact]
        public async Task AProbeHearsTheBootRom()
        {
            using PseudoTerminal pty = PseudoTerminal.Open();
            Task board = Answer(pty, BootRom);

            PortAnswerKind answer = PortProbe.Identify(pty.SlavePath, SerialPortTransport.DefaultBaudRate, 3000);

            await board;
            Assert.Equal(PortAnswerKind.EspBootRom, answer);
        }

        [Fact]
        public async Task AProbeHearsNanoFramework()
        {
            using PseudoTerminal pty = PseudoTerminal.Open();
            Task board = Answer(pty, NanoPacket);

            PortAnswerKind answer = PortProbe.Identify(pty.SlavePath, SerialPortTransport.DefaultBaudRate, 3000);

            await board;
            Assert.Equal(PortAnswerKind.NanoFramework, answer);
        }

        [Fact]
        public async Task AProbeHearsABridge()
        {
            using PseudoTerminal pty = PseudoTerminal.Open();
            byte[] response = new byte[LinkConstants.MaxEncoded];
            byte[] payload = new byte[4];
            int length = new FrameWriter().Encode(FrameType.Response, 0, Opcodes.Hello, 1, payload, 0, payload.Length, response, 0);
            Task board = Answer(pty, response.AsSpan(0, length).ToArray());

            PortAnswerKind answer = PortProbe.Identify(pty.SlavePath, SerialPortTransport.DefaultBaudRate, 3000);

            await board;
            Assert.Equal(PortAnswerKind.Bridge, answer);
        }

        [Fact]
        public void ASilentPortIsSilent()
        {
            using PseudoTerminal pty = PseudoTerminal.Open();

            Assert.Equal(PortAnswerKind.Silent, PortProbe.Identify(pty.SlavePath, SerialPortTransport.DefaultBaudRate, 300));
        }

        [Fact]
        public async Task ConnectingToABoardWithoutTheFirmwareSaysSo()
        {
            using PseudoTerminal pty = PseudoTerminal.Open();
            Task board = Answer(pty, NanoPacket);
            var quick = new BridgeClientOptions { ResponseTimeout = TimeSpan.FromMilliseconds(300), Attempts = 2 };

            BridgeNotFlashedException e = await Assert.ThrowsAsync<BridgeNotFlashedException>(
                () => BridgeClient.ConnectAsync(pty.SlavePath, SerialPortTransport.DefaultBaudRate, quick));

            await board;
            Assert.Equal(PortAnswerKind.NanoFramework, e.Answer);
            Assert.Equal(pty.SlavePath + ": a board without ScsiBridge firmware (see docs/board.md): nanoFramework answered, the ScsiBridge application is not running", e.Message);
        }

        [Fact]
        public async Task ConnectingToASilentPortStillSaysNothingAnswered()
        {
            using PseudoTerminal pty = PseudoTerminal.Open();
            var quick = new BridgeClientOptions { ResponseTimeout = TimeSpan.FromMilliseconds(200), Attempts = 1 };

            BridgeException e = await Assert.ThrowsAsync<BridgeException>(
                () => BridgeClient.ConnectAsync(pty.SlavePath, SerialPortTransport.DefaultBaudRate, quick));

            Assert.StartsWith("no bridge on " + pty.SlavePath + ": HELLO went unanswered", e.Message, StringComparison.Ordinal);
            Assert.Contains("nothing came back", e.Message, StringComparison.Ordinal);
        }

        /// <summary>The board's side: waits for the HELLO frame (up to its delimiter), then sends its answer.</summary>
        private static Task Answer(PseudoTerminal pty, byte[] answer)
        {
            return Task.Run(() =>
            {
                byte[] one = new byte[1];
                var deadline = DateTime.UtcNow.AddSeconds(5);
                while (DateTime.UtcNow < deadline)
                {
                    // The probe may not have opened the port yet: a pty master with no client hangs up.
                    if (!pty.IsPeerConnected)
                    {
                        pty.WaitForPeer(100);
                        continue;
                    }

                    int n;
                    try
                    {
                        n = pty.Master.Read(one, 0, 1, 100);
                    }
                    catch (LinkHangupException)
                    {
                        continue;
                    }

                    if (n == 1 && one[0] == 0) break;
                }

                pty.Master.Write(answer, 0, answer.Length);
            });
        }

        private static byte[] NanoFrameworkPacket()
        {
            byte[] packet = new byte[32];
            Encoding.ASCII.GetBytes("MSdbgV1").CopyTo(packet, 0);
            BitConverter.GetBytes(0x12345678u).CopyTo(packet, 8);   // header CRC (not checked here)
            BitConverter.GetBytes(0u).CopyTo(packet, 12);           // data CRC
            BitConverter.GetBytes(0x00020001u).CopyTo(packet, 16);  // a monitor message
            return packet;
        }
    }
}
