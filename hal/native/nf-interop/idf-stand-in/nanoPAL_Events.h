// Stands in for nf-interpreter's src/PAL/Include/nanoPAL_Events.h (xtensa-check.sh only).
#pragma once
#include <stdint.h>

#define EVENT_CUSTOM 10
void PostManagedEvent(uint8_t category, uint8_t subCategory, uint16_t data1, uint32_t data2);
