// ATN raised during DATA: the target finishes the byte and goes to MESSAGE OUT.
#include <gtest/gtest.h>

#include "harness.h"

using namespace sbtest;

TEST(Attention, AtnDuringDataInLeadsToMessageOut) {
  SimBus bus;
  Script ini, tgt;
  ini.device = bus.attach(options(7));
  tgt.device = bus.attach(options(0));
  std::vector<uint8_t> src = random_bytes(512, 3), dst(512, 0);
  ini.then(cmd::select(0)).then(cmd::message_out({0xC0})).then(cmd::command_out({0x08, 0, 0, 0, 1, 0}));
  ini.then(cmd::transfer_at(dst.data(), 100)).then(cmd::set_atn()).then(cmd::transfer_at(dst.data() + 100, 412));
  ini.then(cmd::message_out({0x06}));  // ABORT
  ini.stop_on_error = false;
  tgt.then(cmd::enable_selection(0x01)).then(cmd::send_data(src, 512)).then(cmd::disconnect());
  ASSERT_TRUE(run(bus, {&ini, &tgt}));
  EXPECT_EQ(ini.at(3).result, SB_OK);
  EXPECT_EQ(ini.at(5).result, SB_ERR_PHASE_MISMATCH);
  EXPECT_EQ(ini.at(5).bytes_moved, 1u) << "the byte under way when ATN rose completes";
  EXPECT_EQ(ini.at(5).phase, sb::kPhaseMessageOut);
  EXPECT_EQ(ini.at(6).result, SB_OK);
  const sb_completion& t = tgt.at(1);
  EXPECT_EQ(t.result, SB_INFO_ATTENTION);
  EXPECT_EQ(t.bytes_moved, 101u);
  EXPECT_EQ(t.residual, 411u);
  EXPECT_EQ(t.msg_len, 1);
  EXPECT_EQ(t.msg[0], 0x06);
  EXPECT_TRUE(std::equal(src.begin(), src.begin() + 101, dst.begin()));
  EXPECT_EQ(ini.at(6).phase, sb::kPhaseBusFree);
  EXPECT_EQ(violations_text(bus), "");
}

TEST(Attention, RejectingAMessageWithAtnBeforeAccept) {
  SimBus bus;
  Script ini, tgt;
  ini.device = bus.attach(options(7));
  tgt.device = bus.attach(options(0));
  // After the CDB the target offers SDTR; the initiator raises ATN before accepting it and
  // answers MESSAGE REJECT.
  ini.steps = {cmd::select(0),          cmd::message_out({0xC0}), cmd::command_out({0, 0, 0, 0, 0, 0}),
               cmd::message_in(),       cmd::set_atn(),           cmd::accept(),
               cmd::message_out({0x07}), cmd::status_in(),        cmd::message_in(),
               cmd::accept()};
  tgt.steps = {cmd::enable_selection(0x01), cmd::send_message({0x01, 0x03, 0x01, 25, 15}), cmd::send_status(0),
               cmd::send_message({0}), cmd::disconnect()};
  ASSERT_TRUE(run(bus, {&ini, &tgt}));
  EXPECT_EQ(ini.at(3).msg_len, 5);
  EXPECT_EQ(ini.at(5).phase, sb::kPhaseMessageOut);
  EXPECT_EQ(tgt.at(1).result, SB_INFO_ATTENTION);
  EXPECT_EQ(tgt.at(1).msg[0], 0x07);
  EXPECT_EQ(ini.at(7).status_byte, 0);
  EXPECT_EQ(ini.last().phase, sb::kPhaseBusFree);
  EXPECT_EQ(violations_text(bus), "");
}

TEST(Attention, AtnRaisedDuringCommandIsFlaggedToTheTarget) {
  SimBus bus;
  Script ini, tgt;
  ini.device = bus.attach(options(7));
  tgt.device = bus.attach(options(0));
  // The initiator raises ATN before the CDB: the target takes the whole CDB, then must hear
  // that MESSAGE OUT is wanted, because only its lines say so.
  ini.steps = {cmd::select(0), cmd::message_out({0xC0}), cmd::set_atn(), cmd::command_out({0, 0, 0, 0, 0, 0}),
               cmd::message_out({0x08}), cmd::status_in(), cmd::message_in(), cmd::accept()};
  tgt.steps = {cmd::enable_selection(0x01), cmd::receive_message(), cmd::send_status(0), cmd::send_message({0}),
               cmd::disconnect()};
  ASSERT_TRUE(run(bus, {&ini, &tgt}));
  EXPECT_EQ(tgt.at(0).result, SB_OK);
  EXPECT_EQ(tgt.at(0).cdb_len, 6);
  EXPECT_TRUE(tgt.at(0).flags & SB_CF_ATN_PENDING);
  EXPECT_EQ(ini.at(3).phase, sb::kPhaseMessageOut);
  EXPECT_EQ(tgt.at(1).msg[0], 0x08);
  EXPECT_FALSE(tgt.at(1).flags & SB_CF_ATN_PENDING);
  EXPECT_EQ(ini.last().phase, sb::kPhaseBusFree);
  EXPECT_EQ(violations_text(bus), "");
}
