// Fakes of the ESP-IDF v5.5 calls the board's accessors make (fake_idf.h).
#include "fake_idf.h"

#include <driver/dedic_gpio.h>
#include <driver/gpio.h>
#include <driver/pulse_cnt.h>
#include <esp_cpu.h>
#include <esp_private/gdma.h>
#include <esp_private/periph_ctrl.h>
#include <esp_rom_gpio.h>
#include <esp_rom_sys.h>
#include <hal/cam_ll.h>
#include <hal/lcd_ll.h>
#include <hal/pcnt_ll.h>

#include "sb/s3_hw.h"

// The register blocks (incomplete types in the stand-ins) and the RAM words the scripted
// accessors use for GPIO_OUT_W1TS and friends.
struct pcnt_dev_t {
  int unused;
};
struct lcd_cam_dev_t {
  int unused;
};
pcnt_dev_t PCNT;
lcd_cam_dev_t LCD_CAM;
namespace sb {
namespace s3 {
volatile uint32_t g_gpio_regs[32];
}  // namespace s3
}  // namespace sb

struct dedic_gpio_bundle_t {
  size_t index;
};
struct pcnt_unit_t {
  int id;
};
struct pcnt_chan_t {
  int unit;
};
struct gdma_channel_t {
  gdma_channel_direction_t direction;
};

namespace fake_idf {
int& next_unit();
}  // namespace fake_idf

namespace {
pcnt_unit_t g_units[4];
pcnt_chan_t g_channels[4];
gdma_channel_t g_gdma[4];
}  // namespace

namespace fake_idf {
namespace {
State g_state;
int g_next_unit = -1;
}  // namespace
State& state() { return g_state; }
int& next_unit() { return g_next_unit; }
void reset() {
  g_state = State{};
  g_next_unit = -1;
  for (auto& r : sb::s3::g_gpio_regs) r = 0;
}
}  // namespace fake_idf

using fake_idf::state;

extern "C" {
int esp_cpu_get_core_id(void) { return state().core_id; }

esp_err_t gpio_config(const gpio_config_t* c) {
  if (state().refuse_gpio_config) return -1;
  if (c->mode == GPIO_MODE_INPUT_OUTPUT_OD) state().od_masks.push_back(c->pin_bit_mask);
  if (c->mode == GPIO_MODE_INPUT) state().input_masks.push_back(c->pin_bit_mask);
  if (c->mode == GPIO_MODE_OUTPUT) state().output_masks.push_back(c->pin_bit_mask);
  return ESP_OK;
}

esp_err_t dedic_gpio_new_bundle(const dedic_gpio_bundle_config_t* config, dedic_gpio_bundle_handle_t* ret) {
  fake_idf::Bundle b;
  b.gpios.assign(config->gpio_array, config->gpio_array + config->array_size);
  b.out = config->flags.out_en != 0;
  state().bundles.push_back(b);
  static dedic_gpio_bundle_t handles[16];
  handles[state().bundles.size() - 1].index = state().bundles.size() - 1;
  *ret = &handles[state().bundles.size() - 1];
  return ESP_OK;
}
esp_err_t dedic_gpio_del_bundle(dedic_gpio_bundle_handle_t b) {
  state().bundles[b->index].deleted = true;
  return ESP_OK;
}
esp_err_t dedic_gpio_get_out_offset(dedic_gpio_bundle_handle_t, uint32_t* offset) {
  *offset = state().bundle_offset;
  return ESP_OK;
}
esp_err_t dedic_gpio_get_in_offset(dedic_gpio_bundle_handle_t, uint32_t* offset) {
  *offset = state().bundle_offset;
  return ESP_OK;
}
void dedic_gpio_bundle_write(dedic_gpio_bundle_handle_t b, uint32_t mask, uint32_t value) {
  state().bundles[b->index].written_mask = mask;
  state().bundles[b->index].written_value = value;
}

// The driver gives the first free unit from first_free_pcnt_unit on.
esp_err_t pcnt_new_unit(const pcnt_unit_config_t* config, pcnt_unit_handle_t* ret) {
  int& next = fake_idf::next_unit();
  if (next < 0) next = state().first_free_pcnt_unit;
  if (next > 3) return -1;
  g_units[next].id = next;
  state().unit_low_limit[next] = config->low_limit;
  state().unit_high_limit[next] = config->high_limit;
  *ret = &g_units[next++];
  ++state().pcnt_units_live;
  return ESP_OK;
}
esp_err_t pcnt_del_unit(pcnt_unit_handle_t) {
  --state().pcnt_units_live;
  return ESP_OK;
}
esp_err_t pcnt_unit_enable(pcnt_unit_handle_t) { return ESP_OK; }
esp_err_t pcnt_unit_disable(pcnt_unit_handle_t) { return ESP_OK; }
esp_err_t pcnt_unit_start(pcnt_unit_handle_t) { return ESP_OK; }
esp_err_t pcnt_unit_stop(pcnt_unit_handle_t) { return ESP_OK; }
esp_err_t pcnt_unit_clear_count(pcnt_unit_handle_t u) {
  state().unit_count[u->id] = 0;
  return ESP_OK;
}
esp_err_t pcnt_new_channel(pcnt_unit_handle_t u, const pcnt_chan_config_t*, pcnt_channel_handle_t* ret) {
  g_channels[u->id].unit = u->id;
  *ret = &g_channels[u->id];
  ++state().pcnt_channels_live;
  return ESP_OK;
}
esp_err_t pcnt_del_channel(pcnt_channel_handle_t) {
  --state().pcnt_channels_live;
  return ESP_OK;
}
esp_err_t pcnt_channel_set_edge_action(pcnt_channel_handle_t, pcnt_channel_edge_action_t, pcnt_channel_edge_action_t) {
  return ESP_OK;
}
esp_err_t pcnt_channel_set_level_action(pcnt_channel_handle_t, pcnt_channel_level_action_t, pcnt_channel_level_action_t) {
  return ESP_OK;
}

void esp_rom_gpio_connect_in_signal(uint32_t gpio, uint32_t signal, bool) {
  state().in_routes.push_back(gpio << 16 | signal);
}
void esp_rom_gpio_connect_out_signal(uint32_t gpio, uint32_t signal, bool, bool) {
  state().out_routes.push_back(gpio << 16 | signal);
}
void esp_rom_delay_us(uint32_t) {}

void periph_module_enable(periph_module_t) { ++state().lcd_cam_module_refs; }
void periph_module_disable(periph_module_t) { --state().lcd_cam_module_refs; }

esp_err_t gdma_new_ahb_channel(const gdma_channel_alloc_config_t* c, gdma_channel_handle_t* ret) {
  if (c->direction == GDMA_CHANNEL_DIRECTION_RX && state().refuse_rx_channel) return -1;
  gdma_channel_t& ch = g_gdma[c->direction == GDMA_CHANNEL_DIRECTION_TX ? 0 : 1];
  ch.direction = c->direction;
  *ret = &ch;
  ++state().gdma_channels_live;
  return ESP_OK;
}
esp_err_t gdma_connect(gdma_channel_handle_t, gdma_trigger_t) { return ESP_OK; }
esp_err_t gdma_disconnect(gdma_channel_handle_t) { return ESP_OK; }
esp_err_t gdma_apply_strategy(gdma_channel_handle_t, const gdma_strategy_config_t*) { return ESP_OK; }
esp_err_t gdma_del_channel(gdma_channel_handle_t) {
  --state().gdma_channels_live;
  return ESP_OK;
}
esp_err_t gdma_start(gdma_channel_handle_t ch, intptr_t desc) {
  (ch->direction == GDMA_CHANNEL_DIRECTION_TX ? state().tx_started_at : state().rx_started_at) = desc;
  return ESP_OK;
}
esp_err_t gdma_stop(gdma_channel_handle_t) { return ESP_OK; }
esp_err_t gdma_append(gdma_channel_handle_t) {
  if (state().fail_gdma_append) return -1;
  ++state().tx_appends;
  return ESP_OK;
}
esp_err_t gdma_reset(gdma_channel_handle_t) { return ESP_OK; }
}  // extern "C"

