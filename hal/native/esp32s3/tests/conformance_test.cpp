// Controller conformance with one side on the ESP32-S3 backend (through the model of the S3)
// and the other on the simulated backend, in both roles, every mode and direction, on the real
// board's pin table and wiring (s3_rig.h).
#include <gtest/gtest.h>

#include <tuple>

#include "s3_rig.h"

using namespace sbtest;
using namespace s3test;

namespace {

enum Mode { kAsync, kFast5, kFast10 };
struct Case {
  bool s3_initiator;
  Mode mode;
  bool data_in;
  uint32_t bytes;
};

std::string name_of(const ::testing::TestParamInfo<Case>& i) {
  const Case& c = i.param;
  static const char* const kModes[] = {"Async", "Fast5", "Fast10"};
  return std::string(c.s3_initiator ? "S3Initiator" : "S3Target") + kModes[c.mode] + (c.data_in ? "In" : "Out") +
         std::to_string(c.bytes);
}

std::vector<Case> all_cases() {
  std::vector<Case> v;
  for (bool ini : {true, false})
    for (Mode m : {kAsync, kFast5, kFast10})
      for (bool in : {true, false})
        for (uint32_t n : {1u, 511u, 65536u}) v.push_back(Case{ini, m, in, n});
  return v;
}

}  // namespace

class S3Conformance : public ::testing::TestWithParam<Case> {};

TEST_P(S3Conformance, DataPhaseByteExactWithoutViolations) {
  const Case& c = GetParam();
  S3Pair p(c.s3_initiator);
  SimBus& bus = p.bus;
  Script &ini = p.ini, &tgt = p.tgt;
  S3Bridge& s3 = p.s3;
  ASSERT_EQ(s3.model->refusal().error, sb::s3::PinError::kNone);
  if (c.mode != kAsync) {
    const uint16_t period = c.mode == kFast5 ? 200 : 100;
    ini.then(cmd::set_sync(0, period, 15));
    tgt.then(cmd::set_sync(7, period, 15));
  }
  std::vector<uint8_t> src = random_bytes(c.bytes, c.bytes + c.mode), dst(c.bytes, 0);
  const size_t base = c.mode != kAsync ? 1 : 0;
  if (c.data_in) {
    initiator_command(ini, 0, {0x08, 0, 0, 0, 1, 0}, &dst, c.bytes);
    target_command(tgt, 0x01, &src, c.bytes, true);
  } else {
    initiator_command(ini, 0, {0x0A, 0, 0, 0, 1, 0}, &src, c.bytes);
    target_command(tgt, 0x01, &dst, c.bytes, false);
  }
  ASSERT_TRUE(run(bus, {&ini, &tgt})) << model_errors(s3);
  EXPECT_EQ(dst, src);
  const sb_completion& x = ini.at(base + 3);
  EXPECT_EQ(x.result, SB_OK);
  EXPECT_EQ(x.bytes_moved, c.bytes);
  EXPECT_EQ(c.mode != kAsync, (x.flags & SB_CF_SYNC) != 0);
  EXPECT_EQ(ini.last().phase, sb::kPhaseBusFree);
  EXPECT_EQ(violations_text(bus), "");
  EXPECT_EQ(model_errors(s3), "");
  EXPECT_EQ(s3.model->backend().capture_overruns(), 0u);
  if (c.mode != kAsync) {
    EXPECT_GT(s3.model->descriptors_appended(), 0u) << "sync strobes come from the i80 through GDMA";
  }
}

INSTANTIATE_TEST_SUITE_P(All, S3Conformance, ::testing::ValuesIn(all_cases()), name_of);

// In the model every wait that has to wait yields, so a sending loop suspends and resumes at
// nearly every byte (on the board, after its turn budget). The byte it drove before leaving
// stays on the bus: it is not driven again, and its setup time is not held again whole,
// which cost a sending S3 a fifth of its rate. One store a byte, and no violation.
TEST(S3SendingLoop, KeepsItsByteOnTheBusAcrossASuspension) {
  for (bool s3_initiator : {true, false}) {
    SCOPED_TRACE(s3_initiator ? "S3 initiator, DATA OUT" : "S3 target, DATA IN");
    S3Pair p(s3_initiator);
    SimBus& bus = p.bus;
    Script &ini = p.ini, &tgt = p.tgt;
    S3Bridge& s3 = p.s3;
    const uint32_t n = 4096;
    // No two bytes alike in a row: a byte already on the pads is never "driven again".
    std::vector<uint8_t> src(n), dst(n, 0);
    for (uint32_t i = 0; i < n; ++i) src[i] = static_cast<uint8_t>(i * 7u + 1u);
    if (s3_initiator) {
      initiator_command(ini, 0, {0x0A, 0, 0, 0, 8, 0}, &src, n);
      target_command(tgt, 0x01, &dst, n, false);
    } else {
      initiator_command(ini, 0, {0x08, 0, 0, 0, 8, 0}, &dst, n);
      target_command(tgt, 0x01, &src, n, true);
    }
    const uint32_t yields_before = s3.model->bulk_yields(), stores_before = s3.model->data_stores();
    ASSERT_TRUE(run(bus, {&ini, &tgt})) << model_errors(s3);
    EXPECT_EQ(dst, src);
    EXPECT_GT(s3.model->bulk_yields() - yields_before, n) << "the loop should have left and resumed at most bytes";
    // The command phases' bytes and the releases add a few dozen stores; a store a resumption
    // would add thousands.
    EXPECT_LT(s3.model->data_stores() - stores_before, n + 64);
    EXPECT_EQ(violations_text(bus), "");
    EXPECT_EQ(model_errors(s3), "");
  }
}
