// The board's synchronous strobes and capture (ESP-IDF v5.5): LCD_CAM's i80 interface sends the
// REQ or ACK pulses (with the data, sending) from a GDMA AHB TX channel whose descriptor chain
// grows as pulses are granted; its camera interface latches 14 lines on every strobe of the
// other side into the backend's ring through a GDMA RX channel going round a circular chain.
// Registers through the low-level layer (hal/lcd_ll.h, hal/cam_ll.h), channels through
// esp_private/gdma.h. Compiled here only against the stand-in headers; never run on silicon.
#include <esp_private/gdma.h>
#include <esp_private/periph_ctrl.h>
#include <esp_rom_gpio.h>
#include <esp_rom_sys.h>
#include <hal/cam_ll.h>
#include <hal/lcd_ll.h>
#include <soc/gpio_pins.h>
#include <soc/gpio_sig_map.h>
#include <soc/lcd_cam_struct.h>

#include "s3_board_idf.h"

namespace sb {
namespace s3 {

namespace {

// The camera's chain: descriptors of at most 2048 bytes (a power of two, so they tile any ring
// the table allows: 64 to 4096 two-byte entries), at most 8192 / 2048 of them.
constexpr uint32_t kCamDescriptorBytes = 2048;
constexpr uint32_t kCamDescriptors = kMaxCaptureEntries * 2u / kCamDescriptorBytes;
// Bits 14 and 15 of a latched entry come from the constant-0 input, so a slot that reads 0xFFFF
// has not been written since it was marked (cam_written).
constexpr uint16_t kCamUnwritten = 0xFFFFu;
constexpr uint16_t kCamUnusedBits = 0xC000u;

gdma_channel_handle_t g_tx = nullptr;
gdma_channel_handle_t g_rx = nullptr;
bool g_lcd_cam_on = false;
uint8_t g_data_pads[9] = {};  // DB0-7, DBP

// The i80 stream of the transfer running. A DMA call that fails mid-transfer (it cannot, on a
// channel streams_open claimed and connected, but it is checked) stops the interface: no pulse
// goes out beyond those sent, and the transfer ends at its deadline with what was counted.
uint32_t g_strobe_pad = kNoPin;
bool g_with_data = false;
bool g_tx_started = false;
bool g_tx_failed = false;
GdmaDescriptor* g_tx_last = nullptr;
uint32_t g_stream_errors = 0;

// The camera's ring: marked unwritten ahead of the DMA, counted behind it.
GdmaDescriptor g_cam_chain[kCamDescriptors] = {};
volatile uint16_t* g_cam_ring = nullptr;
uint32_t g_cam_entries = 0, g_cam_written = 0;

bool claim_channel(gdma_channel_direction_t direction, gdma_trigger_t trigger, gdma_channel_handle_t* ret) {
  gdma_channel_alloc_config_t c = {};
  c.direction = direction;
  if (gdma_new_ahb_channel(&c, ret) != ESP_OK) {
    *ret = nullptr;
    return false;
  }
  // TX: the owner bit is checked, so a descriptor is sent only once the loop has appended it
  // with the DMA as owner. RX: the chain is circular and reused without giving descriptors back.
  gdma_strategy_config_t s = {};
  s.owner_check = direction == GDMA_CHANNEL_DIRECTION_TX;
  s.auto_update_desc = false;
  s.eof_till_data_popped = false;
  return gdma_connect(*ret, trigger) == ESP_OK && gdma_apply_strategy(*ret, &s) == ESP_OK;
}

// The i80 interface: WR is LCD_PCLK, idle high (released), data changing as WR rises (the end
// of a pulse), so each byte is on the pads for the whole negated half before its pulse; 16-bit
// words from DMA, the data phase alone, going on until the DMA has nothing more.
void configure_lcd() {
  lcd_cam_dev_t* dev = &LCD_CAM;
  lcd_ll_enable_clock(dev, true);
  lcd_ll_select_clk_src(dev, LCD_CLK_SRC_PLL240M);
  lcd_ll_enable_rgb_mode(dev, false);
  lcd_ll_enable_rgb_yuv_convert(dev, false);
  lcd_ll_set_clock_idle_level(dev, true);
  lcd_ll_set_pixel_clock_edge(dev, false);
  lcd_ll_set_dma_read_stride(dev, 16);
  lcd_ll_set_phase_cycles(dev, 0, 0, 1);
  lcd_ll_enable_output_always_on(dev, true);
}

// The camera interface: 16-bit entries latched on the strobe pad's falling edge (PCLK
// inverted: the line's assertion), no VSYNC/HSYNC/DE framing (their inputs held at constant
// levels), the DMA's EOF after every descriptor's worth of bytes.
void configure_cam(const uint8_t* cam_pads) {
  lcd_cam_dev_t* dev = &LCD_CAM;
  cam_ll_enable_clk(0, true);
  cam_ll_select_clk_src(0, CAM_CLK_SRC_PLL240M);
  cam_ll_set_input_data_width(dev, 16);
  cam_ll_enable_invert_pclk(dev, true);
  cam_ll_set_vh_de_mode(dev, false);
  cam_ll_enable_vsync_generate_eof(dev, false);
  cam_ll_enable_stop_signal(dev, false);
  cam_ll_enable_rgb_yuv_convert(dev, false);
  for (uint32_t k = 0; k < kCamBits; ++k) esp_rom_gpio_connect_in_signal(cam_pads[k], CAM_DATA_IN0_IDX + k, false);
  esp_rom_gpio_connect_in_signal(GPIO_MATRIX_CONST_ZERO_INPUT, CAM_DATA_IN14_IDX, false);
  esp_rom_gpio_connect_in_signal(GPIO_MATRIX_CONST_ZERO_INPUT, CAM_DATA_IN15_IDX, false);
  esp_rom_gpio_connect_in_signal(GPIO_MATRIX_CONST_ONE_INPUT, CAM_H_ENABLE_IDX, false);
  esp_rom_gpio_connect_in_signal(GPIO_MATRIX_CONST_ONE_INPUT, CAM_H_SYNC_IDX, false);
  esp_rom_gpio_connect_in_signal(GPIO_MATRIX_CONST_ONE_INPUT, CAM_V_SYNC_IDX, false);
}

// LCD clock = 240 MHz / div, pixel clock = LCD clock / prescale (lcd_ll.h: div 2..256,
// prescale 1..64). An even prescale gives WR equal halves (assumed from the counter's design;
// not measured): the smallest div for which each half covers the longer of the two widths asked.
void set_strobe_period(uint32_t assert_cycles, uint32_t negate_cycles) {
  const uint32_t half = assert_cycles > negate_cycles ? assert_cycles : negate_cycles;
  uint32_t div = 2, half_ticks = 1;
  for (; div < LCD_LL_CLK_FRAC_DIV_N_MAX; ++div) {
    half_ticks = (half + div - 1u) / div;
    if (half_ticks * 2u <= LCD_LL_PCLK_DIV_MAX) break;
  }
  if (half_ticks == 0) half_ticks = 1;
  if (half_ticks * 2u > LCD_LL_PCLK_DIV_MAX) half_ticks = LCD_LL_PCLK_DIV_MAX / 2u;
  lcd_ll_set_group_clock_coeff(&LCD_CAM, static_cast<int>(div), 0, 0);
  lcd_ll_set_pixel_clock_prescale(&LCD_CAM, half_ticks * 2u);
}

}  // namespace

PinError streams_open(const uint8_t* data_pads, const uint8_t* cam_pads) {
  PinError e = board::pcnt_units_open();
  if (e != PinError::kNone) return e;
  periph_module_enable(PERIPH_LCD_CAM_MODULE);
  g_lcd_cam_on = true;
  if (!claim_channel(GDMA_CHANNEL_DIRECTION_TX, GDMA_MAKE_TRIGGER(GDMA_TRIG_PERIPH_LCD, 0), &g_tx) ||
      !claim_channel(GDMA_CHANNEL_DIRECTION_RX, GDMA_MAKE_TRIGGER(GDMA_TRIG_PERIPH_CAM, 0), &g_rx)) {
    return PinError::kStreamRefused;
  }
  for (uint32_t k = 0; k < 9; ++k) g_data_pads[k] = data_pads[k];
  configure_lcd();
  configure_cam(cam_pads);
  return PinError::kNone;
}

namespace board {
uint32_t stream_errors() { return g_stream_errors; }
}  // namespace board

void board_release() {
  if (g_tx != nullptr) {
    gdma_disconnect(g_tx);
    gdma_del_channel(g_tx);
  }
  if (g_rx != nullptr) {
    gdma_disconnect(g_rx);
    gdma_del_channel(g_rx);
  }
  g_tx = g_rx = nullptr;
  if (g_lcd_cam_on) periph_module_disable(PERIPH_LCD_CAM_MODULE);
  g_lcd_cam_on = false;
  board::pcnt_units_close();
  board::gpio_bundles_close();
}

// ---- i80: the strobe generator ---------------------------------------------------------------
// The strobe pad (and, sending, the nine data pads) go from their GPIO registers to LCD_CAM
// through the GPIO matrix; PCNT unit 1 listens to the strobe pad. The DMA starts on the first
// descriptor appended.
void i80_start(uint32_t strobe_gpio, bool with_data, uint32_t, uint32_t assert_cycles, uint32_t negate_cycles) {
  g_strobe_pad = strobe_gpio;
  g_with_data = with_data;
  g_tx_started = false;
  g_tx_failed = false;
  g_tx_last = nullptr;
  set_strobe_period(assert_cycles, negate_cycles);
  lcd_ll_fifo_reset(&LCD_CAM);
  if (gdma_reset(g_tx) != ESP_OK) {
    g_tx_failed = true;
    ++g_stream_errors;
  }
  board::pcnt_unit_listen(board::kStrobeUnit, strobe_gpio);
  if (with_data) {
    for (uint32_t k = 0; k < 9; ++k) esp_rom_gpio_connect_out_signal(g_data_pads[k], LCD_DATA_OUT0_IDX + k, false, false);
  }
  esp_rom_gpio_connect_out_signal(strobe_gpio, LCD_PCLK_IDX, false, false);
}

// The first descriptor starts the DMA and then the interface (after a microsecond, so its FIFO
// holds the first words); later ones are linked behind the last and the DMA told to read on.
void gdma_out_append(GdmaDescriptor* d) {
  if (g_tx_failed) return;
  if (!g_tx_started) {
    g_tx_started = true;
    g_tx_last = d;
    if (gdma_start(g_tx, reinterpret_cast<intptr_t>(d)) != ESP_OK) {
      g_tx_failed = true;
      ++g_stream_errors;
      return;
    }
    esp_rom_delay_us(1);
    lcd_ll_start(&LCD_CAM);
    return;
  }
  g_tx_last->next = d;
  g_tx_last = d;
  if (gdma_append(g_tx) != ESP_OK) {
    lcd_ll_stop(&LCD_CAM);
    g_tx_failed = true;
    ++g_stream_errors;
  }
}

// The interface and the DMA stopped; the pads back to their registers (the strobe and DBP to
// GPIO_OUT, where they are released; DB0-7 to the dedicated OUT channels of this core).
void i80_stop() {
  lcd_ll_stop(&LCD_CAM);
  if (gdma_stop(g_tx) != ESP_OK) ++g_stream_errors;
  if (g_strobe_pad != kNoPin) esp_rom_gpio_connect_out_signal(g_strobe_pad, SIG_GPIO_OUT_IDX, false, false);
  if (g_with_data) {
    for (uint32_t k = 0; k < 8; ++k) {
      esp_rom_gpio_connect_out_signal(g_data_pads[k], CORE1_GPIO_OUT0_IDX + k, false, false);
    }
    esp_rom_gpio_connect_out_signal(g_data_pads[8], SIG_GPIO_OUT_IDX, false, false);
  }
  board::pcnt_unit_listen(board::kStrobeUnit, kNoPin);
  g_strobe_pad = kNoPin;
  g_with_data = false;
}

// ---- camera: the capture ring --------------------------------------------------------------
// A circular chain over the ring, every slot marked unwritten; the DMA's EOF comes after each
// descriptor's bytes (cam_rec_data_bytelen holds the count less one), so no descriptor is
// closed early and the entries follow each other round the ring.
void cam_start(uint32_t strobe_gpio, uint16_t* ring, uint32_t entries) {
  g_cam_ring = ring;
  g_cam_entries = entries;
  g_cam_written = 0;
  for (uint32_t k = 0; k < entries; ++k) g_cam_ring[k] = kCamUnwritten;
  const uint32_t bytes = entries * 2u;
  const uint32_t per = bytes < kCamDescriptorBytes ? bytes : kCamDescriptorBytes;
  const uint32_t n = bytes / per;
  for (uint32_t k = 0; k < n; ++k) {
    GdmaDescriptor& d = g_cam_chain[k];
    d.size = per;
    d.length = 0;
    d.suc_eof = 0;
    d.owner = 1;
    d.buffer = ring + k * (per / 2u);
    d.next = &g_cam_chain[(k + 1u) % n];
  }
  lcd_cam_dev_t* dev = &LCD_CAM;
  cam_ll_set_recv_data_bytelen(dev, per - 1u);
  esp_rom_gpio_connect_in_signal(strobe_gpio, CAM_PCLK_IDX, false);
  cam_ll_fifo_reset(dev);
  // A failed DMA call leaves the camera stopped: nothing is latched, the transfer ends at its
  // deadline.
  if (gdma_reset(g_rx) != ESP_OK || gdma_start(g_rx, reinterpret_cast<intptr_t>(&g_cam_chain[0])) != ESP_OK) {
    ++g_stream_errors;
    return;
  }
  cam_ll_start(dev);
}

// Entries written since cam_start: the slots after the last counted that no longer read
// unwritten. Not from the RX channel's descriptor position (in_dscr), which moves a descriptor
// at a time: the loops need each entry as it is latched, and a burst (at most the offset, 15)
// is far smaller than a descriptor. Counting entry w marks the slot half a ring ahead unwritten again (it held entry
// w - entries/2), so the DMA always writes into marked slots; the loop reads an entry within
// the offset (at most 15) of the newest, far inside that half ring. Bits 14 and 15 of a real
// entry are 0 (constant inputs). A look goes at most once round the ring, so a DMA that laps
// a loop fallen behind cannot keep it here.
uint32_t cam_written() {
  const uint32_t mask = g_cam_entries - 1u, half = g_cam_entries / 2u;
  for (uint32_t n = 0; n < g_cam_entries && (g_cam_ring[g_cam_written & mask] & kCamUnusedBits) != kCamUnusedBits; ++n) {
    g_cam_ring[(g_cam_written + half) & mask] = kCamUnwritten;
    ++g_cam_written;
  }
  return g_cam_written;
}

void cam_stop() {
  cam_ll_stop(&LCD_CAM);
  if (gdma_stop(g_rx) != ESP_OK) ++g_stream_errors;
  esp_rom_gpio_connect_in_signal(GPIO_MATRIX_CONST_ZERO_INPUT, CAM_PCLK_IDX, false);
}

}  // namespace s3
}  // namespace sb
