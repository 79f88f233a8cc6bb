// The board's link channel (board/link.md): installs TinyUSB on the S3's USB-OTG with one
// CDC-ACM port through ESP-IDF's esp_tinyusb component and gives the interop component the
// channel over it. Board only (ESP-IDF's headers); the channel itself is host-tested
// (usb_cdc_channel.cpp). The sdkconfig the board builds with sets CONFIG_TINYUSB_CDC_ENABLED,
// CONFIG_TINYUSB_CDC_RX_BUFSIZE=4096 and CONFIG_TINYUSB_CDC_TX_BUFSIZE=4096 (docs/board.md).
// esp_tinyusb 2.x: TINYUSB_DEFAULT_CONFIG is in its own header, and tinyusb_cdc_acm.h replaces
// the deprecated tusb_cdc_acm.h.
#include "sb_nf/usb_cdc_channel.h"
#include "tinyusb.h"
#include "tinyusb_cdc_acm.h"
#include "tinyusb_default_config.h"

namespace sb {
namespace nf {

namespace {

UsbCdcChannel g_usb(TINYUSB_CDC_ACM_0);

void received(int, cdcacm_event_t*) { g_usb.on_received(); }

void line_state(int, cdcacm_event_t* event) { g_usb.on_line_state(event->line_state_changed_data.dtr); }

}  // namespace

// Replaces the weak one in interop_board.cpp. Null (so Open says kNoLink) when the driver
// cannot be installed: the USB PHY is taken (a nanoCLR built with its wire protocol on USB).
LinkChannel* board_link_channel() {
  static bool tried = false, ok = false;
  if (tried) return ok ? &g_usb : nullptr;
  tried = true;
  const tinyusb_config_t usb = TINYUSB_DEFAULT_CONFIG();
  if (tinyusb_driver_install(&usb) != ESP_OK) return nullptr;
  tinyusb_config_cdcacm_t acm = {};
  acm.cdc_port = TINYUSB_CDC_ACM_0;
  acm.callback_rx = &received;
  acm.callback_line_state_changed = &line_state;
  ok = tinyusb_cdcacm_init(&acm) == ESP_OK;
  return ok ? &g_usb : nullptr;
}

}  // namespace nf
}  // namespace sb
