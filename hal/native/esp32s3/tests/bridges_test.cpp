// Two ESP32-S3 bridges against each other, both through the model: an image read and written
// byte-exact in 64 KiB commands, asynchronous and Fast-10. 1 MiB by default, 16 MiB with
// SCSIBRIDGE_LONG set.
#include <gtest/gtest.h>

#include <cstdlib>

#include "s3_rig.h"

using namespace sbtest;
using namespace s3test;

class S3Bridges : public ::testing::TestWithParam<bool> {};

TEST_P(S3Bridges, ImageReadAndWrittenByteExact) {
  const bool sync = GetParam();
  const uint32_t total = std::getenv("SCSIBRIDGE_LONG") != nullptr ? 16u << 20 : 1u << 20;
  const uint32_t piece = 65536;
  SimBus bus;
  S3Bridge a = attach_s3(bus, 7), b = attach_s3(bus, 0);
  std::vector<uint8_t> image = random_bytes(total, 1234), read_back(total, 0), written(total, 0);
  for (int write = 0; write < 2; ++write) {
    Script ini, tgt;
    ini.device = a.device;
    tgt.device = b.device;
    if (sync) {
      ini.then(cmd::set_sync(0, 100, 15));
      tgt.then(cmd::set_sync(7, 100, 15));
    }
    ini.then(cmd::select(0)).then(cmd::message_out({0xC0})).then(cmd::command_out({0x08, 0, 0, 0, 0, 0}));
    tgt.then(cmd::enable_selection(0x01));
    for (uint32_t at = 0; at < total; at += piece) {
      if (write) {
        ini.then(cmd::transfer_at(image.data() + at, piece));
        tgt.then(cmd::receive_data_at(written.data() + at, piece));
      } else {
        ini.then(cmd::transfer_at(read_back.data() + at, piece));
        tgt.then(cmd::send_data_at(image.data() + at, piece));
      }
    }
    ini.then(cmd::status_in()).then(cmd::message_in()).then(cmd::accept());
    tgt.then(cmd::send_status(0)).then(cmd::send_message({0x00})).then(cmd::disconnect());
    ASSERT_TRUE(run(bus, {&ini, &tgt})) << model_errors(a) << model_errors(b);
    for (const sb_completion& c : ini.done) EXPECT_EQ(c.result, SB_OK);
    EXPECT_EQ(ini.last().phase, sb::kPhaseBusFree);
  }
  EXPECT_TRUE(read_back == image) << "read";
  EXPECT_TRUE(written == image) << "written";
  EXPECT_EQ(violations_text(bus), "");
  EXPECT_EQ(model_errors(a), "");
  EXPECT_EQ(model_errors(b), "");
  EXPECT_EQ(a.model->backend().capture_overruns() + b.model->backend().capture_overruns(), 0u);
}

INSTANTIATE_TEST_SUITE_P(Modes, S3Bridges, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& i) { return i.param ? "Fast10" : "Async"; });
