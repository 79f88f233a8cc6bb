using System;

namespace ScsiBridge.SimHost
{
    /// <summary>
    /// How long bytes take on the link, so throughput through the simulator means what the board
    /// would do: a UART at a baud rate (10 bits a byte with start and stop bits), or USB
    /// full-speed CDC (bulk packets of 64 bytes, one a frame slot; per-transfer latency).
    /// </summary>
    public sealed class LinkModel
    {
        public string Name { get; init; } = "uart";

        public long NanosecondsPerByte { get; init; }

        public long PerFrameLatencyNs { get; init; }

        public static LinkModel Uart(int baud) => new LinkModel
        {
            Name = "UART " + baud + " baud 8N1",
            NanosecondsPerByte = 10_000_000_000L / baud,
            PerFrameLatencyNs = 0,
        };

        /// <summary>USB 1.1 full speed CDC: about 19 bulk packets of 64 bytes a 1 ms frame at best
        /// (~1.2 MB/s), and a transfer waits for the next frame (0.5 ms on average).</summary>
        public static LinkModel UsbFullSpeed() => new LinkModel
        {
            Name = "USB full-speed CDC",
            NanosecondsPerByte = 1_000_000_000L / 1_216_000,
            PerFrameLatencyNs = 500_000,
        };

        public static LinkModel Parse(string text)
        {
            if (text == "usb-fs") return UsbFullSpeed();
            if (text.StartsWith("uart", StringComparison.Ordinal))
            {
                string rate = text.Length > 4 ? text[4..].TrimStart(':') : "3000000";
                if (int.TryParse(rate, out int baud) && baud >= 300 && baud <= 12_000_000) return Uart(baud);
            }
            throw new ArgumentException("link model '" + text + "' is not one of: uart, uart:BAUD (300 to 12000000), usb-fs");
        }

        /// <summary>The most bytes a second the modelled link carries (frame headers included).</summary>
        public double BytesPerSecond => 1e9 / NanosecondsPerByte;

        public long Cost(long bytes, int frames) => bytes * NanosecondsPerByte + frames * PerFrameLatencyNs;
    }
}
