// The board's pin assignment as the ESP32-S3 backend takes it (board/ owns the real map), and
// the checks that refuse an assignment before any pad is touched.
#pragma once
#include <stdint.h>

namespace sb {
namespace s3 {

// The 18 bus signals, in the order of the table.
enum Signal : uint8_t {
  kSigDb0 = 0,  // DB0..DB7 are 0..7
  kSigDbp = 8,
  kSigBsy,
  kSigSel,
  kSigAtn,
  kSigAck,
  kSigRst,
  kSigMsg,
  kSigCd,
  kSigIo,
  kSigReq,
  kSignals,
};

constexpr uint8_t kNoPin = 0xFF;

struct PinTable {
  uint8_t gpio[kSignals];  // GPIO number per signal; kNoPin when not assigned
};

struct Config {
  PinTable pins;
  uint32_t ring_slot_bytes;   // the largest transfer: one slot of the pinned ring
  uint32_t capture_entries;   // the camera's DMA ring, 16-bit entries, a power of two
};

enum class PinError : uint8_t {
  kNone = 0,
  kMissingSignal,       // a signal has no pin
  kPinUsedTwice,        // two signals on one GPIO
  kNoSuchGpio,          // GPIO 22-25 or above 48
  kReservedPin,         // strapping, SPI flash/PSRAM or USB pin
  kDataNotConsecutive,  // DB0-7 and DBP must be nine consecutive GPIOs, DB0 lowest
  kSampleSplit,         // DB0-7, DBP and MSG must sit in GPIO 0-31 (one GPIO_IN read)
  kCaptureRingSize,     // capture_entries not a power of two in 64..4096
  kChainLongerThanSlot, // the capture ring's descriptor chain needs more than a ring slot
};

struct Refusal {
  PinError error;
  uint8_t signal;  // the signal concerned (kSignals when none)
  uint8_t gpio;    // the GPIO concerned (kNoPin when none)
};

constexpr uint32_t kMaxCaptureEntries = 4096;

Refusal validate(const Config& config);
const char* pin_error_name(PinError e);
const char* pin_error_message(PinError e);
const char* signal_name(uint8_t signal);

}  // namespace s3
}  // namespace sb
