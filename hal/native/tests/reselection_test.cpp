// Disconnect and reselection: the target leaves the bus mid-command and comes back.
#include <gtest/gtest.h>

#include "harness.h"

using namespace sbtest;

TEST(Reselection, DisconnectThenReselectCompletesTheRead) {
  SimBus bus;
  Script ini, tgt;
  ini.device = bus.attach(options(7));
  tgt.device = bus.attach(options(0));
  std::vector<uint8_t> src = random_bytes(2048, 21), dst(2048, 0);
  ini.steps = {cmd::select(0), cmd::message_out({0xC0}), cmd::command_out({0x08, 0, 0, 0, 4, 0}),
               cmd::message_in(), cmd::accept(), cmd::wait_reselect(), cmd::message_in(), cmd::accept(),
               cmd::transfer(dst, 2048), cmd::status_in(), cmd::message_in(), cmd::accept()};
  tgt.steps = {cmd::enable_selection(0x01), cmd::send_message({0x04}), cmd::disconnect(), cmd::reselect(7),
               cmd::send_message({0x80}), cmd::send_data(src, 2048), cmd::send_status(0),
               cmd::send_message({0x00}), cmd::disconnect()};
  ASSERT_TRUE(run(bus, {&ini, &tgt}));
  EXPECT_EQ(ini.at(3).msg[0], 0x04);
  EXPECT_EQ(ini.at(4).phase, sb::kPhaseBusFree);
  EXPECT_EQ(ini.at(5).result, SB_OK);
  EXPECT_EQ(ini.at(5).peer_id, 0);
  EXPECT_EQ(ini.at(5).phase, sb::kPhaseMessageIn);
  EXPECT_EQ(ini.at(6).msg[0], 0x80);
  EXPECT_EQ(tgt.at(3).result, SB_OK);
  EXPECT_TRUE(tgt.at(3).flags & SB_CF_ARBITRATED);
  EXPECT_EQ(dst, src);
  EXPECT_EQ(violations_text(bus), "");
}

TEST(Reselection, SelectGivesWayToAReselectingTarget) {
  SimBus bus;
  Script ini, tgt;
  ini.device = bus.attach(options(3));
  tgt.device = bus.attach(options(6));
  // The target (ID 6) disconnects; the initiator (ID 3) then tries to select another target
  // at the moment the first one reselects. ID 6 wins arbitration, so SELECT serves it.
  ini.steps = {cmd::select(6), cmd::message_out({0xC0}), cmd::command_out({0x08, 0, 0, 0, 1, 0}),
               cmd::message_in(), cmd::accept(), cmd::select(5), cmd::message_in(), cmd::accept(),
               cmd::status_in(), cmd::message_in(), cmd::accept()};
  tgt.steps = {cmd::enable_selection(0x40), cmd::send_message({0x04}), cmd::disconnect(), cmd::reselect(3),
               cmd::send_message({0x80}), cmd::send_status(0), cmd::send_message({0x00}), cmd::disconnect()};
  ASSERT_TRUE(run(bus, {&ini, &tgt}));
  EXPECT_EQ(ini.at(5).result, SB_INFO_RESELECTED);
  EXPECT_EQ(ini.at(5).peer_id, 6);
  EXPECT_EQ(ini.at(5).phase, sb::kPhaseMessageIn);
  EXPECT_EQ(ini.at(6).msg[0], 0x80);
  EXPECT_EQ(ini.last().phase, sb::kPhaseBusFree);
  EXPECT_EQ(violations_text(bus), "");
}

TEST(Reselection, WaitReselectTimesOutAndCanBeCancelled) {
  SimBus bus;
  const int dev = bus.attach(options(7));
  ASSERT_EQ(bus.submit(dev, cmd::wait_reselect(5000000)), SB_OK);
  int done = -1;
  ASSERT_EQ(bus.run(1u << dev, sb::kNever, &done), SB_RUN_COMPLETED);
  sb_completion c{};
  ASSERT_TRUE(bus.take_completion(dev, &c));
  EXPECT_EQ(c.result, SB_ERR_TIMEOUT);
  EXPECT_GE(c.time_ns, 5000000u);

  ASSERT_EQ(bus.submit(dev, cmd::wait_reselect()), SB_OK);
  EXPECT_EQ(bus.run(1u << dev, bus.now() + 1000000, &done), SB_RUN_TIME_REACHED);
  ASSERT_EQ(bus.cancel(dev), SB_SIM_OK);
  ASSERT_EQ(bus.run(1u << dev, sb::kNever, &done), SB_RUN_COMPLETED);
  ASSERT_TRUE(bus.take_completion(dev, &c));
  EXPECT_EQ(c.result, SB_ERR_CANCELLED);
}

TEST(Reselection, ACancelledWaitLeavesTheControllerIdleAndUsable) {
  SimBus bus;
  const int dev = bus.attach(options(7));
  const int other = bus.attach(options(0));
  ASSERT_EQ(bus.submit(dev, cmd::wait_reselect()), SB_OK);
  EXPECT_EQ(bus.run(1u << dev, bus.now() + 1000, nullptr), SB_RUN_TIME_REACHED);
  ASSERT_EQ(bus.cancel(dev), SB_SIM_OK);
  int done = -1;
  ASSERT_EQ(bus.run(1u << dev, sb::kNever, &done), SB_RUN_COMPLETED);
  sb_completion c{};
  ASSERT_TRUE(bus.take_completion(dev, &c));
  EXPECT_EQ(c.result, SB_ERR_CANCELLED);
  // With nothing left to do the bus goes idle (it used to spin on the spent cancel).
  EXPECT_EQ(bus.run(1u << other, sb::kNever, &done), SB_RUN_IDLE);
  Script ini, tgt;
  ini.device = dev;
  tgt.device = other;
  initiator_command(ini, 0, {0x00, 0, 0, 0, 0, 0}, nullptr, 0);
  target_command(tgt, 0x01, nullptr, 0, true);
  ASSERT_TRUE(run(bus, {&ini, &tgt}));
  EXPECT_EQ(ini.last().phase, sb::kPhaseBusFree);
}
