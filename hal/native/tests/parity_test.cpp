// Parity: a corrupted DBP is caught on the byte it hit, in every phase, by whichever side
// receives that phase.
#include <gtest/gtest.h>

#include "harness.h"

using namespace sbtest;

namespace {
sb_fault parity_at(uint8_t phase, uint32_t byte) {
  sb_fault f{};
  f.kind = SB_FAULT_PARITY;
  f.phase = phase;
  f.byte_index = byte;
  return f;
}

struct Pair {
  Script ini, tgt;
  std::vector<uint8_t> in_src = random_bytes(64, 1), in_dst = std::vector<uint8_t>(64, 0);
};
}  // namespace

TEST(Parity, DataInErrorAtChosenByte) {
  SimBus bus;
  Pair r;
  r.ini.device = bus.attach(options(7));
  r.tgt.device = bus.attach(options(0));
  ASSERT_EQ(bus.inject(parity_at(sb::kPhaseDataIn, 5)), SB_SIM_OK);
  initiator_command(r.ini, 0, {0x08, 0, 0, 0, 1, 0}, &r.in_dst, 64);
  r.ini.stop_on_error = false;
  target_command(r.tgt, 0x01, &r.in_src, 64, true);
  ASSERT_TRUE(run(bus, {&r.ini, &r.tgt}));
  EXPECT_EQ(r.ini.at(3).result, SB_ERR_PARITY);
  EXPECT_EQ(r.ini.at(3).parity_index, 5u);
  EXPECT_EQ(r.ini.at(3).bytes_moved, 64u) << "the transfer goes on; the firmware decides";
  EXPECT_EQ(r.in_dst, r.in_src) << "the data lines themselves were right";
}

TEST(Parity, DataOutErrorSeenByTarget) {
  SimBus bus;
  Pair r;
  r.ini.device = bus.attach(options(7));
  r.tgt.device = bus.attach(options(0));
  ASSERT_EQ(bus.inject(parity_at(sb::kPhaseDataOut, 17)), SB_SIM_OK);
  initiator_command(r.ini, 0, {0x0A, 0, 0, 0, 1, 0}, &r.in_src, 64);
  r.tgt.stop_on_error = false;
  target_command(r.tgt, 0x01, &r.in_dst, 64, false);
  ASSERT_TRUE(run(bus, {&r.ini, &r.tgt}));
  EXPECT_EQ(r.tgt.at(1).result, SB_ERR_PARITY);
  EXPECT_EQ(r.tgt.at(1).parity_index, 17u);
}

TEST(Parity, CommandErrorSeenByTarget) {
  SimBus bus;
  Pair r;
  r.ini.device = bus.attach(options(7));
  r.tgt.device = bus.attach(options(0));
  ASSERT_EQ(bus.inject(parity_at(sb::kPhaseCommand, 3)), SB_SIM_OK);
  r.ini.then(cmd::select(0)).then(cmd::message_out({0xC0})).then(cmd::command_out({0x28, 0, 0, 0, 0, 1, 0, 0, 1, 0}));
  r.tgt.then(cmd::enable_selection(0x01));
  r.tgt.stop_on_error = false;
  run(bus, {&r.ini, &r.tgt}, 1000000);
  ASSERT_FALSE(r.tgt.done.empty());
  EXPECT_EQ(r.tgt.at(0).result, SB_ERR_PARITY);
  EXPECT_EQ(r.tgt.at(0).parity_index, 3u);
  EXPECT_EQ(r.tgt.at(0).cdb_len, 10) << "the whole CDB is still taken";
}

TEST(Parity, MessageOutErrorSeenByTarget) {
  SimBus bus;
  Pair r;
  r.ini.device = bus.attach(options(7));
  r.tgt.device = bus.attach(options(0));
  ASSERT_EQ(bus.inject(parity_at(sb::kPhaseMessageOut, 0)), SB_SIM_OK);
  r.ini.then(cmd::select(0)).then(cmd::message_out({0xC0}));
  r.tgt.then(cmd::enable_selection(0x01));
  r.tgt.stop_on_error = false;
  run(bus, {&r.ini, &r.tgt}, 1000000);
  ASSERT_FALSE(r.tgt.done.empty());
  EXPECT_EQ(r.tgt.at(0).result, SB_ERR_PARITY);
  EXPECT_EQ(r.tgt.at(0).parity_index, 0u);
}

TEST(Parity, StatusErrorSeenByInitiator) {
  SimBus bus;
  Pair r;
  r.ini.device = bus.attach(options(7));
  r.tgt.device = bus.attach(options(0));
  ASSERT_EQ(bus.inject(parity_at(sb::kPhaseStatus, 0)), SB_SIM_OK);
  initiator_command(r.ini, 0, {0x00, 0, 0, 0, 0, 0}, nullptr, 0);
  r.ini.stop_on_error = false;
  target_command(r.tgt, 0x01, nullptr, 0, true);
  ASSERT_TRUE(run(bus, {&r.ini, &r.tgt}));
  EXPECT_EQ(r.ini.at(3).result, SB_ERR_PARITY);
  EXPECT_EQ(r.ini.at(3).parity_index, 0u);
}

