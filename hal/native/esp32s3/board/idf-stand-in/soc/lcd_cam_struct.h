// Stands in for ESP-IDF v5.5 components/soc/esp32s3/register/soc/lcd_cam_struct.h
// (board/idf-check.sh only): the register block as an incomplete type.
#pragma once

typedef struct lcd_cam_dev_t lcd_cam_dev_t;
extern lcd_cam_dev_t LCD_CAM;
