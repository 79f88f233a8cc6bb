// Stands in for ESP-IDF v5.5 components/esp_rom/include/esp_rom_gpio.h (board/idf-check.sh only).
#pragma once
#include <stdbool.h>
#include <stdint.h>

extern "C" {
void esp_rom_gpio_connect_in_signal(uint32_t gpio_num, uint32_t signal_idx, bool inv);
void esp_rom_gpio_connect_out_signal(uint32_t gpio_num, uint32_t signal_idx, bool out_inv, bool oen_inv);
}
