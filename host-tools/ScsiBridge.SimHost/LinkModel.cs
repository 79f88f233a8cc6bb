using System;

namespace ScsiBridge.SimHost
{
    /// <summary>
    /// How long bytes take on the link, so throughput through the simulator means what the board
    /// would do: a UART at a baud rate (10 bits a byte with start and stop bits, written by the
    /// firmware's managed code a frame at a time), or the board's own link, USB full-speed
    /// CDC-ACM on the ESP32-S3's USB-OTG driven from native code (board/link.md).
    /// </summary>
    public sealed class LinkModel
    {
        public string Name { get; init; } = "uart";

        public long NanosecondsPerByte { get; init; }

        /// <summary>
        /// True when native code moves frames from the ring to the wire (the board's USB link):
        /// the managed decision to send a frame runs while the frame before it is still on the
        /// wire, and frames sent back to back stream with no gap between them.
        /// </summary>
        public bool NativeStreaming { get; init; }

        /// <summary>With NativeStreaming: what the first frame after an idle pipe waits before
        /// its first packet goes (the host's next look at the endpoint).</summary>
        public long IdleStartNs { get; init; }

        public static LinkModel Uart(int baud) => new LinkModel
        {
            Name = "UART " + baud + " baud 8N1",
            NanosecondsPerByte = 10_000_000_000L / baud,
        };

        /// <summary>
        /// USB 1.1 full speed, CDC-ACM bulk endpoints of 64 bytes, at most 19 packets a 1 ms frame
        /// (1.216 MB/s on the wire), fed from native code. A frame that starts on an idle pipe
        /// waits half a USB frame on average (0.5 ms); frames that follow one another stream.
        /// What it leaves out: hosts that schedule fewer than 19 bulk packets a frame (hubs,
        /// other devices on the bus), and the TinyUSB stack's own per-packet cost on core 0.
        /// </summary>
        public static LinkModel UsbFullSpeed() => new LinkModel
        {
            Name = "USB full-speed CDC",
            NanosecondsPerByte = 1_000_000_000L / 1_216_000,
            NativeStreaming = true,
            IdleStartNs = 500_000,
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

        /// <summary>How long the bytes take on the wire.</summary>
        public long Cost(long bytes) => bytes * NanosecondsPerByte;
    }
}
