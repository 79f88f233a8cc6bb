// What each pin operation would cost on the board, charged to a simulated device's virtual
// clock so that simulated transfers take about as long as the board's would.
// Figures for an ESP32-S3 at 240 MHz (4.17 ns a cycle); docs/time-model.md says where each
// comes from.
#pragma once
#include <stdint.h>

namespace sb {
namespace sim {

struct TimeModel {
  uint32_t read_lines_ns;   // two GPIO input register reads (control lines + data bus)
  uint32_t write_lines_ns;  // one GPIO W1TS/W1TC store (open-drain pads)
  uint32_t data_ns;         // DB0-7 by dedicated GPIO plus DBP by a GPIO register write
  uint32_t clock_ns;        // reading the cycle counter
  uint32_t poll_ns;         // one turn of a wait loop: read the lines, compare, branch
  uint32_t capture_ns;      // reading the pulse counter or one latched entry
  uint32_t code_ns;         // the controller's own code between two waits that went through
  uint32_t bulk_code_ns;    // a data phase's bulk loop between two waits (bulk_loops.h)
  uint32_t strobe_ns;       // starting, granting or stopping the strobe generator: a register store
  uint32_t latched_ns;      // one captured byte read from the capture DMA buffer in internal RAM
  uint32_t bulk_look_ns;    // a bulk loop's look at the control lines: the dedicated GPIO inputs
  uint32_t bulk_poll_ns;    // one turn of a bulk loop's wait (look, mask, branch): its reaction time
  uint32_t read_data_ns;    // reading DB0-7 and DBP in a bulk loop: one GPIO input register
};

constexpr TimeModel kEsp32S3Model{50, 25, 38, 8, 63, 25, 430, 60, 25, 8, 13, 13, 25};

}  // namespace sim
}  // namespace sb
