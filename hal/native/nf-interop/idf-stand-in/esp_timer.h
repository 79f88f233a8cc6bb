// Stands in for ESP-IDF v5.5 components/esp_timer/include/esp_timer.h (xtensa-check.sh only).
#pragma once
#include <stdint.h>

extern "C" int64_t esp_timer_get_time(void);
