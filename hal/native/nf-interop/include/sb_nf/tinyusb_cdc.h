// The TinyUSB device calls the link channel uses, and nothing else. On the board they are
// TinyUSB's own (tusb.h, from ESP-IDF's esp_tinyusb component); on the host these
// declarations, with the signatures of TinyUSB's class/cdc/cdc_device.h and device/usbd.h,
// are what a test's fake defines.
#pragma once
#include <stdint.h>

#if !defined(SB_NF_HOST)
#include "tusb.h"
#else
extern "C" {
bool tud_mounted(void);
bool tud_cdc_n_connected(uint8_t itf);  // the host has the port open (DTR set)
uint32_t tud_cdc_n_available(uint8_t itf);
uint32_t tud_cdc_n_read(uint8_t itf, void* buffer, uint32_t bufsize);
uint32_t tud_cdc_n_write_available(uint8_t itf);
uint32_t tud_cdc_n_write(uint8_t itf, void const* buffer, uint32_t bufsize);
uint32_t tud_cdc_n_write_flush(uint8_t itf);
}
#endif
