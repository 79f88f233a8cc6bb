// The trace: every edge, named signals, and the same bytes for the same run.
#include <gtest/gtest.h>

#include <sstream>

#include "harness.h"

using namespace sbtest;

namespace {
std::string traced_inquiry() {
  SimBus bus;
  bus.trace().set_enabled(true);
  Script ini, tgt;
  ini.device = bus.attach(options(7));
  tgt.device = bus.attach(options(0));
  std::vector<uint8_t> src = random_bytes(36, 77), dst(36, 0);
  initiator_command(ini, 0, {0x12, 0, 0, 0, 36, 0}, &dst, 36);
  target_command(tgt, 0x01, &src, 36, true);
  EXPECT_TRUE(run(bus, {&ini, &tgt}));
  EXPECT_EQ(dst, src);
  return bus.vcd();
}
}  // namespace

TEST(Vcd, TwoRunsGiveIdenticalBytes) {
  const std::string a = traced_inquiry();
  const std::string b = traced_inquiry();
  EXPECT_EQ(a, b);
  EXPECT_GT(a.size(), 2000u);
}

TEST(Vcd, HeaderNamesEverySignalAndTimesIncrease) {
  const std::string v = traced_inquiry();
  for (const char* name : {"BSY", "SEL", "ATN", "ACK", "RST", "MSG", "C_D", "I_O", "REQ", "DB0", "DB7", "DBP"}) {
    EXPECT_NE(v.find(std::string(" ") + name + " $end"), std::string::npos) << name;
  }
  EXPECT_NE(v.find("$timescale 1ns $end"), std::string::npos);
  EXPECT_NE(v.find("$enddefinitions $end"), std::string::npos);
  std::istringstream in(v);
  std::string line;
  unsigned long long last = 0;
  int stamps = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] != '#') continue;
    const unsigned long long t = std::stoull(line.substr(1));
    EXPECT_GE(t, last);
    last = t;
    ++stamps;
  }
  // 36 data bytes alone need REQ and ACK up and down: well over a hundred instants.
  EXPECT_GT(stamps, 150);
}

// sigrok, and PulseView with it, reads 1-bit variables only: one vector and it reads nothing.
TEST(Vcd, EverySignalIsOneBitWide) {
  const std::string v = traced_inquiry();
  std::istringstream in(v);
  std::string line;
  int vars = 0;
  while (std::getline(in, line)) {
    if (line.rfind("$var ", 0) == 0) {
      EXPECT_EQ(line.rfind("$var wire 1 ", 0), 0u) << line;
      ++vars;
    }
    EXPECT_NE(line[0], 'b') << "a vector value: " << line;
  }
  EXPECT_EQ(vars, 18);
}

TEST(Vcd, OffByDefault) {
  SimBus bus;
  Script ini, tgt;
  ini.device = bus.attach(options(7));
  tgt.device = bus.attach(options(0));
  initiator_command(ini, 0, {0x00, 0, 0, 0, 0, 0}, nullptr, 0);
  target_command(tgt, 0x01, nullptr, 0, true);
  ASSERT_TRUE(run(bus, {&ini, &tgt}));
  EXPECT_EQ(bus.trace().size(), 0u);
  EXPECT_GT(bus.edges(), 50u);
}
