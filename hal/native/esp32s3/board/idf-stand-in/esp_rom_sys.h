// Stands in for ESP-IDF v5.5 components/esp_rom/include/esp_rom_sys.h (board/idf-check.sh only).
#pragma once
#include <stdint.h>

extern "C" void esp_rom_delay_us(uint32_t us);
