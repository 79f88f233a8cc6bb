// The board's start (ESP-IDF, inside nf-interpreter): the first call that needs the runtime
// starts the bus loop's task pinned to core 1, which starts the ESP32-S3 backend there (a
// dedicated-GPIO bundle belongs to the core that makes it) with the pin table from board_pins.h
// (generated from board/pins.csv; sb/board_config.h), then turns the bus loop. Completions reach
// managed code through PostManagedEvent under GLOBAL_LOCK (a cross-core spinlock on
// nanoFramework's ESP32 targets). The backend (.data: its vtable pointer makes it initialised),
// the ring and the queues (.bss) are static: internal DRAM, never PSRAM, since nothing here is
// marked EXT_RAM_BSS_ATTR. Compiled here only against stand-ins of FreeRTOS's, esp_timer's and
// nanoFramework's headers (xtensa-check.sh); never run on a board.
#include <esp_timer.h>
#include <freertos/FreeRTOS.h>
#include <freertos/semphr.h>
#include <freertos/task.h>
#include <nanoHAL_v2.h>
#include <nanoPAL_Events.h>

#include "sb/board_config.h"
#include "sb/esp32s3_backend.h"
#include "sb_nf/interop_runtime.h"

namespace sb {
namespace nf {

namespace {

s3::Esp32s3Backend g_backend;
bool g_tried = false;
int32_t g_start_status = kNotStarted;
// The backend's start on core 1, handed back to the caller on core 0.
s3::Refusal g_refusal{};
StaticSemaphore_t g_started_buffer;
SemaphoreHandle_t g_started = nullptr;
TaskHandle_t g_bus_task = nullptr;

void post_event(uint16_t kind, uint32_t data) {
  GLOBAL_LOCK();
  PostManagedEvent(EVENT_CUSTOM, 0, kind, data);
  GLOBAL_UNLOCK();
}

uint64_t now_ns() { return static_cast<uint64_t>(esp_timer_get_time()) * 1000u; }

// The bus loop's task: starts the backend on this core and says how it went; refused, it ends.
// Then it waits for the runtime and turns while there is work; after a run of idle turns it
// yields one tick so core 1's idle task (and the task watchdog that watches it) runs.
SB_S3_IRAM void bus_task(void*) {
  g_refusal = g_backend.start(s3::board_config(s3::kBoardRingSlotBytes, s3::kBoardCaptureEntries));
  const bool started = g_refusal.error == s3::PinError::kNone;
  xSemaphoreGive(g_started);
  if (!started) {
    vTaskDelete(nullptr);
    return;
  }
  ulTaskNotifyTake(pdTRUE, portMAX_DELAY);
  uint32_t idle = 0;
  for (;;) {
    if (runtime().run_once()) {
      idle = 0;
    } else if (++idle >= 4096u) {
      idle = 0;
      vTaskDelay(1);
    }
  }
}

}  // namespace

// The board's link channel is usb_cdc_board.cpp's (board/link.md); a build without it has no
// link, and Open says kNoLink.
__attribute__((weak)) LinkChannel* board_link_channel() { return nullptr; }

int32_t ensure_started() {
  if (g_tried) return g_start_status;
  g_tried = true;
  g_started = xSemaphoreCreateBinaryStatic(&g_started_buffer);
  if (xTaskCreatePinnedToCore(&bus_task, "sb_bus", 4096, nullptr, configMAX_PRIORITIES - 2, &g_bus_task, 1) != pdPASS) {
    g_start_status = kPinsRefused;  // no memory for the task: nothing was set up
    return g_start_status;
  }
  xSemaphoreTake(g_started, portMAX_DELAY);
  if (g_refusal.error != s3::PinError::kNone) {
    g_start_status = kPinsRefused;  // the task has ended; the refusal's name is in g_refusal
    return g_start_status;
  }
  Platform p;
  p.backend = &g_backend;
  p.link = board_link_channel();
  p.post_event = &post_event;
  p.now_ns = &now_ns;
  g_start_status = runtime().start(p);
  if (g_start_status == kOk) {
    xTaskNotifyGive(g_bus_task);
  } else {
    vTaskDelete(g_bus_task);
  }
  return g_start_status;
}

}  // namespace nf
}  // namespace sb
