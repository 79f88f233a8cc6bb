// Stands in for ESP-IDF v5.5 components/soc/esp32s3/include/soc/gpio_sig_map.h
// (board/idf-check.sh only): the GPIO matrix signals the board routes.
#pragma once

#define PCNT_SIG_CH0_IN0_IDX 33
#define PCNT_SIG_CH0_IN1_IDX 37
#define CORE1_GPIO_OUT0_IDX 129
#define CAM_DATA_IN0_IDX 133
#define LCD_DATA_OUT0_IDX 133
#define CAM_DATA_IN14_IDX 147
#define CAM_DATA_IN15_IDX 148
#define CAM_PCLK_IDX 149
#define CAM_H_ENABLE_IDX 150
#define CAM_H_SYNC_IDX 151
#define CAM_V_SYNC_IDX 152
#define LCD_PCLK_IDX 154
#define SIG_GPIO_OUT_IDX 256
