// Synchronous transfers: REQ pulses run ahead of ACKs up to the agreed offset.
#include <gtest/gtest.h>

#include "harness.h"

using namespace sbtest;

class SyncTransfer : public ::testing::TestWithParam<uint8_t> {};

TEST_P(SyncTransfer, DataInWithPhaseChangeMidTransfer) {
  const uint8_t offset = GetParam();
  SimBus bus;
  Script ini, tgt;
  ini.device = bus.attach(options(7));
  tgt.device = bus.attach(options(0));
  const uint32_t sent = 3000, asked = 4096;
  std::vector<uint8_t> src = random_bytes(sent, offset), dst(asked, 0);
  ini.then(cmd::set_sync(0, 200, offset));
  initiator_command(ini, 0, {0x08, 0, 0, 0, 8, 0}, &dst, asked);
  ini.stop_on_error = false;
  tgt.then(cmd::set_sync(7, 200, offset));
  target_command(tgt, 0x01, &src, sent, true);
  ASSERT_TRUE(run(bus, {&ini, &tgt}));
  const sb_completion& x = ini.at(4);
  EXPECT_EQ(x.result, SB_ERR_PHASE_MISMATCH);
  EXPECT_TRUE(x.flags & SB_CF_SYNC);
  EXPECT_EQ(x.bytes_moved, sent);
  EXPECT_EQ(x.residual, asked - sent);
  EXPECT_EQ(x.phase, sb::kPhaseStatus);
  EXPECT_TRUE(tgt.at(2).flags & SB_CF_SYNC);
  EXPECT_TRUE(std::equal(src.begin(), src.end(), dst.begin()));
  EXPECT_EQ(ini.at(5).status_byte, 0);
  EXPECT_EQ(ini.last().phase, sb::kPhaseBusFree);
  EXPECT_EQ(violations_text(bus), "");
}

TEST_P(SyncTransfer, DataOutByteIdentical) {
  const uint8_t offset = GetParam();
  SimBus bus;
  Script ini, tgt;
  ini.device = bus.attach(options(7));
  tgt.device = bus.attach(options(0));
  const uint32_t n = 5000;
  std::vector<uint8_t> src = random_bytes(n, 100 + offset), dst(n, 0);
  ini.then(cmd::set_sync(0, 200, offset));
  initiator_command(ini, 0, {0x0A, 0, 0, 0, 10, 0}, &src, n);
  tgt.then(cmd::set_sync(7, 200, offset));
  target_command(tgt, 0x01, &dst, n, false);
  ASSERT_TRUE(run(bus, {&ini, &tgt}));
  EXPECT_EQ(dst, src);
  EXPECT_TRUE(ini.at(4).flags & SB_CF_SYNC);
  EXPECT_TRUE(tgt.at(2).flags & SB_CF_SYNC);
  EXPECT_EQ(violations_text(bus), "");
}

INSTANTIATE_TEST_SUITE_P(Offsets, SyncTransfer, ::testing::Values(uint8_t{1}, uint8_t{8}, uint8_t{15}));

TEST(Sync, LargerOffsetIsFasterInVirtualTime) {
  uint64_t elapsed[2] = {0, 0};
  const uint8_t offsets[2] = {1, 15};
  // The protocol property, not the board's speed: a controller whose code costs nothing.
  sb::sim::TimeModel quick = sb::sim::kEsp32S3Model;
  quick.code_ns = 0;
  for (int i = 0; i < 2; ++i) {
    SimBus bus(quick);
    Script ini, tgt;
    ini.device = bus.attach(options(7));
    tgt.device = bus.attach(options(0));
    std::vector<uint8_t> src = random_bytes(8192, 9), dst(8192, 0);
    ini.then(cmd::set_sync(0, 100, offsets[i]));
    initiator_command(ini, 0, {0x08, 0, 0, 0, 16, 0}, &dst, 8192);
    tgt.then(cmd::set_sync(7, 100, offsets[i]));
    target_command(tgt, 0x01, &src, 8192, true);
    ASSERT_TRUE(run(bus, {&ini, &tgt}));
    ASSERT_EQ(dst, src);
    EXPECT_EQ(violations_text(bus), "");
    elapsed[i] = ini.at(4).time_ns - ini.at(3).time_ns;
  }
  // At fast-SCSI's 100 ns period an acknowledgement takes longer than a period to come back:
  // with offset 1 every byte waits for that round trip, with 15 the REQs run ahead.
  EXPECT_LT(elapsed[1], elapsed[0]);
}

TEST(Sync, AgreementIsClampedToTheBoardLimits) {
  SimBus bus;
  sb_options o = options(7);
  o.max_sync_offset = 8;
  o.min_sync_period_ns = 250;
  const int dev = bus.attach(o);
  ASSERT_EQ(bus.submit(dev, cmd::set_sync(0, 100, 15)), SB_OK);
  int done = -1;
  ASSERT_EQ(bus.run(1u << dev, sb::kNever, &done), SB_RUN_COMPLETED);
  sb_completion c{};
  ASSERT_TRUE(bus.take_completion(dev, &c));
  EXPECT_EQ(c.bytes_moved, 250u) << "period";
  EXPECT_EQ(c.residual, 8u) << "offset";
}
