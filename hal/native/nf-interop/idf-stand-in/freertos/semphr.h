// Stands in for ESP-IDF v5.5 components/freertos/.../include/freertos/semphr.h for
// xtensa-check.sh only: its macros as functions of the same names and arguments.
#pragma once
#include "freertos/FreeRTOS.h"

typedef struct QueueDefinition* SemaphoreHandle_t;
typedef struct {
  uint8_t opaque[80];
} StaticSemaphore_t;

extern "C" {
SemaphoreHandle_t xSemaphoreCreateBinaryStatic(StaticSemaphore_t* pxSemaphoreBuffer);
BaseType_t xSemaphoreTake(SemaphoreHandle_t xSemaphore, TickType_t xBlockTime);
BaseType_t xSemaphoreGive(SemaphoreHandle_t xSemaphore);
}
