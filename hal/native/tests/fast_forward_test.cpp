// The simulator's fast path must not change anything but the wall time: every transfer below
// runs twice, edge by edge and with the fast path, and every completion field, every byte
// received, the bus clock, the edge and step counts and the monitor's findings must be equal.
#include <gtest/gtest.h>
#include <string.h>

#include "harness.h"

using namespace sbtest;

namespace {

struct Case {
  const char* name;
  uint16_t period_ns;  // 0: asynchronous
  uint8_t offset;
  bool write;
  uint32_t bytes;
  uint32_t initiator_chunk;  // bytes per TRANSFER
  uint32_t target_chunk;     // bytes per SEND_DATA / RECEIVE_DATA
  uint64_t transfer_timeout_ns;  // on every TRANSFER; 0: none
  uint64_t reset_at_ns;          // a bus reset fault at this time; 0: none
};

struct Outcome {
  std::vector<sb_completion> initiator, target;
  std::vector<uint8_t> received;
  uint64_t now = 0, edges = 0, steps = 0, skipped = 0;
  std::string violations;
};

Outcome run_case(const Case& c, bool fast) {
  SimBus bus;
  bus.fast_forward().set_enabled(fast);
  Script ini, tgt;
  ini.device = bus.attach(options(7));
  tgt.device = bus.attach(options(0));
  ini.stop_on_error = false;
  tgt.stop_on_error = false;
  std::vector<uint8_t> source = random_bytes(c.bytes, c.bytes * 7u + c.period_ns);
  Outcome out;
  out.received.assign(c.bytes, 0);
  if (c.period_ns != 0) {
    ini.then(cmd::set_sync(0, c.period_ns, c.offset));
    tgt.then(cmd::set_sync(7, c.period_ns, c.offset));
  }
  const uint32_t blocks = (c.bytes + 511) / 512;
  ini.then(cmd::select(0)).then(cmd::message_out({0xC0}));
  ini.then(cmd::command_out({static_cast<uint8_t>(c.write ? 0xAA : 0xA8), 0, 0, 0, 0, 0,
                             static_cast<uint8_t>(blocks >> 24), static_cast<uint8_t>(blocks >> 16),
                             static_cast<uint8_t>(blocks >> 8), static_cast<uint8_t>(blocks), 0, 0}));
  tgt.then(cmd::enable_selection(0x01));
  uint8_t* ini_buffer = c.write ? source.data() : out.received.data();
  uint8_t* tgt_buffer = c.write ? out.received.data() : source.data();
  for (uint32_t at = 0; at < c.bytes; at += c.initiator_chunk) {
    const uint32_t n = c.bytes - at < c.initiator_chunk ? c.bytes - at : c.initiator_chunk;
    sb_command x = cmd::transfer_at(ini_buffer + at, n);
    x.timeout_ns = c.transfer_timeout_ns;
    ini.then(x);
  }
  for (uint32_t at = 0; at < c.bytes; at += c.target_chunk) {
    const uint32_t n = c.bytes - at < c.target_chunk ? c.bytes - at : c.target_chunk;
    tgt.then(c.write ? cmd::receive_data_at(tgt_buffer + at, n) : cmd::send_data_at(tgt_buffer + at, n));
  }
  ini.then(cmd::status_in()).then(cmd::message_in()).then(cmd::accept());
  tgt.then(cmd::send_status(0x00)).then(cmd::send_message({0x00})).then(cmd::disconnect());
  if (c.reset_at_ns != 0) {
    sb_fault f{};
    f.kind = SB_FAULT_RESET;
    f.phase = SB_TRIGGER_AT_TIME;
    f.time_ns = c.reset_at_ns;
    EXPECT_EQ(bus.inject(f), SB_SIM_OK);
  }
  // Bounded in virtual time: a run that would hang ends here and shows as a difference.
  run(bus, {&ini, &tgt}, 2000000000ull);
  out.initiator = ini.done;
  out.target = tgt.done;
  out.now = bus.now();
  out.edges = bus.edges();
  out.steps = bus.steps();
  out.skipped = bus.fast_forward().bytes_skipped();
  out.violations = violations_text(bus);
  return out;
}

void expect_same(const std::vector<sb_completion>& a, const std::vector<sb_completion>& b, const char* who) {
  ASSERT_EQ(a.size(), b.size()) << who;
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(memcmp(&a[i], &b[i], sizeof(sb_completion)), 0)
        << who << " completion " << i << ": op " << int(a[i].op) << " result " << int(a[i].result) << "/"
        << int(b[i].result) << " moved " << a[i].bytes_moved << "/" << b[i].bytes_moved << " time " << a[i].time_ns
        << "/" << b[i].time_ns;
  }
}

class FastForward : public ::testing::TestWithParam<Case> {};

TEST_P(FastForward, IsIdenticalToEdgeByEdge) {
  const Case& c = GetParam();
  const Outcome slow = run_case(c, false);
  const Outcome fast = run_case(c, true);
  EXPECT_EQ(slow.skipped, 0u);
  expect_same(slow.initiator, fast.initiator, "initiator");
  expect_same(slow.target, fast.target, "target");
  EXPECT_TRUE(slow.received == fast.received) << "received bytes differ";
  EXPECT_EQ(slow.now, fast.now);
  EXPECT_EQ(slow.edges, fast.edges);
  EXPECT_EQ(slow.steps, fast.steps);
  EXPECT_EQ(slow.violations, fast.violations);
  // Long transfers without faults or deadlines must actually take the fast path.
  if (c.bytes >= 100000 && c.reset_at_ns == 0 && c.transfer_timeout_ns == 0) {
    EXPECT_GT(fast.skipped, c.bytes / 2);
  }
}

constexpr uint32_t k64K = 65536;

INSTANTIATE_TEST_SUITE_P(
    Transfers, FastForward,
    ::testing::Values(
        Case{"AsyncRead1", 0, 0, false, 1, k64K, k64K, 0, 0},
        Case{"AsyncRead511", 0, 0, false, 511, k64K, k64K, 0, 0},
        Case{"AsyncRead200000", 0, 0, false, 200000, k64K, k64K, 0, 0},
        Case{"AsyncReadSmallTransfers", 0, 0, false, 200000, 4096, k64K, 0, 0},
        Case{"AsyncWriteOut", 0, 0, true, 200000, k64K, 5000, 0, 0},
        Case{"AsyncReadChunksDiffer", 0, 0, false, 150000, 4096, 30000, 0, 0},
        Case{"Fast5Read", 200, 15, false, 200000, k64K, k64K, 0, 0},
        Case{"Fast5Write", 200, 15, true, 200000, k64K, k64K, 0, 0},
        Case{"Fast10Read", 100, 15, false, 200000, k64K, k64K, 0, 0},
        Case{"Fast10Write", 100, 15, true, 200000, 4096, k64K, 0, 0},
        Case{"Fast10Offset1", 100, 1, false, 100000, k64K, k64K, 0, 0},
        Case{"Sync200Offset8ChunksDiffer", 200, 8, false, 120000, 10000, 7000, 0, 0},
        Case{"AsyncTimeoutMidTransfer", 0, 0, false, 200000, k64K, k64K, 3000000, 0},
        Case{"AsyncResetMidTransfer", 0, 0, false, 200000, k64K, k64K, 0, 5000000},
        Case{"Fast10ResetMidTransfer", 100, 15, true, 200000, k64K, k64K, 0, 4000000}),
    [](const ::testing::TestParamInfo<Case>& info) { return std::string(info.param.name); });

}  // namespace
