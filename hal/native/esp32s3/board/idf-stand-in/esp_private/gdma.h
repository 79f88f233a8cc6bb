// Stands in for ESP-IDF v5.5 components/esp_hw_support/dma/include/esp_private/gdma.h and the
// enumerations of components/hal/include/hal/gdma_types.h it includes (board/idf-check.sh only).
#pragma once
#include <stdbool.h>
#include <stdint.h>

#include "esp_err.h"
#include "soc/gdma_channel.h"

typedef enum { GDMA_TRIG_PERIPH_LCD = 8, GDMA_TRIG_PERIPH_CAM } gdma_trigger_peripheral_t;
typedef enum { GDMA_CHANNEL_DIRECTION_TX, GDMA_CHANNEL_DIRECTION_RX } gdma_channel_direction_t;

typedef struct gdma_channel_t* gdma_channel_handle_t;

typedef struct {
  gdma_channel_handle_t sibling_chan;
  gdma_channel_direction_t direction;
  struct {
    int reserve_sibling : 1;
    int isr_cache_safe : 1;
  } flags;
} gdma_channel_alloc_config_t;

typedef struct {
  gdma_trigger_peripheral_t periph;
  int instance_id;
  int bus_id;
} gdma_trigger_t;

#define GDMA_MAKE_TRIGGER(peri, id) \
  (gdma_trigger_t) { .periph = peri, .instance_id = SOC_##peri##id, .bus_id = SOC_##peri##id##_BUS }

typedef struct {
  bool owner_check;
  bool auto_update_desc;
  bool eof_till_data_popped;
} gdma_strategy_config_t;

extern "C" {
esp_err_t gdma_new_ahb_channel(const gdma_channel_alloc_config_t* config, gdma_channel_handle_t* ret_chan);
esp_err_t gdma_connect(gdma_channel_handle_t dma_chan, gdma_trigger_t trig_periph);
esp_err_t gdma_disconnect(gdma_channel_handle_t dma_chan);
esp_err_t gdma_apply_strategy(gdma_channel_handle_t dma_chan, const gdma_strategy_config_t* config);
esp_err_t gdma_del_channel(gdma_channel_handle_t dma_chan);
esp_err_t gdma_start(gdma_channel_handle_t dma_chan, intptr_t desc_base_addr);
esp_err_t gdma_stop(gdma_channel_handle_t dma_chan);
esp_err_t gdma_append(gdma_channel_handle_t dma_chan);
esp_err_t gdma_reset(gdma_channel_handle_t dma_chan);
}
