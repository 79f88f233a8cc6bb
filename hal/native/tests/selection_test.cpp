// Selection: with and without ATN, SCSI-1 style without arbitration, and the timeout.
#include <gtest/gtest.h>

#include "harness.h"

using namespace sbtest;

TEST(Selection, WithAtnGoesToMessageOutAndTargetTakesIdentify) {
  SimBus bus;
  Script ini, tgt;
  ini.device = bus.attach(options(7));
  tgt.device = bus.attach(options(5));
  initiator_command(ini, 5, {0x00, 0, 0, 0, 0, 0}, nullptr, 0);
  target_command(tgt, 1u << 5, nullptr, 0, true);
  ASSERT_TRUE(run(bus, {&ini, &tgt}));
  EXPECT_EQ(ini.at(0).result, SB_OK);
  EXPECT_EQ(ini.at(0).phase, sb::kPhaseMessageOut);
  EXPECT_TRUE(ini.at(0).flags & SB_CF_ARBITRATED);
  EXPECT_TRUE(tgt.at(0).flags & SB_CF_ATN);
  EXPECT_TRUE(tgt.at(0).flags & SB_CF_IDENTIFY);
  EXPECT_EQ(tgt.at(0).own_id, 5);
  EXPECT_EQ(tgt.at(0).peer_id, 7);
  EXPECT_EQ(violations_text(bus), "");
}

TEST(Selection, WithoutAtnGoesStraightToCommand) {
  SimBus bus;
  Script ini, tgt;
  ini.device = bus.attach(options(7));
  tgt.device = bus.attach(options(2));
  ini.then(cmd::select(2, false)).then(cmd::command_out({0x00, 0, 0, 0, 0, 0})).then(cmd::status_in());
  ini.then(cmd::message_in()).then(cmd::accept());
  target_command(tgt, 1u << 2, nullptr, 0, true);
  ASSERT_TRUE(run(bus, {&ini, &tgt}));
  EXPECT_EQ(ini.at(0).phase, sb::kPhaseCommand);
  EXPECT_FALSE(tgt.at(0).flags & SB_CF_ATN);
  EXPECT_FALSE(tgt.at(0).flags & SB_CF_IDENTIFY);
  EXPECT_EQ(tgt.at(0).cdb_len, 6);
  EXPECT_EQ(ini.last().phase, sb::kPhaseBusFree);
  EXPECT_EQ(violations_text(bus), "");
}

TEST(Selection, TimesOutAfter250msOfVirtualTime) {
  SimBus bus;
  Script ini;
  ini.device = bus.attach(options(7));
  ini.then(cmd::select(3));
  ini.stop_on_error = false;
  ASSERT_TRUE(run(bus, {&ini}));
  const sb_completion& c = ini.at(0);
  EXPECT_EQ(c.result, SB_ERR_SELECTION_TIMEOUT);
  // Arbitration and selection take a few microseconds, then 250 ms and one abort time.
  EXPECT_GE(c.time_ns, 250000000ull + 200000ull);
  EXPECT_LT(c.time_ns, 250000000ull + 200000ull + 20000ull);
  EXPECT_EQ(bus.wire(), 0u) << "every line released after the timeout";
  EXPECT_EQ(violations_text(bus), "");
}

TEST(Selection, Scsi1WithoutArbitrationNorInitiatorId) {
  SimBus bus;
  Script ini, tgt;
  ini.device = bus.attach(options(7));
  tgt.device = bus.attach(options(4));
  ini.then(cmd::select(4, false, SB_CMD_NO_ARBITRATION)).then(cmd::command_out({0x00, 0x20, 0, 0, 0, 0}));
  ini.then(cmd::status_in()).then(cmd::message_in()).then(cmd::accept());
  target_command(tgt, 1u << 4, nullptr, 0, true);
  ASSERT_TRUE(run(bus, {&ini, &tgt}));
  EXPECT_EQ(ini.at(0).result, SB_OK);
  EXPECT_FALSE(ini.at(0).flags & SB_CF_ARBITRATED);
  EXPECT_FALSE(tgt.at(0).flags & SB_CF_INITIATOR_KNOWN) << "SCSI-1 selection carries no initiator ID";
  EXPECT_EQ(tgt.at(0).peer_id, 0xFF);
  EXPECT_EQ(tgt.at(0).cdb[1], 0x20) << "the LUN travels in CDB byte 1";
  EXPECT_EQ(violations_text(bus), "");
}

TEST(Selection, TargetIgnoresOtherIds) {
  SimBus bus;
  Script ini, tgt;
  ini.device = bus.attach(options(7));
  tgt.device = bus.attach(options(1));
  ini.then(cmd::select(3));
  ini.stop_on_error = false;
  tgt.then(cmd::enable_selection(0x02));
  ASSERT_FALSE(run(bus, {&ini, &tgt}, 400000000ull));
  EXPECT_EQ(ini.at(0).result, SB_ERR_SELECTION_TIMEOUT);
  EXPECT_TRUE(tgt.done.empty());
}
