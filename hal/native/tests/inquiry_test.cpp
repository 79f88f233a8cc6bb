// A whole INQUIRY between two controllers: the smallest complete conversation.
#include <gtest/gtest.h>

#include "harness.h"

using namespace sbtest;

TEST(Inquiry, InitiatorReadsTargetInquiryData) {
  SimBus bus;
  Script ini, tgt;
  ini.device = bus.attach(options(7));
  tgt.device = bus.attach(options(0));
  std::vector<uint8_t> inquiry = random_bytes(36, 1);
  std::vector<uint8_t> got(36, 0);
  initiator_command(ini, 0, {0x12, 0, 0, 0, 36, 0}, &got, 36);
  target_command(tgt, 0x01, &inquiry, 36, true);
  ASSERT_TRUE(run(bus, {&ini, &tgt}));
  ASSERT_EQ(ini.done.size(), ini.steps.size());
  ASSERT_EQ(tgt.done.size(), tgt.steps.size());
  EXPECT_EQ(got, inquiry);
  const sb_completion& sel = tgt.at(0);
  EXPECT_EQ(sel.result, SB_OK);
  EXPECT_EQ(sel.cdb_len, 6);
  EXPECT_EQ(sel.cdb[0], 0x12);
  EXPECT_EQ(sel.identify, 0xC0);
  EXPECT_EQ(sel.peer_id, 7);
  EXPECT_TRUE(sel.flags & SB_CF_INITIATOR_KNOWN);
  EXPECT_EQ(ini.at(0).phase, sb::kPhaseMessageOut);
  EXPECT_EQ(ini.at(1).phase, sb::kPhaseCommand);
  EXPECT_EQ(ini.at(2).phase, sb::kPhaseDataIn);
  EXPECT_EQ(ini.at(3).bytes_moved, 36u);
  EXPECT_EQ(ini.at(3).phase, sb::kPhaseStatus);
  EXPECT_EQ(ini.at(4).status_byte, 0);
  EXPECT_EQ(ini.at(5).msg[0], 0x00);
  EXPECT_TRUE(ini.at(5).flags & SB_CF_ACK_HELD);
  EXPECT_EQ(ini.at(6).phase, sb::kPhaseBusFree);
  EXPECT_EQ(violations_text(bus), "");
}
