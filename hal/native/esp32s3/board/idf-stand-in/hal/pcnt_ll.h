// Stands in for ESP-IDF v5.5 components/hal/esp32s3/include/hal/pcnt_ll.h (board/idf-check.sh
// only): its static inline functions as plain declarations.
#pragma once
#include <stdint.h>

#include "soc/pcnt_struct.h"

int pcnt_ll_get_count(pcnt_dev_t* hw, uint32_t unit);
void pcnt_ll_clear_count(pcnt_dev_t* hw, uint32_t unit);
int pcnt_ll_get_high_limit_value(pcnt_dev_t* hw, uint32_t unit);
int pcnt_ll_get_low_limit_value(pcnt_dev_t* hw, uint32_t unit);
