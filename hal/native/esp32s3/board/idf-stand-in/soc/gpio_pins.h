// Stands in for ESP-IDF v5.5 components/soc/esp32s3/include/soc/gpio_pins.h (board/idf-check.sh only).
#pragma once

#define GPIO_MATRIX_CONST_ONE_INPUT (0x38)
#define GPIO_MATRIX_CONST_ZERO_INPUT (0x3C)
