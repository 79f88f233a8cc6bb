// Stands in for ESP-IDF v5.5 components/esp_driver_gpio/include/driver/dedic_gpio.h
// (board/idf-check.sh only).
#pragma once
#include <stddef.h>
#include <stdint.h>

#include "esp_err.h"

typedef struct dedic_gpio_bundle_t* dedic_gpio_bundle_handle_t;

typedef struct {
  const int* gpio_array;
  size_t array_size;
  struct {
    unsigned int in_en : 1;
    unsigned int in_invert : 1;
    unsigned int out_en : 1;
    unsigned int out_invert : 1;
  } flags;
} dedic_gpio_bundle_config_t;

extern "C" {
esp_err_t dedic_gpio_new_bundle(const dedic_gpio_bundle_config_t* config, dedic_gpio_bundle_handle_t* ret_bundle);
esp_err_t dedic_gpio_del_bundle(dedic_gpio_bundle_handle_t bundle);
esp_err_t dedic_gpio_get_out_offset(dedic_gpio_bundle_handle_t bundle, uint32_t* offset);
esp_err_t dedic_gpio_get_in_offset(dedic_gpio_bundle_handle_t bundle, uint32_t* offset);
void dedic_gpio_bundle_write(dedic_gpio_bundle_handle_t bundle, uint32_t mask, uint32_t value);
}
