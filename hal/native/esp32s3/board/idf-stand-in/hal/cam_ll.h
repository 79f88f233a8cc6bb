// Stands in for ESP-IDF v5.5 components/hal/esp32s3/include/hal/cam_ll.h and the clock type of
// components/hal/include/hal/cam_types.h (board/idf-check.sh only): its static inline functions
// as plain declarations.
#pragma once
#include <stdint.h>

#include "soc/clk_tree_defs.h"
#include "soc/lcd_cam_struct.h"

typedef soc_periph_cam_clk_src_t cam_clock_source_t;

void cam_ll_enable_clk(int group_id, bool en);
void cam_ll_select_clk_src(int group_id, cam_clock_source_t src);
void cam_ll_enable_stop_signal(lcd_cam_dev_t* dev, bool en);
void cam_ll_enable_vsync_generate_eof(lcd_cam_dev_t* dev, bool en);
void cam_ll_enable_rgb_yuv_convert(lcd_cam_dev_t* dev, bool en);
void cam_ll_set_recv_data_bytelen(lcd_cam_dev_t* dev, uint32_t length);
void cam_ll_enable_invert_pclk(lcd_cam_dev_t* dev, bool en);
void cam_ll_set_input_data_width(lcd_cam_dev_t* dev, uint32_t stride);
void cam_ll_set_vh_de_mode(lcd_cam_dev_t* dev, bool enable);
void cam_ll_start(lcd_cam_dev_t* dev);
void cam_ll_stop(lcd_cam_dev_t* dev);
void cam_ll_fifo_reset(lcd_cam_dev_t* dev);
