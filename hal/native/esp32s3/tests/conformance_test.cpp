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
  SimBus bus;
  Script ini, tgt;
  S3Bridge s3;
  if (c.s3_initiator) {
    s3 = attach_s3(bus, 7);
    ini.device = s3.device;
    tgt.device = bus.attach(options(0));
  } else {
    ini.device = bus.attach(options(7));
    s3 = attach_s3(bus, 0);
    tgt.device = s3.device;
  }
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
