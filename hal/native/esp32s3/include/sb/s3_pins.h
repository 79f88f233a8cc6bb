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

// The board's pins beyond one per bus signal, for refusals and names: the drive GPIOs of the
// wired-OR lines and the data transceivers' two controls.
enum BoardPin : uint8_t {
  kPinBsyDrive = kSignals,
  kPinSelDrive,
  kPinRstDrive,
  kPinDataOeN,
  kPinRole,
  kPinsEnd,
};

constexpr uint8_t kNoPin = 0xFF;

struct PinTable {
  uint8_t gpio[kSignals];  // GPIO number per signal (a wired-OR line's sense GPIO); kNoPin when not assigned
};

// How the board meets the bus beyond one pad per signal (board/pins.csv). kNoPin everywhere (the
// default) is a board with one open-drain pad per line that both drives and senses it.
// - A wired-OR line (BSY, SEL, RST) with a drive GPIO senses on its PinTable GPIO (a receiver)
//   and is asserted by pulling the drive GPIO low (an open-collector driver's OE#).
// - The data transceivers: data_oe_n enables them, and their direction is ROLE xor I/O in
//   hardware, so the backend only sets the role (role_target_high: the ROLE level of the target
//   role). ROLE also lets the one-role lines' drivers act only in the role that drives them.
struct BoardWiring {
  uint8_t bsy_drive = kNoPin;
  uint8_t sel_drive = kNoPin;
  uint8_t rst_drive = kNoPin;
  uint8_t data_oe_n = kNoPin;
  uint8_t role = kNoPin;
  bool data_oe_active_high = false;
  bool role_target_high = true;
};

struct Config {
  PinTable pins;
  BoardWiring board;
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
  kHalfTransceiver,     // data_oe_n without role, or role without data_oe_n
  // The board's drivers refused a set-up (the table was valid); what was claimed is let go.
  kPadSetupRefused,     // gpio_config refused a pad
  kNotOnBusCore,        // started on another core than the bus loop's (dedicated GPIO is per core)
  kDedicBundleRefused,  // dedic_gpio_new_bundle refused, or its channels do not start at 0
  kPcntUnitTaken,       // PCNT units 0 and 1 are not both the bridge's
  kStreamRefused,       // LCD_CAM or a GDMA channel could not be claimed or connected
};

struct Refusal {
  PinError error;
  uint8_t signal;  // the signal (Signal) or board pin (BoardPin) concerned (kPinsEnd when none)
  uint8_t gpio;    // the GPIO concerned (kNoPin when none)
};

constexpr uint32_t kMaxCaptureEntries = 4096;

Refusal validate(const Config& config);
// The GPIO that asserts a signal: a wired-OR line's drive GPIO when the board has one, else its pad.
uint8_t drive_gpio(const Config& config, uint8_t signal);
const char* pin_error_name(PinError e);
const char* pin_error_message(PinError e);
const char* signal_name(uint8_t signal);

}  // namespace s3
}  // namespace sb
