// Stands in for nf-interpreter's src/HAL/Include/nanoHAL_v2.h with the ESP32 target's
// GLOBAL_LOCK (a cross-core critical section there) for xtensa-check.sh only.
#pragma once

extern "C" {
void sb_stand_in_global_lock(void);
void sb_stand_in_global_unlock(void);
}
#define GLOBAL_LOCK() sb_stand_in_global_lock()
#define GLOBAL_UNLOCK() sb_stand_in_global_unlock()
