// Stands in for ESP-IDF v5.5 components/soc/esp32s3/include/soc/periph_defs.h (board/idf-check.sh only).
#pragma once

typedef enum { PERIPH_LCD_CAM_MODULE } periph_module_t;
