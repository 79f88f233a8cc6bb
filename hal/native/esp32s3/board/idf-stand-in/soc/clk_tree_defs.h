// Stands in for ESP-IDF v5.5 components/soc/esp32s3/include/soc/clk_tree_defs.h
// (board/idf-check.sh only).
#pragma once

typedef enum { LCD_CLK_SRC_PLL240M } soc_periph_lcd_clk_src_t;
typedef enum { CAM_CLK_SRC_PLL240M } soc_periph_cam_clk_src_t;
