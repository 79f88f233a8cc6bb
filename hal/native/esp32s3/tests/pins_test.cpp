// Bad pin tables are refused at start with a named error, and nothing is driven.
#include <gtest/gtest.h>

#include <cstring>

#include "s3_rig.h"

using namespace s3test;
using sb::s3::PinError;

namespace {
struct Bad {
  const char* what;
  void (*spoil)(sb::s3::Config&);
  PinError error;
  uint8_t signal;
};

void check(const Bad& b) {
  sb::s3::Config c = one_pad_config();
  b.spoil(c);
  sb::s3::S3Model model(c);
  const sb::s3::Refusal r = model.start();
  EXPECT_EQ(r.error, b.error) << b.what << ": " << sb::s3::pin_error_name(r.error);
  if (b.signal != sb::s3::kPinsEnd) {
    EXPECT_EQ(r.signal, b.signal) << b.what;
  }
  EXPECT_EQ(model.pad_accesses(), 0u) << b.what << ": a refused table touches no pad";
  EXPECT_FALSE(model.backend().started());
  EXPECT_GT(std::strlen(sb::s3::pin_error_message(r.error)), 20u);
}
}  // namespace

TEST(S3Pins, AOnePadTableStartsAndSetsUpEveryPad) {
  sb::s3::S3Model model(one_pad_config());
  const sb::s3::Refusal r = model.start();
  EXPECT_EQ(r.error, PinError::kNone) << sb::s3::pin_error_message(r.error);
  EXPECT_TRUE(model.backend().started());
  EXPECT_EQ(model.pad_accesses(), 10u + 2u + 1u) << "ten open-drain pads, two dedicated GPIO bundles, the streams";
  EXPECT_EQ(model.claims(), 3u);
  EXPECT_TRUE(model.errors().empty());
}

TEST(S3Pins, BadTablesAreRefusedByName) {
  using namespace sb::s3;
  const Bad cases[] = {
      {"missing REQ", [](Config& c) { c.pins.gpio[kSigReq] = kNoPin; }, PinError::kMissingSignal, kSigReq},
      {"ATN on BSY's pin", [](Config& c) { c.pins.gpio[kSigAtn] = c.pins.gpio[kSigBsy]; }, PinError::kPinUsedTwice,
       kSigAtn},
      {"GPIO 23", [](Config& c) { c.pins.gpio[kSigSel] = 23; }, PinError::kNoSuchGpio, kSigSel},
      {"GPIO 49", [](Config& c) { c.pins.gpio[kSigSel] = 49; }, PinError::kNoSuchGpio, kSigSel},
      {"strapping GPIO 0", [](Config& c) { c.pins.gpio[kSigRst] = 0; }, PinError::kReservedPin, kSigRst},
      {"strapping GPIO 46", [](Config& c) { c.pins.gpio[kSigIo] = 46; }, PinError::kReservedPin, kSigIo},
      {"flash GPIO 30", [](Config& c) { c.pins.gpio[kSigCd] = 30; }, PinError::kReservedPin, kSigCd},
      {"USB GPIO 19", [](Config& c) { c.pins.gpio[kSigAck] = 19; }, PinError::kReservedPin, kSigAck},
      {"DB3 out of line", [](Config& c) { c.pins.gpio[3] = 40; }, PinError::kDataNotConsecutive, 3},
      // (eight consecutive usable GPIOs exist only in bank 0, so DB0-7 cannot leave it)
      {"DBP not right above DB7", [](Config& c) { c.pins.gpio[kSigDbp] = 40; }, PinError::kDataNotConsecutive, kSigDbp},
      {"MSG in bank 1", [](Config& c) { c.pins.gpio[kSigMsg] = 40; }, PinError::kSampleSplit, kSigMsg},
      {"capture ring not a power of two", [](Config& c) { c.capture_entries = 1000; }, PinError::kCaptureRingSize,
       kPinsEnd},
      {"capture chain longer than a slot", [](Config& c) { c.ring_slot_bytes = 4096; },
       PinError::kChainLongerThanSlot, kPinsEnd},
  };
  for (const Bad& b : cases) check(b);
}

