// A bus with nobody else on it, for the interop tests: the lines read back what this
// controller drives, and a wait that cannot be satisfied lets time run to its deadline
// (nothing else could change the bus).
#pragma once
#include <stdint.h>

#include "sb/backend.h"
#include "sb/lines.h"

namespace sbtest {

class EmptyBus final : public sb::PinBackend {
 public:
  uint32_t read_lines() override { return lines_ | data_; }
  void assert_lines(uint32_t l) override { lines_ |= l; }
  void release_lines(uint32_t l) override { lines_ &= ~l; }
  void drive_data(uint16_t nine) override { data_ = sb::data_to_lines(nine); }
  void release_data() override { data_ = 0; }
  void set_data_gate(sb::DataGate) override {}
  uint64_t now_ns() override { return now_; }
  bool wait(const sb::WaitCond& c, uint32_t* lines) override {
    *lines = read_lines();
    if (sb::wait_holds(c, *lines, 0) || now_ >= c.deadline_ns) return true;
    if (c.deadline_ns == sb::kNever) return false;
    now_ = c.deadline_ns;
    return true;
  }
  void capture_arm(uint32_t, bool) override {}
  void capture_disarm() override {}
  uint32_t capture_count() override { return 0; }
  bool capture_pop(sb::CaptureEntry*) override { return false; }
  void strobe_start(uint32_t, const uint8_t*, uint32_t, uint16_t, uint16_t) override {}
  void strobe_grant(uint32_t) override {}
  uint32_t strobe_count() override { return 0; }
  void strobe_stop() override {}
  bool transfer(sb::BulkTransfer&) override { return false; }

  uint64_t now_ = 1000;

 private:
  uint32_t lines_ = 0;
  uint32_t data_ = 0;
};

}  // namespace sbtest
