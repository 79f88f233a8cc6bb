// Generated from board/pins.csv by `dotnet run --project board/ScsiBridge.Board -- generate`; do not edit.
// The ESP32-S3 pin table of the board's bus backend. Freestanding C++17.
#pragma once
#include <stdint.h>

namespace sb {
namespace board {

// How a line meets the GPIOs: both directions through the data transceivers; one GPIO
// that one role drives and the other senses; or a wired-OR line with a sense and a drive GPIO.
enum LineWiring : uint8_t { kWiringData = 0, kWiringControl = 1, kWiringWiredOr = 2 };
enum LineDriver : uint8_t { kDrivenByBoth = 0, kDrivenByInitiator = 1, kDrivenByTarget = 2 };

struct LinePin {
  uint32_t line;        // the bit in sb/lines.h
  int8_t sense_gpio;    // the GPIO the line is read on
  int8_t drive_gpio;    // the GPIO that asserts it (the same one except for wired-OR lines)
  uint8_t wiring;       // LineWiring
  uint8_t driven_by;    // LineDriver
  bool asserted_high;   // the GPIO level that means asserted
};

constexpr uint32_t kLinePinCount = 18;

// In the bit order of sb/lines.h.
constexpr LinePin kLinePins[kLinePinCount] = {
    {1u << 0, 1, 2, kWiringWiredOr, kDrivenByBoth, false},  // BSY
    {1u << 1, 39, 40, kWiringWiredOr, kDrivenByBoth, false},  // SEL
    {1u << 2, 47, 47, kWiringControl, kDrivenByInitiator, false},  // ATN
    {1u << 3, 15, 15, kWiringControl, kDrivenByInitiator, false},  // ACK
    {1u << 4, 41, 42, kWiringWiredOr, kDrivenByBoth, false},  // RST
    {1u << 5, 13, 13, kWiringControl, kDrivenByTarget, false},  // MSG
    {1u << 6, 16, 16, kWiringControl, kDrivenByTarget, false},  // C/D
    {1u << 7, 21, 21, kWiringControl, kDrivenByTarget, false},  // I/O
    {1u << 8, 14, 14, kWiringControl, kDrivenByTarget, false},  // REQ
    {1u << 9, 4, 4, kWiringData, kDrivenByBoth, false},  // DB0
    {1u << 10, 5, 5, kWiringData, kDrivenByBoth, false},  // DB1
    {1u << 11, 6, 6, kWiringData, kDrivenByBoth, false},  // DB2
    {1u << 12, 7, 7, kWiringData, kDrivenByBoth, false},  // DB3
    {1u << 13, 8, 8, kWiringData, kDrivenByBoth, false},  // DB4
    {1u << 14, 9, 9, kWiringData, kDrivenByBoth, false},  // DB5
    {1u << 15, 10, 10, kWiringData, kDrivenByBoth, false},  // DB6
    {1u << 16, 11, 11, kWiringData, kDrivenByBoth, false},  // DB7
    {1u << 17, 12, 12, kWiringData, kDrivenByBoth, false},  // DBP
};

// DB0-7 in bit order: the GPIOs of dedicated-GPIO channels 0-7.
constexpr int8_t kDataBundleGpio[8] = {4, 5, 6, 7, 8, 9, 10, 11};

// Board outputs.
constexpr int8_t kGpioDataOeN = 17;
constexpr bool kDataOeNActiveHigh = false;
constexpr int8_t kGpioRole = 18;
constexpr bool kRoleActiveHigh = true;
constexpr int8_t kGpioTermEn = 38;
constexpr bool kTermEnActiveHigh = true;
constexpr int8_t kGpioStatusLed = 48;
constexpr bool kStatusLedActiveHigh = true;

}  // namespace board
}  // namespace sb