TEST(Parity, MessageInErrorHoldsAckForMessageParityError) {
  SimBus bus;
  Pair r;
  r.ini.device = bus.attach(options(7));
  r.tgt.device = bus.attach(options(0));
  ASSERT_EQ(bus.inject(parity_at(sb::kPhaseMessageIn, 0)), SB_SIM_OK);
  // The initiator raises ATN before accepting the bad byte and sends MESSAGE PARITY ERROR;
  // the target then sends COMMAND COMPLETE again.
  r.ini.then(cmd::select(0)).then(cmd::message_out({0xC0})).then(cmd::command_out({0, 0, 0, 0, 0, 0}));
  r.ini.then(cmd::status_in()).then(cmd::message_in()).then(cmd::set_atn()).then(cmd::accept());
  r.ini.then(cmd::message_out({0x09})).then(cmd::message_in()).then(cmd::accept());
  r.ini.stop_on_error = false;
  r.tgt.then(cmd::enable_selection(0x01)).then(cmd::send_status(0)).then(cmd::send_message({0x00}));
  r.tgt.then(cmd::send_message({0x00})).then(cmd::disconnect());
  ASSERT_TRUE(run(bus, {&r.ini, &r.tgt}));
  EXPECT_EQ(r.ini.at(4).result, SB_ERR_PARITY);
  EXPECT_TRUE(r.ini.at(4).flags & SB_CF_ACK_HELD);
  EXPECT_EQ(r.ini.at(6).phase, sb::kPhaseMessageOut);
  EXPECT_EQ(r.tgt.at(2).result, SB_INFO_ATTENTION);
  EXPECT_EQ(r.tgt.at(2).msg[0], 0x09);
  EXPECT_EQ(r.ini.at(8).result, SB_OK);
  EXPECT_EQ(r.ini.at(8).msg[0], 0x00);
  EXPECT_EQ(r.ini.last().phase, sb::kPhaseBusFree);
}

TEST(Parity, CheckingCanBeSwitchedOff) {
  SimBus bus;
  Pair r;
  r.ini.device = bus.attach(options(7, false));
  r.tgt.device = bus.attach(options(0));
  ASSERT_EQ(bus.inject(parity_at(sb::kPhaseDataIn, 5)), SB_SIM_OK);
  initiator_command(r.ini, 0, {0x08, 0, 0, 0, 1, 0}, &r.in_dst, 64);
  target_command(r.tgt, 0x01, &r.in_src, 64, true);
  ASSERT_TRUE(run(bus, {&r.ini, &r.tgt}));
  EXPECT_EQ(r.ini.at(3).result, SB_OK);
}

TEST(Parity, SyncDataInErrorAtChosenByte) {
  SimBus bus;
  Pair r;
  r.ini.device = bus.attach(options(7));
  r.tgt.device = bus.attach(options(0));
  ASSERT_EQ(bus.inject(parity_at(sb::kPhaseDataIn, 40)), SB_SIM_OK);
  r.ini.then(cmd::set_sync(0, 200, 8));
  initiator_command(r.ini, 0, {0x08, 0, 0, 0, 1, 0}, &r.in_dst, 64);
  r.ini.stop_on_error = false;
  r.tgt.then(cmd::set_sync(7, 200, 8));
  target_command(r.tgt, 0x01, &r.in_src, 64, true);
  ASSERT_TRUE(run(bus, {&r.ini, &r.tgt}));
  EXPECT_EQ(r.ini.at(4).result, SB_ERR_PARITY);
  EXPECT_EQ(r.ini.at(4).parity_index, 40u);
}

TEST(Parity, IdenticalFaultsHitSuccessiveOccurrences) {
  SimBus bus;
  Pair r;
  r.ini.device = bus.attach(options(7));
  r.tgt.device = bus.attach(options(0));
  ASSERT_EQ(bus.inject(parity_at(sb::kPhaseDataIn, 2)), SB_SIM_OK);
  ASSERT_EQ(bus.inject(parity_at(sb::kPhaseDataIn, 2)), SB_SIM_OK);
  // Two commands, each with a DATA IN phase: each gets one corrupted byte 2.
  std::vector<uint8_t> src = random_bytes(8, 3), d1(8), d2(8);
  initiator_command(r.ini, 0, {0x08, 0, 0, 0, 1, 0}, &d1, 8);
  initiator_command(r.ini, 0, {0x08, 0, 0, 0, 1, 0}, &d2, 8);
  r.ini.stop_on_error = false;
  target_command(r.tgt, 0x01, &src, 8, true);
  target_command(r.tgt, 0x01, &src, 8, true);
  ASSERT_TRUE(run(bus, {&r.ini, &r.tgt}));
  EXPECT_EQ(r.ini.at(3).result, SB_ERR_PARITY);
  EXPECT_EQ(r.ini.at(10).result, SB_ERR_PARITY);
  EXPECT_EQ(r.ini.at(10).parity_index, 2u);
}
