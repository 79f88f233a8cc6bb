// Faults with one side on the ESP32-S3 backend: parity errors at chosen bytes, a bus reset in
// every phase, disconnect and reselection, and a core-0 stall in the middle of a transfer.
#include <gtest/gtest.h>

#include "s3_rig.h"

using namespace sbtest;
using namespace s3test;

namespace {

sb_fault parity_at(uint8_t phase, uint32_t byte) {
  sb_fault f{};
  f.kind = SB_FAULT_PARITY;
  f.phase = phase;
  f.byte_index = byte;
  return f;
}

}  // namespace

class S3Parity : public ::testing::TestWithParam<std::tuple<bool, uint32_t>> {};

// The S3 side receives: as initiator in DATA IN, as target in DATA OUT; async and Fast-10.
TEST_P(S3Parity, ErrorAtChosenByteIsReportedThere) {
  const bool sync = std::get<0>(GetParam());
  const uint32_t at = std::get<1>(GetParam());
  for (bool s3_initiator : {true, false}) {
    S3Pair p(s3_initiator);
    const uint32_t n = 511;
    std::vector<uint8_t> src = random_bytes(n, at), dst(n, 0);
    if (sync) {
      p.ini.then(cmd::set_sync(0, 100, 15));
      p.tgt.then(cmd::set_sync(7, 100, 15));
    }
    const size_t base = sync ? 1 : 0;
    const bool data_in = s3_initiator;
    ASSERT_EQ(p.bus.inject(parity_at(data_in ? sb::kPhaseDataIn : sb::kPhaseDataOut, at)), SB_SIM_OK);
    initiator_command(p.ini, 0, {static_cast<uint8_t>(data_in ? 0x08 : 0x0A), 0, 0, 0, 1, 0}, data_in ? &dst : &src, n);
    target_command(p.tgt, 0x01, data_in ? &src : &dst, n, data_in);
    p.ini.stop_on_error = p.tgt.stop_on_error = false;
    ASSERT_TRUE(run(p.bus, {&p.ini, &p.tgt}));
    const sb_completion& x = data_in ? p.ini.at(base + 3) : p.tgt.at(base + 1);
    EXPECT_EQ(x.result, SB_ERR_PARITY) << (s3_initiator ? "S3 initiator" : "S3 target");
    EXPECT_EQ(x.parity_index, at);
    EXPECT_EQ(dst, src) << "the data lines themselves were right";
    EXPECT_EQ(model_errors(p.s3), "");
  }
}

INSTANTIATE_TEST_SUITE_P(Bytes, S3Parity,
                         ::testing::Combine(::testing::Bool(), ::testing::Values(0u, 17u, 510u)));

namespace {
struct ResetCase {
  uint8_t phase;
  uint32_t byte;
  bool data_in;
  bool sync;
};

void check_reset(const ResetCase& rc, bool s3_initiator) {
  S3Pair p(s3_initiator);
  std::vector<uint8_t> src = random_bytes(256, 4), dst(256, 0);
  if (rc.sync) {
    p.ini.then(cmd::set_sync(0, 200, 8));
    p.tgt.then(cmd::set_sync(7, 200, 8));
  }
  initiator_command(p.ini, 0, {static_cast<uint8_t>(rc.data_in ? 0x08 : 0x0A), 0, 0, 0, 1, 0},
                    rc.data_in ? &dst : &src, 256);
  target_command(p.tgt, 0x01, rc.data_in ? &src : &dst, 256, rc.data_in);
  sb_fault f{};
  f.kind = SB_FAULT_RESET;
  f.phase = rc.phase;
  f.byte_index = rc.byte;
  ASSERT_EQ(p.bus.inject(f), SB_SIM_OK);
  ASSERT_TRUE(run(p.bus, {&p.ini, &p.tgt}));
  EXPECT_EQ(p.ini.last().result, SB_ERR_BUS_RESET) << "phase " << int(rc.phase);
  EXPECT_EQ(p.tgt.last().result, SB_ERR_BUS_RESET) << "phase " << int(rc.phase);
  EXPECT_EQ(violations_text(p.bus), "") << "phase " << int(rc.phase);
  // Usable again afterwards.
  Script ini2, tgt2;
  ini2.device = p.ini.device;
  tgt2.device = p.tgt.device;
  std::vector<uint8_t> src2 = random_bytes(64, 8), dst2(64, 0);
  initiator_command(ini2, 0, {0x08, 0, 0, 0, 1, 0}, &dst2, 64);
  target_command(tgt2, 0x01, &src2, 64, true);
  ASSERT_TRUE(run(p.bus, {&ini2, &tgt2}));
  EXPECT_EQ(dst2, src2);
  EXPECT_EQ(violations_text(p.bus), "");
  EXPECT_EQ(model_errors(p.s3), "");
}
}  // namespace

class S3Reset : public ::testing::TestWithParam<bool> {};

