#include "sb/s3_pins.h"

#include "sb/s3_hw.h"

namespace sb {
namespace s3 {

namespace {

// GPIOs the board must leave alone (ESP32-S3 datasheet, "Strapping Pins" and "Pin Overview"):
// GPIO0, 3, 45, 46 set the boot mode; 19 and 20 are the USB Serial/JTAG pads the link uses;
// 26-32 are the SPI flash; 33-37 carry octal flash/PSRAM on the modules that have it.
bool reserved(uint32_t g) {
  return g == 0 || g == 3 || g == 45 || g == 46 || g == 19 || g == 20 || (g >= 26 && g <= 37);
}
bool exists(uint32_t g) { return g < kGpioCount && !(g >= 22 && g <= 25); }

Refusal refuse(PinError e, uint8_t signal, uint8_t gpio) { return Refusal{e, signal, gpio}; }

}  // namespace

uint8_t drive_gpio(const Config& c, uint8_t signal) {
  const uint8_t d = signal == kSigBsy ? c.board.bsy_drive
                    : signal == kSigSel ? c.board.sel_drive
                    : signal == kSigRst ? c.board.rst_drive
                                        : kNoPin;
  return d != kNoPin ? d : c.pins.gpio[signal];
}

Refusal validate(const Config& c) {
  // Every pin of the board, signals first: a signal must have one, a board pin may be absent.
  uint8_t p[kPinsEnd];
  for (uint8_t s = 0; s < kSignals; ++s) p[s] = c.pins.gpio[s];
  p[kPinBsyDrive] = c.board.bsy_drive;
  p[kPinSelDrive] = c.board.sel_drive;
  p[kPinRstDrive] = c.board.rst_drive;
  p[kPinDataOeN] = c.board.data_oe_n;
  p[kPinRole] = c.board.role;
  for (uint8_t s = 0; s < kPinsEnd; ++s) {
    if (p[s] == kNoPin) {
      if (s < kSignals) return refuse(PinError::kMissingSignal, s, kNoPin);
      continue;
    }
    if (!exists(p[s])) return refuse(PinError::kNoSuchGpio, s, p[s]);
    if (reserved(p[s])) return refuse(PinError::kReservedPin, s, p[s]);
    for (uint8_t o = 0; o < s; ++o) {
      if (p[o] == p[s]) return refuse(PinError::kPinUsedTwice, s, p[s]);
    }
  }
  if ((p[kPinDataOeN] == kNoPin) != (p[kPinRole] == kNoPin)) {
    return refuse(PinError::kHalfTransceiver, p[kPinRole] == kNoPin ? kPinRole : kPinDataOeN, kNoPin);
  }
  for (uint8_t k = 1; k <= 8; ++k) {  // DB1-7, then DBP right above DB7
    if (p[kSigDb0 + k] != p[kSigDb0] + k) return refuse(PinError::kDataNotConsecutive, k, p[k]);
  }
  const uint8_t sampled[3] = {static_cast<uint8_t>(kSigDb0 + 7), kSigDbp, kSigMsg};
  for (uint8_t s : sampled) {
    if (p[s] > 31) return refuse(PinError::kSampleSplit, s, p[s]);
  }
  const uint32_t n = c.capture_entries;
  if (n < 64 || n > kMaxCaptureEntries || (n & (n - 1)) != 0) return refuse(PinError::kCaptureRingSize, kPinsEnd, kNoPin);
  if (n * 2u > c.ring_slot_bytes) return refuse(PinError::kChainLongerThanSlot, kPinsEnd, kNoPin);
  return refuse(PinError::kNone, kPinsEnd, kNoPin);
}

const char* pin_error_name(PinError e) {
  switch (e) {
    case PinError::kNone: return "NONE";
    case PinError::kMissingSignal: return "MISSING_SIGNAL";
    case PinError::kPinUsedTwice: return "PIN_USED_TWICE";
    case PinError::kNoSuchGpio: return "NO_SUCH_GPIO";
    case PinError::kReservedPin: return "RESERVED_PIN";
    case PinError::kDataNotConsecutive: return "DATA_NOT_CONSECUTIVE";
    case PinError::kSampleSplit: return "SAMPLE_SPLIT";
    case PinError::kCaptureRingSize: return "CAPTURE_RING_SIZE";
    case PinError::kChainLongerThanSlot: return "CHAIN_LONGER_THAN_SLOT";
    case PinError::kHalfTransceiver: return "HALF_TRANSCEIVER";
    case PinError::kPadSetupRefused: return "PAD_SETUP_REFUSED";
    case PinError::kNotOnBusCore: return "NOT_ON_BUS_CORE";
    case PinError::kDedicBundleRefused: return "DEDIC_BUNDLE_REFUSED";
    case PinError::kPcntUnitTaken: return "PCNT_UNIT_TAKEN";
    case PinError::kStreamRefused: return "STREAM_REFUSED";
  }
  return "UNKNOWN";
}

const char* pin_error_message(PinError e) {
  switch (e) {
    case PinError::kNone: return "the pin table is usable";
    case PinError::kMissingSignal: return "a bus signal has no GPIO: give every one of the 18 signals a pin";
    case PinError::kPinUsedTwice: return "two signals or board pins share one GPIO: give each its own pin";
    case PinError::kNoSuchGpio: return "the ESP32-S3 has no such GPIO: use GPIO 0-21 or 26-48";
    case PinError::kReservedPin:
      return "the pin is a strapping, flash/PSRAM or USB pin (GPIO 0, 3, 19, 20, 26-37, 45, 46): move the signal";
    case PinError::kDataNotConsecutive:
      return "DB0-7 and DBP must be nine consecutive GPIOs (DB0 lowest, DBP highest), so one shift reads them";
    case PinError::kSampleSplit:
      return "DB0-7, DBP and MSG must all be GPIO 0-31, so one GPIO_IN read samples them";
    case PinError::kCaptureRingSize: return "the capture ring must be a power of two from 64 to 4096 entries";
    case PinError::kChainLongerThanSlot:
      return "the capture ring's descriptor chain covers more than one ring slot: shrink the ring or grow the slot";
    case PinError::kHalfTransceiver:
      return "the data transceivers need both DATA_OE_N and ROLE (or neither, for one open-drain pad a line): give both";
    case PinError::kPadSetupRefused:
      return "ESP-IDF's gpio_config refused the pad: check that nothing else in the firmware claims it";
    case PinError::kNotOnBusCore:
      return "the backend was started on another core than the bus loop's: start it from the bus loop's task on core 1";
    case PinError::kDedicBundleRefused:
      return "no dedicated-GPIO bundle of 8 channels from channel 0 on this core: free the channels another bundle holds";
    case PinError::kPcntUnitTaken:
      return "PCNT units 0 and 1 must be the bridge's (it reads their counters directly): do not use the pulse counter elsewhere";
    case PinError::kStreamRefused:
      return "LCD_CAM or a GDMA channel could not be claimed: free the LCD or camera driver, or a DMA channel";
  }
  return "unknown pin table error";
}

const char* signal_name(uint8_t s) {
  static const char* const kNames[kPinsEnd] = {"DB0", "DB1", "DB2", "DB3", "DB4", "DB5", "DB6", "DB7",
                                                "DBP", "BSY", "SEL", "ATN", "ACK", "RST", "MSG", "C/D",
                                                "I/O", "REQ", "BSY_DRV", "SEL_DRV", "RST_DRV", "DATA_OE_N", "ROLE"};
  return s < kPinsEnd ? kNames[s] : "none";
}

}  // namespace s3
}  // namespace sb
