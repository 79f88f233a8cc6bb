// Bare-metal harness counting the Xtensa instructions a byte of the ESP32-S3 backend's four
// asynchronous bulk loops: Esp32s3Backend's own inline accessors (SB_S3_SCRIPTED: GPIO
// registers as RAM words, each dedicated-input look the next state of a scripted cycle, a
// clock that ends every delay at its first look), built with xtensa-lx106-elf-g++ -O2 and run
// on QEMU's lx106 with -icount (instructions = CCOUNT ticks x 25). Two sizes per loop; the
// difference over the difference in bytes is one byte's cost.
#include <stddef.h>
#include <stdint.h>

#include "sb/esp32s3_backend.h"
#include "semihosting.h"
#include "timed_transfer.h"

extern "C" void* memset(void* to, int value, size_t count) {
  uint8_t* p = static_cast<uint8_t*>(to);
  while (count-- > 0) *p++ = static_cast<uint8_t>(value);
  return to;
}
extern "C" void* memcpy(void* to, const void* from, size_t count) {
  uint8_t* d = static_cast<uint8_t*>(to);
  const uint8_t* s = static_cast<const uint8_t*>(from);
  while (count-- > 0) *d++ = *s++;
  return to;
}
extern "C" void __cxa_pure_virtual() {
  for (;;) {
  }
}

namespace sb {
namespace s3 {
volatile uint32_t g_gpio_regs[32];
volatile uint32_t g_pcnt;
uint32_t g_dedic_out;
uint32_t g_clock;
const uint32_t* g_in_cursor;
alignas(8) uint32_t g_in_pair[2];
// Set-up calls: nothing to set up here, and nothing refused.
bool gpio_open_drain(uint32_t) { return true; }
bool gpio_input(uint32_t) { return true; }
bool gpio_output(uint32_t) { return true; }
PinError dedic_out_bundle(const uint8_t*) { return PinError::kNone; }
PinError dedic_in_bundle(const uint8_t*) { return PinError::kNone; }
PinError streams_open(const uint8_t*, const uint8_t*) { return PinError::kNone; }
void board_release() {}
void pcnt_start(uint32_t) {}
void pcnt_stop() {}
void i80_start(uint32_t, bool, uint32_t, uint32_t, uint32_t) {}
void gdma_out_append(GdmaDescriptor*) {}
uint32_t i80_pulses_done() { return 0; }
void i80_stop() {}
void cam_start(uint32_t, uint16_t*, uint32_t) {}
uint32_t cam_written() { return 0; }
void cam_stop() {}
}  // namespace s3
}  // namespace sb

namespace {

using namespace sb;
using namespace sb::s3;

using sbx::ccount;

// Prints "name: W.T instructions per byte" for a count in tenths.
void report(const char* name, uint32_t tenths) { sbx::Line().put(name).put(": ").tenths(tenths).put(" instructions per byte").emit(); }

// Dedicated IN channels: REQ ACK ATN BSY SEL RST C/D I/O; a pad low is an asserted line.
constexpr uint32_t kInReq = 1u << 0, kInAck = 1u << 1, kInBsy = 1u << 3, kInIo = 1u << 7;
constexpr uint32_t pads(uint32_t asserted) { return ~asserted & 0xFFu; }
// One look a wait: the board's loops hold the data setup time on CCOUNT, not on a look.
const uint32_t kDataInCycle[] = {pads(kInBsy | kInIo | kInReq), pads(kInBsy | kInIo)};
const uint32_t kDataOutCycle[] = {pads(kInBsy | kInReq), pads(kInBsy)};
const uint32_t kSendCycle[] = {pads(kInBsy | kInIo | kInAck), pads(kInBsy | kInIo)};
const uint32_t kReceiveCycle[] = {pads(kInBsy | kInAck), pads(kInBsy)};

constexpr uint32_t kSmall = 1024;
constexpr uint32_t kLarge = 2048;
uint8_t g_buffer[kLarge];

Config board() {
  Config c{};
  const uint8_t pins[kSignals] = {4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15, 16, 17, 18, 13, 21, 38, 39};
  for (uint32_t i = 0; i < kSignals; ++i) c.pins.gpio[i] = pins[i];
  c.ring_slot_bytes = 65536;
  c.capture_entries = 64;
  return c;
}

// Each wait of the loops below takes one look, the two waits of a byte alternate.
void script(const uint32_t* pair) {
  g_in_pair[0] = pair[0];
  g_in_pair[1] = pair[1];
  g_in_cursor = g_in_pair;
}

uint32_t ticks_for(Esp32s3Backend& b, const uint32_t* cycle, bool initiator, uint8_t phase, uint32_t count, bool* ok) {
  script(cycle);
  return sbx::ticks_of_transfer(b, g_buffer, initiator, phase, count, ok);
}

void measure(Esp32s3Backend& b, const char* name, const uint32_t* cycle, bool initiator, uint8_t phase, bool* ok) {
  const uint32_t small = ticks_for(b, cycle, initiator, phase, kSmall, ok);
  const uint32_t large = ticks_for(b, cycle, initiator, phase, kLarge, ok);
  // 25 instructions a tick, over 1024 bytes, in tenths: (large - small) * 250 / 1024.
  report(name, ((large - small) * 250u) >> 10);
}

// The scripted look alone, in a loop that only folds what it reads: the part of each count
// above that the harness adds, since on the board a look is the one ee.get_gpio_in.
__attribute__((noinline)) uint32_t looks(uint32_t n) {
  uint32_t folded = 0;
  for (uint32_t k = 0; k < n; ++k) folded ^= dedic_in();
  return folded;
}

void measure_look() {
  script(kDataInCycle);
  uint32_t start = ccount();
  volatile uint32_t sink = looks(kSmall);
  const uint32_t small = ccount() - start;
  start = ccount();
  sink = looks(kLarge);
  const uint32_t large = ccount() - start;
  (void)sink;
  sbx::Line().put("scripted look with its loop: ").tenths(((large - small) * 250u) >> 10).put(" instructions (2 looks a byte above)").emit();
}

}  // namespace

extern "C" int harness_main() {
  static Esp32s3Backend backend;
  bool ok = backend.start(board()).error == PinError::kNone;
  // GPIO_IN: DB0-7 on GPIO 4-11 carry 0x5A with its parity on GPIO 12 (pads low = asserted).
  const uint32_t asserted = (0x5Au << 4) | (odd_parity_bit(0x5A) ? 1u << 12 : 0u);
  g_gpio_regs[0x3C >> 2] = ~asserted;
  measure(backend, "S3 initiator DATA IN  (async)", kDataInCycle, true, kPhaseDataIn, &ok);
  measure(backend, "S3 initiator DATA OUT (async)", kDataOutCycle, true, kPhaseDataOut, &ok);
  measure(backend, "S3 target DATA IN     (async)", kSendCycle, false, kPhaseDataIn, &ok);
  measure(backend, "S3 target DATA OUT    (async)", kReceiveCycle, false, kPhaseDataOut, &ok);
  measure_look();
  sbx::Line().put(ok ? "all transfers complete" : "a transfer did not complete").emit();
  return ok ? 0 : 1;
}
