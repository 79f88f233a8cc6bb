// Stands in for esp_tinyusb 2.x include/tinyusb.h (xtensa-check.sh only): the configuration as
// an opaque structure and the driver's installation.
#pragma once
#include "esp_err.h"

typedef struct {
  int port;
} tinyusb_config_t;

extern "C" esp_err_t tinyusb_driver_install(const tinyusb_config_t* config);
