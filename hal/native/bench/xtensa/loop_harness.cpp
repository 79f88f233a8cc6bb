// Bare-metal harness that counts the Xtensa instructions of the four asynchronous bulk loops
// (bulk_loops.h), built with xtensa-lx106-elf-g++ and run on QEMU's lx106 core with -icount
// (one instruction a nanosecond; CCOUNT ticks at 40 MHz, so instructions = ticks x 25).
//
// The backend is board-style and inline, as the board's is: pin operations are stores to
// "registers" (volatile words, as the board's GPIO W1TS/W1TC stores are), and each wait
// returns at once with the next value of a scripted cycle of bus states, the way the board's
// spinning wait returns when the line it watches has already changed. That look costs a few
// instructions (two loads, an index step), about what the first turn of the board's wait costs
// (a register load, a mask, a compare and branch). The figure is therefore the loop plus one
// look per wait. Each loop moves two sizes; the difference divided by the difference in bytes
// is the cost of one byte, with the set-up and the measurement itself cancelled out.
#include <stddef.h>
#include <stdint.h>

#include "sb/bulk_loops.h"
#include "semihosting.h"
#include "timed_transfer.h"

// The compiler clears structures with memset even here; nothing else provides it.
extern "C" void* memset(void* to, int value, size_t count) {
  uint8_t* p = static_cast<uint8_t*>(to);
  while (count-- > 0) *p++ = static_cast<uint8_t>(value);
  return to;
}

namespace {

using namespace sb;

using sbx::ccount;
using sbx::Line;

class Peer final : public PinBackend {
 public:
  void script(const uint32_t* cycle, uint32_t length) {
    cycle_ = cycle;
    length_ = length;
    at_ = 0;
  }
  uint32_t read_lines() override { return cycle_[at_]; }
  // As on the board: one store to a write-one-to-set or write-one-to-clear register.
  void assert_lines(uint32_t lines) override { set_ = lines; }
  void release_lines(uint32_t lines) override { clear_ = lines; }
  void drive_data(uint16_t nine) override { data_ = nine; }
  void release_data() override { data_ = 0; }
  void set_data_gate(DataGate) override {}
  uint64_t now_ns() override { return ++clock_; }
  bool wait(const WaitCond&, uint32_t* lines) override {
    *lines = bulk_wait(WaitCond{});
    return true;
  }
  uint32_t bulk_sample(uint32_t lines) { return lines; }  // the look saw the data lines too
  void bulk_drive(const uint8_t* d, uint32_t i) { drive_data(sb::bulk::nine_of(d[i])); }
  uint32_t bulk_wait(const WaitCond&) {
    const uint32_t v = cycle_[at_];
    at_ = at_ + 1 == length_ ? 0 : at_ + 1;
    return v;
  }
  void capture_arm(uint32_t, bool) override {}
  void capture_disarm() override {}
  uint32_t capture_count() override { return 0; }
  bool capture_pop(CaptureEntry*) override { return false; }
  void strobe_start(uint32_t, const uint8_t*, uint32_t, uint16_t, uint16_t) override {}
  void strobe_grant(uint32_t) override {}
  uint32_t strobe_count() override { return 0; }
  void strobe_stop() override {}
  bool transfer(BulkTransfer& t) override { return bulk::run(*this, t); }

 private:
  const uint32_t* cycle_ = nullptr;
  uint32_t length_ = 1;
  uint32_t at_ = 0;
  volatile uint32_t set_ = 0;
  volatile uint32_t clear_ = 0;
  volatile uint32_t data_ = 0;
  uint64_t clock_ = 0;
};

constexpr uint32_t kSmall = 2048;
constexpr uint32_t kLarge = 4096;
uint8_t g_buffer[kLarge];
Peer g_peer;

// What the far end shows at each wait of one byte, for each loop (DB = 0x5A with good parity).
constexpr uint32_t kByte = (0x5Au << kDataShift) | (odd_parity_bit(0x5A) ? kDbp : 0u);
constexpr uint32_t kInReq[] = {kBsy | kIo | kReq | kByte, kBsy | kIo | kByte};            // REQ, REQ gone
constexpr uint32_t kOutReq[] = {kBsy | kReq, kBsy, kBsy};                                 // REQ, setup, REQ gone
constexpr uint32_t kSend[] = {kBsy | kIo, kBsy | kIo | kAck, kBsy | kIo};                 // setup, ACK, ACK gone
constexpr uint32_t kReceive[] = {kBsy | kAck | kByte, kBsy};                              // ACK, ACK gone

uint32_t ticks_for(const uint32_t* cycle, uint32_t cycle_length, bool initiator, uint8_t phase, uint32_t count,
                   bool* ok) {
  g_peer.script(cycle, cycle_length);
  return sbx::ticks_of_transfer(g_peer, g_buffer, initiator, phase, count, ok);
}

void measure(const char* name, const uint32_t* cycle, uint32_t cycle_length, bool initiator, uint8_t phase,
             bool* ok) {
  const uint32_t small = ticks_for(cycle, cycle_length, initiator, phase, kSmall, ok);
  const uint32_t large = ticks_for(cycle, cycle_length, initiator, phase, kLarge, ok);
  // 25 instructions a tick; per byte over kLarge - kSmall = 2048 bytes, in tenths:
  // (large - small) * 25 * 10 / 2048 = (large - small) * 250 / 2048.
  const uint32_t tenths = ((large - small) * 250u) >> 11;
  Line().put(name).put(": ").tenths(tenths).put(" instructions per byte").emit();
}

}  // namespace

extern "C" int harness_main() {
  bool ok = true;
  measure("initiator DATA IN  (async)", kInReq, 2, true, kPhaseDataIn, &ok);
  measure("initiator DATA OUT (async)", kOutReq, 3, true, kPhaseDataOut, &ok);
  measure("target DATA IN     (async)", kSend, 3, false, kPhaseDataIn, &ok);
  measure("target DATA OUT    (async)", kReceive, 2, false, kPhaseDataOut, &ok);
  Line().put(ok ? "all transfers complete" : "a transfer did not complete").emit();
  return ok ? 0 : 1;
}
