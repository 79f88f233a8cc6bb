// A bulk transfer the backend cannot carry out is refused before any line moves.
#include <gtest/gtest.h>

#include "sb/bulk_loops.h"

namespace {

// Counts every pin operation; the bus never answers.
class CountingPins final : public sb::PinBackend {
 public:
  int operations = 0;
  uint32_t read_lines() override { return ++operations, 0; }
  void assert_lines(uint32_t) override { ++operations; }
  void release_lines(uint32_t) override { ++operations; }
  void drive_data(uint16_t) override { ++operations; }
  void release_data() override { ++operations; }
  void set_data_gate(sb::DataGate) override { ++operations; }
  uint64_t now_ns() override { return 0; }
  bool wait(const sb::WaitCond&, uint32_t*) override { return ++operations, false; }
  uint32_t bulk_wait(const sb::WaitCond&) { return ++operations, sb::kBulkNotYet; }
  uint32_t bulk_sample(uint32_t lines) { return ++operations, lines; }
  void bulk_drive(const uint8_t*, uint32_t) { ++operations; }
  void capture_arm(uint32_t, bool) override { ++operations; }
  void capture_disarm() override { ++operations; }
  uint32_t capture_count() override { return ++operations, 0; }
  bool capture_pop(sb::CaptureEntry*) override { return ++operations, false; }
  void strobe_start(uint32_t, const uint8_t*, uint32_t, uint16_t, uint16_t) override { ++operations; }
  void strobe_grant(uint32_t) override { ++operations; }
  uint32_t strobe_count() override { return ++operations, 0; }
  void strobe_stop() override { ++operations; }
  bool transfer(sb::BulkTransfer& t) override { return sb::bulk::run(*this, t); }
};

sb::BulkTransfer request(uint8_t* data, uint32_t count, uint8_t phase) {
  sb::BulkTransfer t{};
  t.data = data;
  t.count = count;
  t.phase = phase;
  t.deadline_ns = sb::kNever;
  t.initiator = true;
  sb::bulk_begin(t);
  return t;
}

void expect_refused(sb::BulkTransfer t, const char* why) {
  CountingPins pins;
  EXPECT_TRUE(pins.transfer(t)) << why;
  EXPECT_EQ(t.end, sb::BulkEnd::kInvalid) << why;
  EXPECT_EQ(t.moved, 0u) << why;
  EXPECT_EQ(pins.operations, 0) << why << ": no pin may move";
}

TEST(BulkRequest, RefusedBeforeAnyLineMoves) {
  uint8_t buffer[16] = {};
  expect_refused(request(nullptr, 16, sb::kPhaseDataIn), "a count without a buffer");
  expect_refused(request(buffer, 16, sb::kPhaseStatus), "a phase other than DATA");
  expect_refused(request(buffer, 16, sb::kPhaseMessageOut), "MESSAGE OUT");
  sb::BulkTransfer sync = request(buffer, 16, sb::kPhaseDataIn);
  sync.sync = true;
  sync.assert_ns = sync.negate_ns = 50;
  sync.offset = 0;
  expect_refused(sync, "a synchronous offset of 0");
  sync.offset = 16;
  expect_refused(sync, "an offset beyond 15");
  sync.offset = 8;
  sync.assert_ns = 0;
  expect_refused(sync, "a zero assertion period");
}

TEST(BulkRequest, ASoundRequestStartsMoving) {
  uint8_t buffer[16] = {};
  CountingPins pins;
  sb::BulkTransfer t = request(buffer, 16, sb::kPhaseDataIn);
  EXPECT_FALSE(pins.transfer(t)) << "the bus never answers, so it waits";
  EXPECT_EQ(t.end, sb::BulkEnd::kRunning);
  EXPECT_GT(pins.operations, 0);
}

}  // namespace
