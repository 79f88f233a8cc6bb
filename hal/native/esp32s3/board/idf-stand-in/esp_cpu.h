// Stands in for ESP-IDF v5.5 components/esp_hw_support/include/esp_cpu.h (board/idf-check.sh only).
#pragma once

extern "C" int esp_cpu_get_core_id(void);
