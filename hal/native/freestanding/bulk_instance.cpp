// Instantiates every bulk loop (bulk_loops.h) with a minimal board-style backend, so that the
// freestanding check compiles them for the bare targets too: they are templates, and only a
// backend brings them into existence.
#include "sb/bulk_loops.h"

namespace {

class Registers final : public sb::PinBackend {
 public:
  uint32_t read_lines() override { return in_; }
  void assert_lines(uint32_t lines) override { set_ = lines; }
  void release_lines(uint32_t lines) override { clear_ = lines; }
  void drive_data(uint16_t nine) override { data_ = nine; }
  void release_data() override { data_ = 0; }
  void set_data_gate(sb::DataGate) override {}
  uint64_t now_ns() override { return clock_++; }
  bool wait(const sb::WaitCond& cond, uint32_t* lines) override {
    *lines = in_;
    return sb::wait_holds(cond, in_, count_) || clock_ >= cond.deadline_ns;
  }
  uint32_t bulk_wait(const sb::WaitCond& cond) {
    uint32_t lines = 0;
    return wait(cond, &lines) ? lines : sb::kBulkNotYet;
  }
  uint32_t bulk_sample(uint32_t lines) { return lines | in_; }
  void bulk_drive(const uint8_t* d, uint32_t i) { drive_data(sb::bulk::nine_of(d[i])); }
  void capture_arm(uint32_t, bool) override { count_ = 0; }
  void capture_disarm() override {}
  uint32_t capture_count() override { return count_; }
  bool capture_pop(sb::CaptureEntry* entry) override {
    entry->lines = in_;
    return count_ != 0;
  }
  void strobe_start(uint32_t, const uint8_t*, uint32_t, uint16_t, uint16_t) override { sent_ = 0; }
  void strobe_grant(uint32_t total) override { granted_ = total; }
  uint32_t strobe_count() override { return sent_; }
  void strobe_stop() override {}
  bool transfer(sb::BulkTransfer& t) override { return sb::bulk::run(*this, t); }

 private:
  volatile uint32_t in_ = 0, set_ = 0, clear_ = 0, data_ = 0, count_ = 0, sent_ = 0, granted_ = 0;
  uint64_t clock_ = 0;
};

}  // namespace

bool sb_freestanding_bulk(sb::BulkTransfer& t) {
  static Registers backend;
  return backend.transfer(t);
}
