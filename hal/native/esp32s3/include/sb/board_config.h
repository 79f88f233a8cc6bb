// The backend's configuration of the real board, from the generated board_pins.h (board/pins.csv):
// the one place the board's firmware (nf-interop) and the host tests take it from, so a pin map
// the backend would refuse fails the tests before it reaches a board. Freestanding C++17.
#pragma once
#include <stdint.h>

#include "sb/board_pins.h"
#include "sb/s3_pins.h"

namespace sb {
namespace s3 {

// The backend asserts every bus line by pulling its pad low (SCSI's lines are asserted low and
// the board's receivers and drivers do not invert): a map that says otherwise cannot be run.
constexpr bool board_lines_asserted_low() {
  for (uint32_t i = 0; i < board::kLinePinCount; ++i) {
    if (board::kLinePins[i].asserted_high) return false;
  }
  return true;
}
static_assert(board_lines_asserted_low(), "board/pins.csv: every bus line must be asserted low at its GPIO");

// The board's transfer limits: one slot of the adapter's default ring (16 slots of 4 KiB) is
// the largest transfer, and the camera's DMA ring (2 bytes an entry) must fit in one slot.
constexpr uint32_t kBoardRingSlotBytes = 4096;
constexpr uint32_t kBoardCaptureEntries = 2048;

// board_pins.h lists the lines in sb/lines.h order (BSY SEL ATN ACK RST MSG C/D I/O REQ, DB0-7,
// DBP); the backend's table is DB0-7, DBP, then the control lines in that order.
inline Config board_config(uint32_t ring_slot_bytes, uint32_t capture_entries) {
  Config c{};
  for (uint32_t i = 0; i < board::kLinePinCount; ++i) {
    const board::LinePin& l = board::kLinePins[i];
    const uint32_t signal = i < 9 ? kSigBsy + i : (i < 17 ? i - 9 : static_cast<uint32_t>(kSigDbp));
    c.pins.gpio[signal] = static_cast<uint8_t>(l.sense_gpio);
    if (l.drive_gpio == l.sense_gpio) continue;
    if (signal == kSigBsy) c.board.bsy_drive = static_cast<uint8_t>(l.drive_gpio);
    if (signal == kSigSel) c.board.sel_drive = static_cast<uint8_t>(l.drive_gpio);
    if (signal == kSigRst) c.board.rst_drive = static_cast<uint8_t>(l.drive_gpio);
  }
  c.board.data_oe_n = static_cast<uint8_t>(board::kGpioDataOeN);
  c.board.data_oe_active_high = board::kDataOeNActiveHigh;
  c.board.role = static_cast<uint8_t>(board::kGpioRole);
  c.board.role_target_high = board::kRoleActiveHigh;
  c.ring_slot_bytes = ring_slot_bytes;
  c.capture_entries = capture_entries;
  return c;
}

}  // namespace s3
}  // namespace sb
