// Stands in for ESP-IDF v5.5 components/soc/esp32s3/register/soc/pcnt_struct.h
// (board/idf-check.sh only): the register block as an incomplete type.
#pragma once

typedef struct pcnt_dev_t pcnt_dev_t;
extern pcnt_dev_t PCNT;