TEST(S3Pins, EveryErrorHasANameAndAMessage) {
  for (int e = 0; e <= static_cast<int>(PinError::kStreamRefused); ++e) {
    EXPECT_STRNE(sb::s3::pin_error_name(static_cast<PinError>(e)), "UNKNOWN");
    EXPECT_STRNE(sb::s3::pin_error_message(static_cast<PinError>(e)), "unknown pin table error");
  }
  EXPECT_STREQ(sb::s3::signal_name(sb::s3::kSigReq), "REQ");
  EXPECT_STREQ(sb::s3::signal_name(sb::s3::kPinBsyDrive), "BSY_DRV");
  EXPECT_STREQ(sb::s3::signal_name(sb::s3::kPinsEnd), "none");
}

// A valid table whose set-up a board driver refuses: the backend does not start, says which
// refusal, lets go of every peripheral it had claimed, and no line is asserted.
TEST(S3Pins, ADriverRefusalStopsTheStartCleanly) {
  const PinError refusals[] = {PinError::kPadSetupRefused, PinError::kNotOnBusCore, PinError::kDedicBundleRefused,
                               PinError::kPcntUnitTaken, PinError::kStreamRefused};
  for (PinError e : refusals) {
    SCOPED_TRACE(sb::s3::pin_error_name(e));
    sbtest::SimBus bus;
    sb::s3::S3Model model(real_board_config());
    model.refuse_setup(e);
    bus.attach_external(sbtest::options(7), model);
    EXPECT_EQ(model.refusal().error, e);
    EXPECT_FALSE(model.backend().started());
    EXPECT_EQ(model.claims(), 0u) << "a refused start keeps no bundle, unit or channel";
    EXPECT_EQ(bus.wire(), 0u) << "no line asserted";
    EXPECT_TRUE(model.errors().empty()) << model.errors().front();
  }
}

TEST(S3Pins, ATransferBeyondTheRingSlotIsInvalid) {
  sbtest::SimBus bus;
  sb::s3::Config c = real_board_config();
  c.ring_slot_bytes = 8192;
  S3Bridge s3 = attach_s3(bus, 7, c);
  std::vector<uint8_t> big(16384);
  sb::BulkTransfer t{};
  t.data = big.data();
  t.count = 16384;
  t.deadline_ns = sb::kNever;
  t.phase = sb::kPhaseDataIn;
  t.initiator = true;
  sb::bulk_begin(t);
  EXPECT_TRUE(s3.model->backend().transfer(t));
  EXPECT_EQ(t.end, sb::BulkEnd::kInvalid);
  EXPECT_EQ(t.moved, 0u);
}

// The camera ring is written by DMA whether or not the loop reads it: a loop that falls more
// than a ring behind loses the oldest entries, counts them, and reads on from the newest.
TEST(S3Capture, ARingOverrunIsCountedAndTheNewestEntriesKept) {
  sbtest::SimBus bus;
  sb::s3::Config c = real_board_config();
  c.capture_entries = 64;
  S3Bridge s3 = attach_s3(bus, 5, c);
  sbtest::Script ini, tgt;
  ini.device = bus.attach(sbtest::options(7));
  tgt.device = bus.attach(sbtest::options(0));
  std::vector<uint8_t> src = sbtest::random_bytes(200, 3), dst(200, 0);
  sbtest::initiator_command(ini, 0, {0x08, 0, 0, 0, 1, 0}, &dst, 200);
  sbtest::target_command(tgt, 0x01, &src, 200, true);
  s3.model->select();
  s3.model->backend().capture_arm(sb::kReq, true);  // the S3 bridge only watches
  ASSERT_TRUE(sbtest::run(bus, {&ini, &tgt}));
  s3.model->select();
  const uint32_t strobes = s3.model->backend().capture_count();
  EXPECT_GE(strobes, 200u + 6u + 1u + 1u + 1u) << "message, command, data, status and message REQs";
  sb::CaptureEntry e{};
  uint32_t popped = 0;
  uint32_t last = 0;
  while (s3.model->backend().capture_pop(&e)) {
    ++popped;
    last = e.lines;
  }
  EXPECT_EQ(popped, 64u);
  EXPECT_EQ(s3.model->backend().capture_overruns(), strobes - 64u);
  EXPECT_EQ(sb::phase_of(last), sb::kPhaseMessageIn) << "the newest entry is the last REQ (COMMAND COMPLETE)";
  EXPECT_TRUE((last & sb::kReq) != 0);
  s3.model->backend().capture_disarm();
  EXPECT_FALSE(s3.model->backend().capture_pop(&e));
}