// The low-level layer (plain declarations in the stand-ins).
int pcnt_ll_get_count(pcnt_dev_t*, uint32_t unit) { return state().unit_count[unit]; }
void pcnt_ll_clear_count(pcnt_dev_t*, uint32_t unit) { state().unit_count[unit] = 0; }
int pcnt_ll_get_high_limit_value(pcnt_dev_t*, uint32_t unit) { return state().unit_high_limit[unit]; }
int pcnt_ll_get_low_limit_value(pcnt_dev_t*, uint32_t unit) { return state().unit_low_limit[unit]; }

void lcd_ll_enable_clock(lcd_cam_dev_t*, bool) {}
void lcd_ll_select_clk_src(lcd_cam_dev_t*, lcd_clock_source_t) {}
void lcd_ll_set_group_clock_coeff(lcd_cam_dev_t*, int div_num, int, int) { state().lcd_div = div_num; }
void lcd_ll_set_clock_idle_level(lcd_cam_dev_t*, bool) {}
void lcd_ll_set_pixel_clock_edge(lcd_cam_dev_t*, bool) {}
void lcd_ll_set_pixel_clock_prescale(lcd_cam_dev_t*, uint32_t prescale) { state().lcd_prescale = prescale; }
void lcd_ll_enable_rgb_yuv_convert(lcd_cam_dev_t*, bool) {}
void lcd_ll_set_phase_cycles(lcd_cam_dev_t*, uint32_t, uint32_t, uint32_t) {}
void lcd_ll_set_dma_read_stride(lcd_cam_dev_t*, uint32_t) {}
void lcd_ll_enable_output_always_on(lcd_cam_dev_t*, bool) {}
void lcd_ll_start(lcd_cam_dev_t*) { state().lcd_started = true; }
void lcd_ll_stop(lcd_cam_dev_t*) { state().lcd_started = false; }
void lcd_ll_fifo_reset(lcd_cam_dev_t*) {}
void lcd_ll_enable_rgb_mode(lcd_cam_dev_t*, bool) {}

void cam_ll_enable_clk(int, bool) {}
void cam_ll_select_clk_src(int, cam_clock_source_t) {}
void cam_ll_enable_stop_signal(lcd_cam_dev_t*, bool) {}
void cam_ll_enable_vsync_generate_eof(lcd_cam_dev_t*, bool) {}
void cam_ll_enable_rgb_yuv_convert(lcd_cam_dev_t*, bool) {}
void cam_ll_set_recv_data_bytelen(lcd_cam_dev_t*, uint32_t length) { state().cam_bytelen = length; }
void cam_ll_enable_invert_pclk(lcd_cam_dev_t*, bool) {}
void cam_ll_set_input_data_width(lcd_cam_dev_t*, uint32_t) {}
void cam_ll_set_vh_de_mode(lcd_cam_dev_t*, bool) {}
void cam_ll_start(lcd_cam_dev_t*) {}
void cam_ll_stop(lcd_cam_dev_t*) {}
void cam_ll_fifo_reset(lcd_cam_dev_t*) {}
