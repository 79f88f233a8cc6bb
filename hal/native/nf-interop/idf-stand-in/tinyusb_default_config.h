// Stands in for esp_tinyusb 2.x include/tinyusb_default_config.h (xtensa-check.sh only).
#pragma once
#include "tinyusb.h"

#define TINYUSB_DEFAULT_CONFIG(...) (tinyusb_config_t{})
