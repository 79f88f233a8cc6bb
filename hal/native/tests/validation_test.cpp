// Bad input gets an error status and never touches the bus.
#include <gtest/gtest.h>

#include "harness.h"
#include "scsibridge_sim.h"

using namespace sbtest;

namespace {
int submit(SimBus& bus, int dev, sb_command c) { return bus.submit(dev, c); }
}  // namespace

TEST(Validation, RefusesBadIdsLengthsAndRoles) {
  SimBus bus;
  const int dev = bus.attach(options(7));
  std::vector<uint8_t> buf(16);
  EXPECT_EQ(submit(bus, dev, cmd::select(7)), SB_ERR_INVALID) << "own ID";
  EXPECT_EQ(submit(bus, dev, cmd::select(8)), SB_ERR_INVALID) << "no ID 8 on a narrow bus";
  EXPECT_EQ(submit(bus, dev, cmd::transfer(buf, 16)), SB_ERR_INVALID) << "not connected";
  sb_command over = cmd::transfer(buf, 16);
  over.length = 17;
  EXPECT_EQ(submit(bus, dev, over), SB_ERR_INVALID) << "length over the buffer";
  sb_command null_buf = cmd::send_data(buf, 16);
  null_buf.buffer = 0;
  EXPECT_EQ(submit(bus, dev, null_buf), SB_ERR_INVALID);
  sb_command many = cmd::message_out({1});
  many.byte_count = 17;
  EXPECT_EQ(submit(bus, dev, many), SB_ERR_INVALID) << "more inline bytes than there are";
  EXPECT_EQ(submit(bus, dev, cmd::send_status(0)), SB_ERR_INVALID) << "target command, no connection";
  EXPECT_EQ(submit(bus, dev, cmd::accept()), SB_ERR_INVALID) << "no message to accept";
  EXPECT_EQ(submit(bus, dev, cmd::enable_selection(0)), SB_ERR_INVALID) << "no ID to answer";
  sb_command two = cmd::reselect(1);
  two.id_mask = 0x03;
  EXPECT_EQ(submit(bus, dev, two), SB_ERR_INVALID) << "reselect as two IDs";
  EXPECT_EQ(submit(bus, dev, cmd::set_sync(2, 200, 16)), SB_ERR_INVALID) << "offset above 15";
  sb_command unknown{};
  unknown.op = 99;
  EXPECT_EQ(submit(bus, dev, unknown), SB_ERR_INVALID);
  EXPECT_EQ(bus.wire(), 0u);
  EXPECT_FALSE(bus.has_completion(dev));
}

TEST(Validation, OneCommandAtATime) {
  SimBus bus;
  const int dev = bus.attach(options(7));
  ASSERT_EQ(submit(bus, dev, cmd::wait_reselect()), SB_OK);
  EXPECT_EQ(submit(bus, dev, cmd::wait_reselect()), SB_ERR_BUSY);
  bus.cancel(dev);
  int done = -1;
  ASSERT_EQ(bus.run(1u << dev, sb::kNever, &done), SB_RUN_COMPLETED);
  EXPECT_EQ(submit(bus, dev, cmd::wait_reselect()), SB_ERR_BUSY) << "the completion must be taken first";
  sb_completion c{};
  ASSERT_TRUE(bus.take_completion(dev, &c));
  EXPECT_EQ(c.result, SB_ERR_CANCELLED);
}

TEST(Validation, CAbiChecksItsArguments) {
  sb_sim* sim = sb_sim_create();
  ASSERT_NE(sim, nullptr);
  EXPECT_EQ(sb_sim_abi_version(), SB_SIM_ABI_VERSION);
  sb_options o = options(7);
  EXPECT_EQ(sb_sim_attach(sim, nullptr), SB_SIM_E_ARGUMENT);
  o.scsi_id = 9;
  EXPECT_EQ(sb_sim_attach(sim, &o), SB_SIM_E_ARGUMENT);
  o.scsi_id = 7;
  ASSERT_EQ(sb_sim_attach(sim, &o), 0);
  sb_command c = cmd::select(0);
  EXPECT_EQ(sb_sim_submit(sim, 1, &c), SB_SIM_E_ARGUMENT) << "no device 1";
  EXPECT_EQ(sb_sim_submit(sim, 0, nullptr), SB_SIM_E_ARGUMENT);
  sb_completion out{};
  EXPECT_EQ(sb_sim_take_completion(sim, 0, &out), 0);
  EXPECT_EQ(sb_sim_take_completion(sim, -1, &out), SB_SIM_E_ARGUMENT);
  sb_fault f{};
  f.kind = 42;
  EXPECT_EQ(sb_sim_inject(sim, &f), SB_SIM_E_ARGUMENT);
  f.kind = SB_FAULT_VANISH;
  f.device = 3;
  f.phase = SB_TRIGGER_AT_TIME;
  EXPECT_EQ(sb_sim_inject(sim, &f), SB_SIM_E_ARGUMENT) << "no device 3";
  sb_violation v{};
  EXPECT_EQ(sb_sim_get_violation(sim, 0, &v), SB_SIM_E_ARGUMENT);
  EXPECT_EQ(sb_sim_export_vcd(sim, "/nonexistent-dir/x.vcd"), SB_SIM_E_IO);
  EXPECT_EQ(sb_sim_run(nullptr, 1, 0, nullptr), SB_RUN_BAD_ARGUMENT);
  int done = -1;
  EXPECT_EQ(sb_sim_run(sim, 1, sb::kNever, &done), SB_RUN_IDLE);
  for (int i = 1; i < SB_SIM_MAX_DEVICES; ++i) {
    o.scsi_id = static_cast<uint8_t>(i - 1);
    EXPECT_EQ(sb_sim_attach(sim, &o), i);
  }
  EXPECT_EQ(sb_sim_attach(sim, &o), SB_SIM_E_FULL);
  sb_sim_destroy(sim);
}
