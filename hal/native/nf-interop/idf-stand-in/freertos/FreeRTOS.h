// Stands in for ESP-IDF v5.5's FreeRTOS (components/freertos: FreeRTOS.h with the ESP port's
// portmacro.h and FreeRTOSConfig.h) for xtensa-check.sh only: the types and constants
// interop_board.cpp uses.
#pragma once
#include <stdint.h>

typedef int BaseType_t;
typedef unsigned int UBaseType_t;
typedef uint32_t TickType_t;
#define pdTRUE ((BaseType_t)1)
#define pdPASS (pdTRUE)
#define portMAX_DELAY ((TickType_t)0xffffffffUL)
#define configMAX_PRIORITIES (25)
