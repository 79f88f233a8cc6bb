using System;
using System.Text;

namespace ScsiBridge.Client.Transports
{
    /// <summary>What a serial port said when the bridge's HELLO went to it.</summary>
    public enum PortAnswerKind
    {
        /// <summary>Nothing came back.</summary>
        Silent,

        /// <summary>A ScsiBridge link frame: the bridge's firmware.</summary>
        Bridge,

        /// <summary>The ESP32's boot ROM printing its boot messages: a board, no ScsiBridge firmware running.</summary>
        EspBootRom,

        /// <summary>nanoFramework's wire protocol (packets marked MSdbgV1 or MSpktV1): nanoCLR runs, the ScsiBridge application does not.</summary>
        NanoFramework,

        /// <summary>Bytes that are none of those: another device, or a wrong baud rate.</summary>
        Unrecognised,
    }

    /// <summary>
    /// Tells what answered on a port from the bytes it sent back. The markers: the ESP32 boot
    /// ROM prints lines such as "ESP-ROM:esp32s3-20210327", "rst:0x1 (POWERON),boot:0x8" and
    /// "waiting for download" (older chips "ets Jun  8 2016"); nanoFramework's wire protocol
    /// starts every packet with the 8-byte signature "MSdbgV1\0" (from the device) or
    /// "MSpktV1\0" (nf-interpreter WireProtocol.h, nf-debugger WireProtocol/Packet.cs).
    /// </summary>
    public static class PortAnswer
    {
        private static readonly string[] BootRomMarkers = { "ESP-ROM:", "rst:0x", "boot:0x", "waiting for download", "ets Jun", "ets Jul" };
        private static readonly string[] NanoFrameworkMarkers = { "MSdbgV1\0", "MSpktV1\0" };

        /// <summary>Classifies what was heard; bridgeFrame says a valid link frame came back.</summary>
        public static PortAnswerKind Classify(ReadOnlySpan<byte> heard, bool bridgeFrame)
        {
            if (bridgeFrame) return PortAnswerKind.Bridge;
            if (heard.IsEmpty) return PortAnswerKind.Silent;
            string text = Encoding.Latin1.GetString(heard);
            foreach (string marker in NanoFrameworkMarkers)
            {
                if (text.Contains(marker, StringComparison.Ordinal)) return PortAnswerKind.NanoFramework;
            }

            foreach (string marker in BootRomMarkers)
            {
                if (text.Contains(marker, StringComparison.Ordinal)) return PortAnswerKind.EspBootRom;
            }

            return PortAnswerKind.Unrecognised;
        }

        /// <summary>What to tell a person about a port that answered so.</summary>
        public static string Describe(PortAnswerKind kind) => kind switch
        {
            PortAnswerKind.Bridge => "a ScsiBridge bridge",
            PortAnswerKind.EspBootRom => "a board without ScsiBridge firmware (see docs/board.md): the ESP32 boot ROM answered",
            PortAnswerKind.NanoFramework => "a board without ScsiBridge firmware (see docs/board.md): nanoFramework answered, the ScsiBridge application is not running",
            PortAnswerKind.Unrecognised => "something answered, but not the ScsiBridge link (another device, or another baud rate)",
            _ => "no answer",
        };
    }
}
