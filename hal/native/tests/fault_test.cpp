// Faults: devices that stop answering or vanish, glitches, and a target that breaks the
// phase rules. The controllers must report each as an error; the monitor must see the breach.
#include <gtest/gtest.h>

#include "harness.h"

using namespace sbtest;

namespace {
sb_fault fault(uint8_t kind, uint8_t phase, uint32_t byte) {
  sb_fault f{};
  f.kind = kind;
  f.phase = phase;
  f.byte_index = byte;
  return f;
}
bool has_rule(SimBus& bus, uint32_t rule) {
  for (const sb_violation& v : bus.monitor().violations()) {
    if (v.rule == rule) return true;
  }
  return false;
}
}  // namespace

TEST(Fault, TargetThatStopsRespondingGivesATimeout) {
  SimBus bus;
  Script ini, tgt;
  ini.device = bus.attach(options(7));
  tgt.device = bus.attach(options(0));
  sb_fault f = fault(SB_FAULT_STOP_RESPONDING, sb::kPhaseDataIn, 100);
  f.device = static_cast<uint8_t>(tgt.device);
  ASSERT_EQ(bus.inject(f), SB_SIM_OK);
  std::vector<uint8_t> src = random_bytes(512, 1), dst(512, 0);
  initiator_command(ini, 0, {0x08, 0, 0, 0, 1, 0}, &dst, 512);
  ini.steps[3].timeout_ns = 2000000;  // 2 ms for the data phase
  ini.stop_on_error = false;
  target_command(tgt, 0x01, &src, 512, true);
  run(bus, {&ini, &tgt});
  ASSERT_GE(ini.done.size(), 4u);
  EXPECT_EQ(ini.at(3).result, SB_ERR_TIMEOUT);
  EXPECT_EQ(ini.at(3).bytes_moved, 101u) << "byte 100 was strobed before the target froze";
  EXPECT_NE(bus.wire() & sb::kBsy, 0u) << "a hung target keeps BSY";
}

TEST(Fault, TargetThatVanishesIsAnUnexpectedDisconnect) {
  SimBus bus;
  Script ini, tgt;
  ini.device = bus.attach(options(7));
  tgt.device = bus.attach(options(0));
  sb_fault f = fault(SB_FAULT_VANISH, sb::kPhaseDataIn, 100);
  f.device = static_cast<uint8_t>(tgt.device);
  ASSERT_EQ(bus.inject(f), SB_SIM_OK);
  std::vector<uint8_t> src = random_bytes(512, 1), dst(512, 0);
  initiator_command(ini, 0, {0x08, 0, 0, 0, 1, 0}, &dst, 512);
  ini.stop_on_error = false;
  target_command(tgt, 0x01, &src, 512, true);
  run(bus, {&ini, &tgt});
  ASSERT_GE(ini.done.size(), 4u);
  EXPECT_EQ(ini.at(3).result, SB_ERR_UNEXPECTED_DISCONNECT);
  EXPECT_EQ(ini.at(3).phase, sb::kPhaseBusFree);
  EXPECT_LE(ini.at(3).bytes_moved, 101u);
  EXPECT_EQ(bus.wire(), 0u) << "the initiator let go too";
}

TEST(Fault, GlitchOnADataLineIsSeenByMonitorAndParity) {
  SimBus bus;
  Script ini, tgt;
  ini.device = bus.attach(options(7));
  tgt.device = bus.attach(options(0));
  sb_fault f = fault(SB_FAULT_GLITCH, sb::kPhaseDataIn, 10);
  f.line = 9 + 3;  // DB3
  f.duration_ns = 300;
  ASSERT_EQ(bus.inject(f), SB_SIM_OK);
  std::vector<uint8_t> src(64, 0x00), dst(64, 0xEE);
  initiator_command(ini, 0, {0x08, 0, 0, 0, 1, 0}, &dst, 64);
  ini.stop_on_error = false;
  target_command(tgt, 0x01, &src, 64, true);
  ASSERT_TRUE(run(bus, {&ini, &tgt}));
  EXPECT_TRUE(has_rule(bus, SB_RULE_DATA_CHANGED_IN_WINDOW));
  EXPECT_EQ(ini.at(3).result, SB_ERR_PARITY);
  EXPECT_EQ(ini.at(3).parity_index, 10u);
  EXPECT_EQ(dst[10], 0x08) << "the glitch was on the bus when the byte was read";
}

TEST(Fault, PhaseRuleBreachIsFlaggedAndReported) {
  SimBus bus;
  Script ini, tgt;
  ini.device = bus.attach(options(7));
  tgt.device = bus.attach(options(0));
  sb_fault f = fault(SB_FAULT_PHASE_VIOLATION, sb::kPhaseDataIn, 20);
  f.duration_ns = 300;
  ASSERT_EQ(bus.inject(f), SB_SIM_OK);
  std::vector<uint8_t> src = random_bytes(64, 2), dst(64, 0);
  initiator_command(ini, 0, {0x08, 0, 0, 0, 1, 0}, &dst, 64);
  ini.stop_on_error = false;
  target_command(tgt, 0x01, &src, 64, true);
  run(bus, {&ini, &tgt}, 5000000);
  EXPECT_TRUE(has_rule(bus, SB_RULE_PHASE_CHANGED_DURING_HANDSHAKE));
  ASSERT_GE(ini.done.size(), 4u);
  EXPECT_EQ(ini.at(3).result, SB_ERR_PHASE_MISMATCH);
  EXPECT_EQ(ini.at(3).bytes_moved, 20u);
}

TEST(Fault, MonitorCatchesAResetThatIsNotHonoured) {
  SimBus bus;
  Script ini, tgt;
  ini.device = bus.attach(options(7));
  tgt.device = bus.attach(options(0));
  // A frozen target cannot let go of BSY when the bus is reset.
  sb_fault stop = fault(SB_FAULT_STOP_RESPONDING, sb::kPhaseDataIn, 4);
  stop.device = static_cast<uint8_t>(tgt.device);
  sb_fault reset = fault(SB_FAULT_RESET, sb::kPhaseDataIn, 4);
  ASSERT_EQ(bus.inject(stop), SB_SIM_OK);
  ASSERT_EQ(bus.inject(reset), SB_SIM_OK);
  std::vector<uint8_t> src = random_bytes(64, 2), dst(64, 0);
  initiator_command(ini, 0, {0x08, 0, 0, 0, 1, 0}, &dst, 64);
  ini.stop_on_error = false;
  target_command(tgt, 0x01, &src, 64, true);
  ini.steps.resize(4);  // the connection is gone after the reset: nothing more to send
  run(bus, {&ini, &tgt}, 5000000);
  bus.run(0, bus.now() + 30000, nullptr);  // until RST is released again
  EXPECT_TRUE(has_rule(bus, SB_RULE_RESET_NOT_RELEASED));
  EXPECT_EQ(ini.at(3).result, SB_ERR_BUS_RESET);
}
