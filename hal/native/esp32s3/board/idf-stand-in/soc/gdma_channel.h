// Stands in for ESP-IDF v5.5 components/soc/esp32s3/include/soc/gdma_channel.h
// (board/idf-check.sh only).
#pragma once

#define SOC_GDMA_BUS_AHB (0)
#define SOC_GDMA_TRIG_PERIPH_LCD0 (5)
#define SOC_GDMA_TRIG_PERIPH_CAM0 (5)
#define SOC_GDMA_TRIG_PERIPH_LCD0_BUS SOC_GDMA_BUS_AHB
#define SOC_GDMA_TRIG_PERIPH_CAM0_BUS SOC_GDMA_BUS_AHB
