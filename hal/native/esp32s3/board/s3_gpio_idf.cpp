// The board's GPIO set-up (ESP-IDF v5.5): pads through gpio_config, DB0-7 and the eight waited-on
// lines as dedicated-GPIO bundles of the bus loop's core. Compiled here only against the
// stand-in headers (board/idf-check.sh); never run on silicon.
#include <driver/dedic_gpio.h>
#include <driver/gpio.h>
#include <esp_cpu.h>

#include "s3_board_idf.h"

namespace sb {
namespace s3 {

namespace {

// The bus loop's core: a bundle belongs to the core that makes it (dedic_gpio_new_bundle binds
// it to the caller's), and ee.wr_mask_gpio_out / ee.get_gpio_in reach only that core's.
constexpr int kBusCore = 1;

dedic_gpio_bundle_handle_t g_out = nullptr;
dedic_gpio_bundle_handle_t g_in = nullptr;

// No pulls (the bus is terminated), no interrupt.
bool configure(uint32_t gpio, gpio_mode_t mode) {
  gpio_config_t c = {};
  c.pin_bit_mask = 1ull << gpio;
  c.mode = mode;
  c.pull_up_en = GPIO_PULLUP_DISABLE;
  c.pull_down_en = GPIO_PULLDOWN_DISABLE;
  c.intr_type = GPIO_INTR_DISABLE;
  return gpio_config(&c) == ESP_OK;
}

// Eight channels from channel 0, so channel k is gpios[k] and bit k of ee.get_gpio_in /
// ee.wr_mask_gpio_out is that pad, as the backend assumes; any other offset is refused.
PinError new_bundle(const uint8_t* gpios, bool out, dedic_gpio_bundle_handle_t* ret) {
  if (esp_cpu_get_core_id() != kBusCore) return PinError::kNotOnBusCore;
  int pads[kDedicChannels];
  for (uint32_t k = 0; k < kDedicChannels; ++k) pads[k] = gpios[k];
  dedic_gpio_bundle_config_t c = {};
  c.gpio_array = pads;
  c.array_size = kDedicChannels;
  c.flags.in_en = out ? 0u : 1u;
  c.flags.out_en = out ? 1u : 0u;
  if (dedic_gpio_new_bundle(&c, ret) != ESP_OK) {
    *ret = nullptr;
    return PinError::kDedicBundleRefused;
  }
  uint32_t offset = 1;
  const esp_err_t e = out ? dedic_gpio_get_out_offset(*ret, &offset) : dedic_gpio_get_in_offset(*ret, &offset);
  if (e != ESP_OK || offset != 0) {
    dedic_gpio_del_bundle(*ret);
    *ret = nullptr;
    return PinError::kDedicBundleRefused;
  }
  return PinError::kNone;
}

}  // namespace

// The backend has set the pad's output register high (released) before: the output goes on
// released.
bool gpio_open_drain(uint32_t gpio) { return configure(gpio, GPIO_MODE_INPUT_OUTPUT_OD); }
bool gpio_input(uint32_t gpio) { return configure(gpio, GPIO_MODE_INPUT); }
bool gpio_output(uint32_t gpio) { return configure(gpio, GPIO_MODE_OUTPUT); }

// DB0-7: open-drain pads (their output register high), then the bundle; the bundle's channels
// are written high (released) at once. Between the two a channel may pull its pad low for the
// few instructions it takes: the board's data transceivers are still off then (DATA_OE_N is
// set off before any pad, esp32s3_backend.cpp), so nothing reaches the bus.
PinError dedic_out_bundle(const uint8_t* gpios) {
  if (g_out != nullptr) return PinError::kDedicBundleRefused;
  for (uint32_t k = 0; k < kDedicChannels; ++k) {
    gpio_out_w1ts(gpios[k] >> 5, 1u << (gpios[k] & 31u));
    if (!configure(gpios[k], GPIO_MODE_INPUT_OUTPUT_OD)) return PinError::kPadSetupRefused;
  }
  const PinError e = new_bundle(gpios, true, &g_out);
  if (e != PinError::kNone) return e;
  dedic_gpio_bundle_write(g_out, 0xFFu, 0xFFu);
  return PinError::kNone;
}

// The eight waited-on lines keep their pads' own set-up (open drain, or input for a sense
// GPIO); the bundle only adds the dedicated inputs.
PinError dedic_in_bundle(const uint8_t* gpios) {
  if (g_in != nullptr) return PinError::kDedicBundleRefused;
  return new_bundle(gpios, false, &g_in);
}

namespace board {

void gpio_bundles_close() {
  if (g_out != nullptr) dedic_gpio_del_bundle(g_out);
  if (g_in != nullptr) dedic_gpio_del_bundle(g_in);
  g_out = g_in = nullptr;
}

}  // namespace board
}  // namespace s3
}  // namespace sb