TEST_P(S3Reset, InEveryPhase) {
  const ResetCase cases[] = {
      {sb::kPhaseArbitration, 0, true, false}, {sb::kPhaseSelection, 0, true, false},
      {sb::kPhaseMessageOut, 0, true, false},  {sb::kPhaseCommand, 2, true, false},
      {sb::kPhaseDataIn, 100, true, false},    {sb::kPhaseDataOut, 100, false, false},
      {sb::kPhaseDataIn, 100, true, true},     {sb::kPhaseDataOut, 100, false, true},
      {sb::kPhaseStatus, 0, true, false},      {sb::kPhaseMessageIn, 0, true, false},
  };
  for (const ResetCase& rc : cases) check_reset(rc, GetParam());
}

INSTANTIATE_TEST_SUITE_P(Roles, S3Reset, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& i) { return i.param ? "S3Initiator" : "S3Target"; });

class S3Reselection : public ::testing::TestWithParam<bool> {};

TEST_P(S3Reselection, DisconnectThenReselectCompletesTheRead) {
  S3Pair p(GetParam());
  std::vector<uint8_t> src = random_bytes(2048, 21), dst(2048, 0);
  p.ini.steps = {cmd::select(0), cmd::message_out({0xC0}), cmd::command_out({0x08, 0, 0, 0, 4, 0}),
                 cmd::message_in(), cmd::accept(), cmd::wait_reselect(), cmd::message_in(), cmd::accept(),
                 cmd::transfer(dst, 2048), cmd::status_in(), cmd::message_in(), cmd::accept()};
  p.tgt.steps = {cmd::enable_selection(0x01), cmd::send_message({0x04}), cmd::disconnect(), cmd::reselect(7),
                 cmd::send_message({0x80}), cmd::send_data(src, 2048), cmd::send_status(0),
                 cmd::send_message({0x00}), cmd::disconnect()};
  ASSERT_TRUE(run(p.bus, {&p.ini, &p.tgt}));
  EXPECT_EQ(p.ini.at(3).msg[0], 0x04);
  EXPECT_EQ(p.ini.at(5).result, SB_OK);
  EXPECT_EQ(p.ini.at(5).peer_id, 0);
  EXPECT_EQ(p.ini.at(6).msg[0], 0x80);
  EXPECT_TRUE(p.tgt.at(3).flags & SB_CF_ARBITRATED);
  EXPECT_EQ(dst, src);
  EXPECT_EQ(p.ini.last().phase, sb::kPhaseBusFree);
  EXPECT_EQ(violations_text(p.bus), "");
  EXPECT_EQ(model_errors(p.s3), "");
}

TEST(S3Selection, AnAbsentTargetTimesOut) {
  SimBus bus;
  S3Bridge s3 = attach_s3(bus, 7);
  ASSERT_EQ(bus.submit(s3.device, cmd::select(3)), SB_OK);
  int done = -1;
  ASSERT_EQ(bus.run(1u << s3.device, sb::kNever, &done), SB_RUN_COMPLETED);
  sb_completion c{};
  ASSERT_TRUE(bus.take_completion(s3.device, &c));
  EXPECT_EQ(c.result, SB_ERR_SELECTION_TIMEOUT);
  EXPECT_GE(c.time_ns, 250000000u) << "the selection timeout, counted on CCOUNT";
  EXPECT_EQ(bus.wire(), 0u) << "every line let go";
  EXPECT_EQ(violations_text(bus), "");
}

INSTANTIATE_TEST_SUITE_P(Roles, S3Reselection, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& i) { return i.param ? "S3Initiator" : "S3Target"; });

// A flash write on core 0 stalls core 1 (caches off) in the middle of a transfer: the bus
// waits for the S3 side, no rule is broken, every byte arrives, and the transfer takes longer.
class S3Stall : public ::testing::TestWithParam<std::tuple<bool, bool>> {};

TEST_P(S3Stall, MidTransferStallBreaksNothing) {
  const bool s3_initiator = std::get<0>(GetParam());
  const bool sync = std::get<1>(GetParam());
  uint64_t took[2] = {0, 0};
  for (int stalled = 0; stalled < 2; ++stalled) {
    S3Pair p(s3_initiator);
    const uint32_t n = 65536;
    std::vector<uint8_t> src = random_bytes(n, 77), dst(n, 0);
    if (sync) {
      p.ini.then(cmd::set_sync(0, 100, 15));
      p.tgt.then(cmd::set_sync(7, 100, 15));
    }
    const size_t base = sync ? 1 : 0;
    initiator_command(p.ini, 0, {0x08, 0, 0, 0, 1, 0}, &dst, n);
    target_command(p.tgt, 0x01, &src, n, true);
    if (stalled) p.s3.model->stall_at(200000, 50000);  // 50 us, 200 us in
    ASSERT_TRUE(run(p.bus, {&p.ini, &p.tgt}));
    EXPECT_EQ(dst, src);
    EXPECT_EQ(p.ini.at(base + 3).result, SB_OK);
    EXPECT_EQ(violations_text(p.bus), "");
    EXPECT_EQ(model_errors(p.s3), "");
    EXPECT_EQ(p.s3.model->stalled(), stalled == 1);
    took[stalled] = p.ini.at(base + 3).time_ns - p.ini.at(base + 2).time_ns;
  }
  EXPECT_GT(took[1], took[0] + 40000) << "the stall shows in the transfer's time";
}

INSTANTIATE_TEST_SUITE_P(RolesModes, S3Stall, ::testing::Combine(::testing::Bool(), ::testing::Bool()));
