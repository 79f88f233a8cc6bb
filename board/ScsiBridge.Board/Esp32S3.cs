namespace ScsiBridge.Board;

/// <summary>
/// Facts about the ESP32-S3's GPIOs that decide where the bus may go. Sources (board/README.md
/// cites them): ESP-IDF components/soc/esp32s3/include/soc/gpio_caps.h (GPIO 0-48 without
/// 22-25; none is input-only), soc_caps.h (8 dedicated-GPIO channels each way per core),
/// spi_pins.h (flash on GPIO 27-32, with 26 as the PSRAM chip select), usb_pins.h (USB D- 19,
/// D+ 20), and the ESP32-S3 datasheet (strapping pins 0, 3, 45, 46; GPIO 33-37 carry the
/// octal PSRAM of the R8 modules; U0TXD 43, U0RXD 44).
/// </summary>
public static class Esp32S3
{
    public const int DedicatedChannels = 8;

    public static bool Exists(int gpio) => gpio is >= 0 and <= 48 and not (>= 22 and <= 25);

    /// <summary>Why the GPIO can never carry a board signal, or null.</summary>
    public static string? Reserved(int gpio)
    {
        if (gpio is 0 or 3 or 45 or 46)
        {
            return "a strapping pin: the chip samples it at reset, so whatever the bus does to it can change how the board boots";
        }

        if (gpio is >= 26 and <= 32)
        {
            return "wired to the module's SPI flash (and PSRAM chip select) inside the module";
        }

        if (gpio is >= 33 and <= 37)
        {
            return "used by the octal PSRAM of ESP32-S3 R8 modules (the DevKitC-1 N8R8 this board takes)";
        }

        if (gpio is 19 or 20)
        {
            return "the S3's own USB (D- on 19, D+ on 20), which carries the link";
        }

        if (gpio is 43 or 44)
        {
            return "UART0 (U0TXD 43, U0RXD 44): the boot ROM's and nanoFramework's console and debug channel";
        }

        return null;
    }
}
