// Declarations of the nanoFramework 1.x API surface the firmware may use; compile-time only.
// Source of the facts: nanoframework/nanoFramework.Hardware.Esp32 (package of the same name, tag
// v1.6.42),
// nanoFramework.Hardware.Esp32/Configuration.cs and DeviceTypePins.cs. DeviceFunction values
// are DeviceType (x 0x10000) + device index (x 0x100) + function index, as there; only the
// serial (COM) and SPI functions the board may route are declared.

namespace nanoFramework.Hardware.Esp32
{
    public enum DeviceTypes
    {
        GPIO = 0x00000000,
        SPI = 0x00010000,
        I2C = 0x00020000,
        SERIAL = 0x00030000,
        PWM = 0x00040000,
        ADC = 0x00050000,
        I2S = 0x00060000,
        SDMMC = 0x00080000,
    }

    public enum DeviceFunction
    {
        SPI1_MOSI = 0x00010100,
        SPI1_MISO = 0x00010101,
        SPI1_CLOCK = 0x00010102,
        SPI2_MOSI = 0x00010200,
        SPI2_MISO = 0x00010201,
        SPI2_CLOCK = 0x00010202,

        COM1_TX = 0x00030100,
        COM1_RX = 0x00030101,
        COM1_RTS = 0x00030102,
        COM1_CTS = 0x00030103,
        COM2_TX = 0x00030200,
        COM2_RX = 0x00030201,
        COM2_RTS = 0x00030202,
        COM2_CTS = 0x00030203,
        COM3_TX = 0x00030300,
        COM3_RX = 0x00030301,
        COM3_RTS = 0x00030302,
        COM3_CTS = 0x00030303,
    }

    public class Configuration
    {
        public static extern void SetPinFunction(int pin, DeviceFunction value);

        public static extern int GetFunctionPin(DeviceFunction function);
    }
}
