// Stands in for ESP-IDF v5.5 components/esp_common/include/esp_err.h (board/idf-check.sh only).
#pragma once
#include <stdint.h>

typedef int esp_err_t;
#define ESP_OK 0
