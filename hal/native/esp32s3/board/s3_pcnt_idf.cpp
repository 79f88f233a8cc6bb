// The board's pulse counters (ESP-IDF v5.5): PCNT units 0 and 1, claimed through the driver so
// nothing else gets them, and then worked through the low-level layer, since the backend reads
// unit 0's count register directly (pcnt_count in s3_hw.h) and the driver cannot be asked for a
// unit by number. Compiled here only against the stand-in headers; never run on silicon.
#include <driver/pulse_cnt.h>
#include <esp_rom_gpio.h>
#include <hal/pcnt_ll.h>
#include <soc/gpio_pins.h>
#include <soc/gpio_sig_map.h>
#include <soc/pcnt_struct.h>

#include "s3_board_idf.h"

namespace sb {
namespace s3 {

namespace {

pcnt_unit_handle_t g_unit[2] = {nullptr, nullptr};
pcnt_channel_handle_t g_channel[2] = {nullptr, nullptr};

// Each unit gets its own low limit, so that reading the limit registers back tells which unit
// number the driver gave (it takes the first free one): -1 for unit 0, -2 for unit 1.
int low_limit_of(uint32_t unit) { return -1 - static_cast<int>(unit); }

bool open_unit(uint32_t unit) {
  pcnt_unit_config_t u = {};
  u.low_limit = low_limit_of(unit);
  u.high_limit = static_cast<int>(kPcntHighLimit);
  if (pcnt_new_unit(&u, &g_unit[unit]) != ESP_OK) {
    g_unit[unit] = nullptr;
    return false;
  }
  if (pcnt_ll_get_high_limit_value(&PCNT, unit) != static_cast<int>(kPcntHighLimit) ||
      pcnt_ll_get_low_limit_value(&PCNT, unit) != low_limit_of(unit)) {
    return false;  // the driver gave another unit: unit `unit` is someone else's
  }
  // The edge input is routed per arming (pcnt_unit_listen); until then a constant level.
  pcnt_chan_config_t c = {};
  c.edge_gpio_num = -1;
  c.level_gpio_num = -1;
  c.flags.virt_edge_io_level = 1;
  c.flags.virt_level_io_level = 1;
  if (pcnt_new_channel(g_unit[unit], &c, &g_channel[unit]) != ESP_OK) {
    g_channel[unit] = nullptr;
    return false;
  }
  const bool on_assertion = unit == board::kCaptureUnit;  // falling edge: the line asserted
  if (pcnt_channel_set_edge_action(g_channel[unit],
                                   on_assertion ? PCNT_CHANNEL_EDGE_ACTION_HOLD : PCNT_CHANNEL_EDGE_ACTION_INCREASE,
                                   on_assertion ? PCNT_CHANNEL_EDGE_ACTION_INCREASE : PCNT_CHANNEL_EDGE_ACTION_HOLD) !=
          ESP_OK ||
      pcnt_channel_set_level_action(g_channel[unit], PCNT_CHANNEL_LEVEL_ACTION_KEEP, PCNT_CHANNEL_LEVEL_ACTION_KEEP) !=
          ESP_OK) {
    return false;
  }
  // The limits take effect on a clear (pulse_cnt.c). The glitch filter stays off, the driver's
  // default: a Fast-10 strobe may be as short as 30 ns.
  return pcnt_unit_enable(g_unit[unit]) == ESP_OK && pcnt_unit_clear_count(g_unit[unit]) == ESP_OK &&
         pcnt_unit_start(g_unit[unit]) == ESP_OK;
}

// The channel-0 edge signal of a unit in the GPIO matrix (gpio_sig_map.h).
uint32_t edge_signal(uint32_t unit) { return unit == 0 ? PCNT_SIG_CH0_IN0_IDX : PCNT_SIG_CH0_IN1_IDX; }

}  // namespace

namespace board {

PinError pcnt_units_open() {
  if (!open_unit(kCaptureUnit) || !open_unit(kStrobeUnit)) return PinError::kPcntUnitTaken;
  return PinError::kNone;
}

void pcnt_units_close() {
  for (uint32_t u = 0; u < 2; ++u) {
    if (g_unit[u] != nullptr) {
      pcnt_unit_stop(g_unit[u]);
      pcnt_unit_disable(g_unit[u]);
    }
    if (g_channel[u] != nullptr) pcnt_del_channel(g_channel[u]);
    if (g_unit[u] != nullptr) pcnt_del_unit(g_unit[u]);
    g_unit[u] = nullptr;
    g_channel[u] = nullptr;
  }
}

void pcnt_unit_listen(uint32_t unit, uint32_t gpio) {
  esp_rom_gpio_connect_in_signal(gpio == kNoPin ? GPIO_MATRIX_CONST_ONE_INPUT : gpio, edge_signal(unit), false);
  pcnt_ll_clear_count(&PCNT, unit);
}

}  // namespace board

// Unit 0 on the capture strobe's pad (the pad keeps its own set-up; the matrix only adds the
// unit as one more reader of it).
void pcnt_start(uint32_t gpio) { board::pcnt_unit_listen(board::kCaptureUnit, gpio); }
void pcnt_stop() { board::pcnt_unit_listen(board::kCaptureUnit, kNoPin); }

// Unit 1's register: 0 .. kPcntHighLimit - 1, never negative counting up.
uint32_t i80_pulses_done() {
  return static_cast<uint32_t>(pcnt_ll_get_count(&PCNT, board::kStrobeUnit)) & 0x7FFFu;
}

}  // namespace s3
}  // namespace sb
