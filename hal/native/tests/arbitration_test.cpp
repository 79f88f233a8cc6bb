// Arbitration: the highest ID wins among devices that arbitrate together; the loser retries.
#include <gtest/gtest.h>

#include "harness.h"

using namespace sbtest;

TEST(Arbitration, HighestIdWinsAndLoserRetries) {
  SimBus bus;
  Script low, high, t0, t1;
  low.device = bus.attach(options(3));
  high.device = bus.attach(options(7));
  t0.device = bus.attach(options(0));
  t1.device = bus.attach(options(1));
  std::vector<uint8_t> d0 = random_bytes(64, 10), d1 = random_bytes(64, 11);
  std::vector<uint8_t> g0(64), g1(64);
  initiator_command(low, 1, {0x08, 0, 0, 0, 1, 0}, &g1, 64);
  initiator_command(high, 0, {0x08, 0, 0, 0, 1, 0}, &g0, 64);
  target_command(t0, 0x01, &d0, 64, true);
  target_command(t1, 0x02, &d1, 64, true);
  ASSERT_TRUE(run(bus, {&low, &high, &t0, &t1}));
  EXPECT_EQ(high.at(0).result, SB_OK);
  EXPECT_EQ(high.at(0).arbitration_retries, 0);
  EXPECT_EQ(low.at(0).result, SB_OK);
  EXPECT_GE(low.at(0).arbitration_retries, 1);
  // The loser's selection only completes after the winner's whole command left the bus.
  EXPECT_GT(low.at(0).time_ns, high.last().time_ns);
  EXPECT_EQ(g0, d0);
  EXPECT_EQ(g1, d1);
  EXPECT_EQ(violations_text(bus), "");
}

TEST(Arbitration, NoRetryReportsTheLoss) {
  SimBus bus;
  Script low, high, t0, t1;
  low.device = bus.attach(options(2));
  high.device = bus.attach(options(6));
  t0.device = bus.attach(options(0));
  t1.device = bus.attach(options(1));
  low.then(cmd::select(1, true, SB_CMD_NO_RETRY));
  initiator_command(high, 0, {0x00, 0, 0, 0, 0, 0}, nullptr, 0);
  target_command(t0, 0x01, nullptr, 0, true);
  ASSERT_TRUE(run(bus, {&low, &high, &t0}));
  EXPECT_EQ(low.at(0).result, SB_ERR_ARBITRATION_LOST);
  EXPECT_EQ(high.at(0).result, SB_OK);
  EXPECT_EQ(bus.wire() & (sb::kBsy | sb::kSel), 0u);
  EXPECT_EQ(violations_text(bus), "");
}
