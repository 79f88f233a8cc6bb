// A bus reset in any phase: every device lets go within the bus clear delay, every running
// command reports it, and the bus works again afterwards.
#include <gtest/gtest.h>

#include "harness.h"

using namespace sbtest;

namespace {

struct ResetCase {
  uint8_t phase;     // trigger phase, or SB_TRIGGER_AT_TIME
  uint32_t byte;
  bool data_in;
  bool reselect;     // run the disconnect/reselect flow
};

void build(Script& ini, Script& tgt, std::vector<uint8_t>& src, std::vector<uint8_t>& dst, const ResetCase& rc) {
  if (rc.reselect) {
    ini.steps = {cmd::select(0), cmd::message_out({0xC0}), cmd::command_out({0x08, 0, 0, 0, 1, 0}),
                 cmd::message_in(), cmd::accept(), cmd::wait_reselect(), cmd::message_in(), cmd::accept(),
                 cmd::transfer(dst, 256), cmd::status_in(), cmd::message_in(), cmd::accept()};
    tgt.steps = {cmd::enable_selection(0x01), cmd::send_message({0x04}), cmd::disconnect(), cmd::reselect(7),
                 cmd::send_message({0x80}), cmd::send_data(src, 256), cmd::send_status(0),
                 cmd::send_message({0x00}), cmd::disconnect()};
    return;
  }
  initiator_command(ini, 0, {static_cast<uint8_t>(rc.data_in ? 0x08 : 0x0A), 0, 0, 0, 1, 0},
                    rc.data_in ? &dst : &src, 256);
  target_command(tgt, 0x01, rc.data_in ? &src : &dst, 256, rc.data_in);
}

void check_reset(const ResetCase& rc) {
  SimBus bus;
  bus.trace().set_enabled(true);
  Script ini, tgt;
  ini.device = bus.attach(options(7));
  tgt.device = bus.attach(options(0));
  std::vector<uint8_t> src = random_bytes(256, 4), dst(256, 0);
  build(ini, tgt, src, dst, rc);
  sb_fault f{};
  f.kind = SB_FAULT_RESET;
  f.phase = rc.phase;
  f.byte_index = rc.byte;
  f.time_ns = 100;
  ASSERT_EQ(bus.inject(f), SB_SIM_OK);
  ASSERT_TRUE(run(bus, {&ini, &tgt}));
  ASSERT_FALSE(ini.done.empty());
  ASSERT_FALSE(tgt.done.empty());
  if (rc.phase != SB_TRIGGER_AT_TIME) {
    EXPECT_EQ(ini.last().result, SB_ERR_BUS_RESET) << "phase " << int(rc.phase);
  }
  EXPECT_EQ(tgt.last().result, SB_ERR_BUS_RESET) << "phase " << int(rc.phase);
  EXPECT_GE(bus.controller(tgt.device).resets_seen(), 1u);
  EXPECT_EQ(violations_text(bus), "") << "phase " << int(rc.phase);

  // The bus is usable again: a command submitted at once, while RST may still be held,
  // waits for the end of the reset instead of reporting it a second time.
  Script ini2, tgt2;
  ini2.device = ini.device;
  tgt2.device = tgt.device;
  std::vector<uint8_t> src2 = random_bytes(64, 8), dst2(64, 0);
  initiator_command(ini2, 0, {0x08, 0, 0, 0, 1, 0}, &dst2, 64);
  target_command(tgt2, 0x01, &src2, 64, true);
  ASSERT_TRUE(run(bus, {&ini2, &tgt2}));
  EXPECT_EQ(dst2, src2);
  EXPECT_EQ(violations_text(bus), "");
}

}  // namespace

TEST(Reset, DuringBusFree) { check_reset({SB_TRIGGER_AT_TIME, 0, true, false}); }
TEST(Reset, DuringArbitration) { check_reset({sb::kPhaseArbitration, 0, true, false}); }
TEST(Reset, DuringSelection) { check_reset({sb::kPhaseSelection, 0, true, false}); }
TEST(Reset, DuringMessageOut) { check_reset({sb::kPhaseMessageOut, 0, true, false}); }
TEST(Reset, DuringCommand) { check_reset({sb::kPhaseCommand, 2, true, false}); }
TEST(Reset, DuringDataIn) { check_reset({sb::kPhaseDataIn, 100, true, false}); }
TEST(Reset, DuringDataOut) { check_reset({sb::kPhaseDataOut, 100, false, false}); }
TEST(Reset, DuringStatus) { check_reset({sb::kPhaseStatus, 0, true, false}); }
TEST(Reset, DuringMessageIn) { check_reset({sb::kPhaseMessageIn, 0, true, false}); }
TEST(Reset, DuringReselection) { check_reset({sb::kPhaseReselection, 0, true, true}); }

TEST(Reset, InitiatorResetsTheBusItself) {
  SimBus bus;
  Script ini, tgt;
  ini.device = bus.attach(options(7));
  tgt.device = bus.attach(options(0));
  std::vector<uint8_t> src = random_bytes(4096, 4), dst(4096, 0);
  ini.steps = {cmd::select(0), cmd::message_out({0xC0}), cmd::command_out({0x08, 0, 0, 0, 8, 0}),
               cmd::transfer_at(dst.data(), 100), cmd::reset_bus()};
  target_command(tgt, 0x01, &src, 4096, true);
  ASSERT_TRUE(run(bus, {&ini, &tgt}));
  EXPECT_EQ(ini.last().result, SB_OK);
  EXPECT_EQ(ini.last().phase, sb::kPhaseBusFree);
  EXPECT_EQ(tgt.last().result, SB_ERR_BUS_RESET);
  EXPECT_EQ(tgt.last().bytes_moved, 100u) << "only acknowledged bytes count; REQ was up for the 101st";
  EXPECT_EQ(bus.wire(), 0u);
  EXPECT_EQ(violations_text(bus), "");
}
