// Stands in for ESP-IDF v5.5 components/hal/esp32s3/include/hal/lcd_ll.h and the clock type
// of components/hal/include/hal/lcd_types.h (board/idf-check.sh only): its static inline
// functions as plain declarations.
#pragma once
#include <stdint.h>

#include "soc/clk_tree_defs.h"
#include "soc/lcd_cam_struct.h"

#define LCD_LL_CLK_FRAC_DIV_N_MAX 256
#define LCD_LL_PCLK_DIV_MAX 64

typedef soc_periph_lcd_clk_src_t lcd_clock_source_t;

void lcd_ll_enable_clock(lcd_cam_dev_t* dev, bool en);
void lcd_ll_select_clk_src(lcd_cam_dev_t* dev, lcd_clock_source_t src);
void lcd_ll_set_group_clock_coeff(lcd_cam_dev_t* dev, int div_num, int div_a, int div_b);
void lcd_ll_set_clock_idle_level(lcd_cam_dev_t* dev, bool level);
void lcd_ll_set_pixel_clock_edge(lcd_cam_dev_t* dev, bool active_on_neg);
void lcd_ll_set_pixel_clock_prescale(lcd_cam_dev_t* dev, uint32_t prescale);
void lcd_ll_enable_rgb_yuv_convert(lcd_cam_dev_t* dev, bool en);
void lcd_ll_set_phase_cycles(lcd_cam_dev_t* dev, uint32_t cmd_cycles, uint32_t dummy_cycles, uint32_t data_cycles);
void lcd_ll_set_dma_read_stride(lcd_cam_dev_t* dev, uint32_t stride);
void lcd_ll_enable_output_always_on(lcd_cam_dev_t* dev, bool en);
void lcd_ll_start(lcd_cam_dev_t* dev);
void lcd_ll_stop(lcd_cam_dev_t* dev);
void lcd_ll_fifo_reset(lcd_cam_dev_t* dev);
void lcd_ll_enable_rgb_mode(lcd_cam_dev_t* dev, bool en);
