// Stands in for esp_tinyusb 2.x include/tinyusb_cdc_acm.h (xtensa-check.sh only).
#pragma once
#include <stdbool.h>

#include "esp_err.h"

typedef enum { TINYUSB_CDC_ACM_0 = 0x0 } tinyusb_cdcacm_itf_t;

typedef struct {
  bool dtr;
  bool rts;
} cdcacm_event_line_state_changed_data_t;

typedef enum { CDC_EVENT_RX, CDC_EVENT_RX_WANTED_CHAR, CDC_EVENT_LINE_STATE_CHANGED } cdcacm_event_type_t;

typedef struct {
  cdcacm_event_type_t type;
  union {
    cdcacm_event_line_state_changed_data_t line_state_changed_data;
  };
} cdcacm_event_t;

typedef void (*tusb_cdcacm_callback_t)(int itf, cdcacm_event_t* event);

typedef struct {
  tinyusb_cdcacm_itf_t cdc_port;
  tusb_cdcacm_callback_t callback_rx;
  tusb_cdcacm_callback_t callback_rx_wanted_char;
  tusb_cdcacm_callback_t callback_line_state_changed;
  tusb_cdcacm_callback_t callback_line_coding_changed;
} tinyusb_config_cdcacm_t;

extern "C" esp_err_t tinyusb_cdcacm_init(const tinyusb_config_cdcacm_t* cfg);
