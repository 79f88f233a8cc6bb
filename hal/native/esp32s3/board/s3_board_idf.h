// What the board's ESP-IDF accessors (esp32s3/board/*_idf.cpp) share between their files: the
// PCNT units' set-up, which the stream set-up claims with LCD_CAM and GDMA. Board build only.
#pragma once
#include <stdint.h>

#include "sb/s3_hw.h"

namespace sb {
namespace s3 {
namespace board {

// PCNT unit 0 counts the capture strobe's assertions (falling edges), unit 1 the i80 strobe's
// negations (rising edges: pulses sent whole); both with the high limit kPcntHighLimit.
constexpr uint32_t kCaptureUnit = 0;
constexpr uint32_t kStrobeUnit = 1;
PinError pcnt_units_open();
void pcnt_units_close();
// Routes a pad to a unit's channel 0 input through the GPIO matrix and clears its count (a
// pad of kNoPin: the constant-high input, so the unit sees no edge).
void pcnt_unit_listen(uint32_t unit, uint32_t gpio);

void gpio_bundles_close();

// DMA calls of the streams that failed after set-up (each stops its stream; for diagnostics).
uint32_t stream_errors();

}  // namespace board
}  // namespace s3
}  // namespace sb
