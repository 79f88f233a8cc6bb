// Asynchronous DATA IN and DATA OUT of assorted sizes, byte for byte.
#include <gtest/gtest.h>

#include "harness.h"

using namespace sbtest;

class DataTransfer : public ::testing::TestWithParam<uint32_t> {};

TEST_P(DataTransfer, DataInIsByteIdentical) {
  const uint32_t n = GetParam();
  SimBus bus;
  Script ini, tgt;
  ini.device = bus.attach(options(7));
  tgt.device = bus.attach(options(0));
  std::vector<uint8_t> src = random_bytes(n, n), dst(n, 0);
  initiator_command(ini, 0, {0x08, 0, 0, 0, 1, 0}, &dst, n);
  target_command(tgt, 0x01, &src, n, true);
  ASSERT_TRUE(run(bus, {&ini, &tgt}));
  EXPECT_EQ(dst, src);
  EXPECT_EQ(ini.at(3).bytes_moved, n);
  EXPECT_EQ(ini.at(3).residual, 0u);
  EXPECT_EQ(tgt.at(1).bytes_moved, n);
  EXPECT_FALSE(ini.at(3).flags & SB_CF_SYNC);
  EXPECT_EQ(violations_text(bus), "");
}

TEST_P(DataTransfer, DataOutIsByteIdentical) {
  const uint32_t n = GetParam();
  SimBus bus;
  Script ini, tgt;
  ini.device = bus.attach(options(7));
  tgt.device = bus.attach(options(0));
  std::vector<uint8_t> src = random_bytes(n, n + 1), dst(n, 0);
  initiator_command(ini, 0, {0x0A, 0, 0, 0, 1, 0}, &src, n);
  target_command(tgt, 0x01, &dst, n, false);
  ASSERT_TRUE(run(bus, {&ini, &tgt}));
  EXPECT_EQ(dst, src);
  EXPECT_EQ(ini.at(3).bytes_moved, n);
  EXPECT_EQ(tgt.at(1).bytes_moved, n);
  EXPECT_EQ(violations_text(bus), "");
}

INSTANTIATE_TEST_SUITE_P(Sizes, DataTransfer, ::testing::Values(1u, 511u, 65536u));

TEST(DataTransferChunks, InitiatorTakesALongPhaseInPieces) {
  SimBus bus;
  Script ini, tgt;
  ini.device = bus.attach(options(7));
  tgt.device = bus.attach(options(0));
  std::vector<uint8_t> src = random_bytes(4096, 5), dst(4096, 0);
  ini.then(cmd::select(0)).then(cmd::message_out({0xC0})).then(cmd::command_out({0x08, 0, 0, 0, 8, 0}));
  for (int i = 0; i < 8; ++i) ini.then(cmd::transfer_at(dst.data() + 512 * i, 512));
  ini.then(cmd::status_in()).then(cmd::message_in()).then(cmd::accept());
  target_command(tgt, 0x01, &src, 4096, true);
  ASSERT_TRUE(run(bus, {&ini, &tgt}));
  EXPECT_EQ(dst, src);
  for (int i = 0; i < 7; ++i) EXPECT_EQ(ini.at(3 + i).phase, sb::kPhaseDataIn);
  EXPECT_EQ(ini.at(10).phase, sb::kPhaseStatus);
  EXPECT_EQ(violations_text(bus), "");
}

TEST(DataTransferChunks, TargetSendsLessThanAskedGivesPhaseMismatchAndResidual) {
  SimBus bus;
  Script ini, tgt;
  ini.device = bus.attach(options(7));
  tgt.device = bus.attach(options(0));
  std::vector<uint8_t> src = random_bytes(100, 6), dst(300, 0);
  initiator_command(ini, 0, {0x08, 0, 0, 0, 1, 0}, &dst, 300);
  ini.stop_on_error = false;
  target_command(tgt, 0x01, &src, 100, true);
  ASSERT_TRUE(run(bus, {&ini, &tgt}));
  EXPECT_EQ(ini.at(3).result, SB_ERR_PHASE_MISMATCH);
  EXPECT_EQ(ini.at(3).bytes_moved, 100u);
  EXPECT_EQ(ini.at(3).residual, 200u);
  EXPECT_EQ(ini.at(3).phase, sb::kPhaseStatus);
  EXPECT_EQ(ini.at(4).result, SB_OK);
  EXPECT_TRUE(std::equal(src.begin(), src.end(), dst.begin()));
  EXPECT_EQ(violations_text(bus), "");
}
