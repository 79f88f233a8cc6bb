// IDENTIFY and CDBs of every length reach the target byte for byte.
#include <gtest/gtest.h>

#include "harness.h"

using namespace sbtest;

namespace {
void exchange(const std::vector<uint8_t>& cdb, size_t expect_len) {
  SimBus bus;
  Script ini, tgt;
  ini.device = bus.attach(options(7));
  tgt.device = bus.attach(options(0));
  ini.then(cmd::select(0)).then(cmd::message_out({0xC3})).then(cmd::command_out(cdb));
  ini.then(cmd::status_in()).then(cmd::message_in()).then(cmd::accept());
  target_command(tgt, 0x01, nullptr, 0, true);
  ASSERT_TRUE(run(bus, {&ini, &tgt}));
  const sb_completion& c = tgt.at(0);
  EXPECT_EQ(c.result, SB_OK);
  EXPECT_EQ(c.identify, 0xC3);
  ASSERT_EQ(c.cdb_len, expect_len);
  EXPECT_EQ(std::vector<uint8_t>(c.cdb, c.cdb + c.cdb_len), cdb);
  EXPECT_EQ(ini.at(2).bytes_moved, cdb.size());
  EXPECT_EQ(violations_text(bus), "");
}
}  // namespace

TEST(Command, SixByte) { exchange({0x08, 0x01, 0x02, 0x03, 0x04, 0x05}, 6); }
TEST(Command, TenByte) { exchange({0x28, 0, 1, 2, 3, 4, 0, 0, 8, 0}, 10); }
TEST(Command, TwelveByte) { exchange({0xA8, 0, 1, 2, 3, 4, 0, 0, 0, 8, 0, 0}, 12); }
TEST(Command, SixteenByte) { exchange({0x88, 0, 0, 0, 0, 0, 1, 2, 3, 4, 0, 0, 0, 8, 0, 0}, 16); }

TEST(Command, ExtraMessagesAreHandedToTheFirmware) {
  SimBus bus;
  Script ini, tgt;
  ini.device = bus.attach(options(7));
  tgt.device = bus.attach(options(0));
  // IDENTIFY followed by SDTR (period factor 50, offset 8) in one MESSAGE OUT phase.
  ini.then(cmd::select(0))
      .then(cmd::message_out({0xC0, 0x01, 0x03, 0x01, 50, 8}))
      .then(cmd::message_in())
      .then(cmd::accept())
      .then(cmd::command_out({0x00, 0, 0, 0, 0, 0}))
      .then(cmd::status_in())
      .then(cmd::message_in())
      .then(cmd::accept());
  tgt.then(cmd::enable_selection(0x01))
      .then(cmd::send_message({0x01, 0x03, 0x01, 50, 8}))
      .then(cmd::receive_command())
      .then(cmd::send_status(0))
      .then(cmd::send_message({0x00}))
      .then(cmd::disconnect());
  ASSERT_TRUE(run(bus, {&ini, &tgt}));
  const sb_completion& sel = tgt.at(0);
  EXPECT_EQ(sel.result, SB_INFO_MESSAGES);
  EXPECT_EQ(sel.msg_len, 6);
  EXPECT_EQ(sel.identify, 0xC0);
  EXPECT_EQ(std::vector<uint8_t>(sel.msg, sel.msg + 6), (std::vector<uint8_t>{0xC0, 0x01, 0x03, 0x01, 50, 8}));
  EXPECT_EQ(ini.at(2).msg_len, 5);
  EXPECT_EQ(ini.at(2).msg[3], 50);
  EXPECT_EQ(tgt.at(2).cdb_len, 6);
  EXPECT_EQ(violations_text(bus), "");
}
