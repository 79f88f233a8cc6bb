// Stands in for ESP-IDF v5.5 components/esp_hw_support/include/esp_private/periph_ctrl.h
// (board/idf-check.sh only).
#pragma once

#include "soc/periph_defs.h"

extern "C" {
void periph_module_enable(periph_module_t periph);
void periph_module_disable(periph_module_t periph);
}
