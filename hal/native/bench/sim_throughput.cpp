// Simulator throughput: one long data phase between two controllers on the simulated bus, the
// way the firmware images (READ) or restores (WRITE) a drive: one command, then the data in
// 64 KiB TRANSFER / SEND_DATA / RECEIVE_DATA pieces within the one connection. Each mode runs
// asynchronously, synchronously at Fast-5 (200 ns) and at Fast-10 (100 ns), reading (DATA IN)
// and writing (DATA OUT); each run has the bridge in both roles, initiator on one side and
// target on the other.
//
// It prints what the run cost on this machine (wall time, simulated MiB per wall second,
// bus edges and controller steps) and what it would take on the board according to the time
// model (virtual time of the data phase and the rate that gives). Figures only: nothing here
// is a pass/fail on time. The data is checked byte for byte; a mismatch exits non-zero.
//
// The modes use separate buses and share nothing, so they run on two threads unless --serial
// is given. The cpu s column is the mode's own thread time, which stays meaningful when other
// work competes for the cores.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include "harness.h"

using namespace sbtest;

namespace {

constexpr uint8_t kInitiatorId = 7;
constexpr uint8_t kTargetId = 0;
constexpr uint32_t kChunk = 64 * 1024;   // one TRANSFER / SEND_DATA, as the firmware would chunk a READ
constexpr uint32_t kBlockSize = 512;
constexpr uint32_t kDataSeed = 20240601;
constexpr uint8_t kSyncOffset = 15;

struct Mode {
  const char* name;
  uint16_t period_ns;  // 0: asynchronous
  bool write;          // DATA OUT (WRITE) instead of DATA IN (READ)
};
constexpr Mode kModes[] = {
    {"async", 0, false}, {"async", 0, true},   {"Fast-5", 200, false},
    {"Fast-5", 200, true}, {"Fast-10", 100, false}, {"Fast-10", 100, true},
};
constexpr int kModeCount = sizeof kModes / sizeof kModes[0];

struct Figures {
  Mode mode{};
  bool ok = false;
  double wall_s = 0;
  double cpu_s = -1;         // negative where the platform has no per-thread clock
  uint64_t data_virtual_ns = 0;  // from the first DATA IN REQ seen to the last TRANSFER's end
  uint64_t bytes = 0;
  uint64_t edges = 0;
  uint64_t steps = 0;
  size_t violations = 0;
  uint64_t skipped = 0;      // bytes the simulator's fast path jumped over
};

double thread_cpu_seconds() {
#ifdef CLOCK_THREAD_CPUTIME_ID
  timespec ts{};
  if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) == 0) return static_cast<double>(ts.tv_sec) + ts.tv_nsec * 1e-9;
#endif
  return -1;
}

// READ(12) / WRITE(12): a 32-bit block count, so any --mib size fits in one command.
std::vector<uint8_t> rw12_cdb(bool write, uint32_t blocks) {
  return {static_cast<uint8_t>(write ? 0xAA : 0xA8), 0, 0, 0, 0, 0,
          static_cast<uint8_t>(blocks >> 24), static_cast<uint8_t>(blocks >> 16),
          static_cast<uint8_t>(blocks >> 8), static_cast<uint8_t>(blocks), 0, 0};
}

// Runs one mode on its own bus and fills *out; out->ok stays false when the transfer failed,
// the data differs or the bus monitor flagged the run (each reported on stderr).
void run_mode(const Mode& mode, const std::vector<uint8_t>& source, const sb::sim::TimeModel& model, bool edge_level,
              Figures* out) {
  out->mode = mode;
  const bool sync = mode.period_ns != 0;
  const uint32_t total = static_cast<uint32_t>(source.size());
  std::vector<uint8_t> received(total, 0);
  // The sending side's buffer: the commands take a non-const address; senders only read it.
  std::vector<uint8_t> outgoing = source;

  SimBus bus(model);
  bus.fast_forward().set_enabled(!edge_level);
  Script ini, tgt;
  ini.device = bus.attach(options(kInitiatorId));
  tgt.device = bus.attach(options(kTargetId));

  // Both sides record the agreement up front, as if SDTR had been negotiated on an earlier
  // connection; the data phase is what is measured.
  if (sync) {
    ini.then(cmd::set_sync(kTargetId, mode.period_ns, kSyncOffset));
    tgt.then(cmd::set_sync(kInitiatorId, mode.period_ns, kSyncOffset));
  }
  ini.then(cmd::select(kTargetId)).then(cmd::message_out({0xC0})).then(
      cmd::command_out(rw12_cdb(mode.write, total / kBlockSize)));
  const size_t first_transfer = ini.steps.size();
  tgt.then(cmd::enable_selection(1u << kTargetId));
  for (uint32_t at = 0; at < total; at += kChunk) {
    const uint32_t n = total - at < kChunk ? total - at : kChunk;
    if (mode.write) {
      ini.then(cmd::transfer_at(outgoing.data() + at, n));
      tgt.then(cmd::receive_data_at(received.data() + at, n));
    } else {
      ini.then(cmd::transfer_at(received.data() + at, n));
      tgt.then(cmd::send_data_at(outgoing.data() + at, n));
    }
  }
  const size_t last_transfer = ini.steps.size() - 1;
  ini.then(cmd::status_in()).then(cmd::message_in()).then(cmd::accept());
  tgt.then(cmd::send_status(0x00)).then(cmd::send_message({0x00})).then(cmd::disconnect());
  const char* label = mode.name;

  const double cpu_start = thread_cpu_seconds();
  const auto start = std::chrono::steady_clock::now();
  const bool finished = run(bus, {&ini, &tgt});
  const auto stop = std::chrono::steady_clock::now();
  const double cpu_stop = thread_cpu_seconds();

  if (!finished || ini.done.size() != ini.steps.size() || tgt.done.size() != tgt.steps.size()) {
    fprintf(stderr, "%s: the scripts did not finish (initiator %zu of %zu commands, target %zu of %zu)\n", label,
            ini.done.size(), ini.steps.size(), tgt.done.size(), tgt.steps.size());
    if (!ini.done.empty()) fprintf(stderr, "  last initiator result %u\n", ini.last().result);
    if (!tgt.done.empty()) fprintf(stderr, "  last target result %u\n", tgt.last().result);
    return;
  }
  for (size_t i = first_transfer; i <= last_transfer; ++i) {
    const sb_completion& c = ini.at(i);
    if (c.result != SB_OK || ((c.flags & SB_CF_SYNC) != 0) != sync) {
      fprintf(stderr, "%s: TRANSFER %zu ended with result %u, flags 0x%02x\n", label, i - first_transfer, c.result,
              c.flags);
      return;
    }
  }
  if (received != source) {
    size_t first_bad = 0;
    while (first_bad < total && received[first_bad] == source[first_bad]) ++first_bad;
    fprintf(stderr, "%s: data differs, first at byte %zu\n", label, first_bad);
    return;
  }

  out->wall_s = std::chrono::duration<double>(stop - start).count();
  if (cpu_start >= 0 && cpu_stop >= 0) out->cpu_s = cpu_stop - cpu_start;
  // COMMAND_OUT completes when the target's first data REQ is seen: the data phase starts there.
  out->data_virtual_ns = ini.at(last_transfer).time_ns - ini.at(first_transfer - 1).time_ns;
  out->bytes = total;
  out->edges = bus.edges();
  out->steps = bus.steps();
  out->violations = bus.monitor().violations().size();
  out->skipped = bus.fast_forward().bytes_skipped();
  if (out->violations != 0) fprintf(stderr, "%s: the bus monitor flagged:\n%s", label, violations_text(bus).substr(0, 2000).c_str());
  out->ok = out->violations == 0;
}

void usage(const char* argv0) {
  fprintf(stderr,
          "usage: %s [--mib N] [--code-ns N] [--serial]\n"
          "  --mib N    MiB of DATA IN per mode, 1..1024 (default 16)\n"
          "  --code-ns N  the controller code's cost between two waits (default: the board model's)\n"
          "  --serial   run the modes one after the other instead of on two threads\n"
          "  --edge-level  simulate every edge (the simulator's fast path off)\n",
          argv0);
}

}  // namespace

int main(int argc, char** argv) {
  long mib = 16;
  bool serial = false;
  bool edge_level = false;
  sb::sim::TimeModel model = sb::sim::kEsp32S3Model;
  for (int i = 1; i < argc; ++i) {
    if (strcmp(argv[i], "--serial") == 0) {
      serial = true;
    } else if (strcmp(argv[i], "--edge-level") == 0) {
      edge_level = true;
    } else if (strcmp(argv[i], "--code-ns") == 0 && i + 1 < argc) {
      char* end = nullptr;
      const long ns = strtol(argv[++i], &end, 10);
      if (end == argv[i] || *end != '\0' || ns < 0 || ns > 100000) {
        usage(argv[0]);
        return 2;
      }
      model.code_ns = static_cast<uint32_t>(ns);
    } else if (strcmp(argv[i], "--mib") == 0 && i + 1 < argc) {
      char* end = nullptr;
      mib = strtol(argv[++i], &end, 10);
      if (end == argv[i] || *end != '\0' || mib < 1 || mib > 1024) {
        usage(argv[0]);
        return 2;
      }
    } else {
      usage(argv[0]);
      return 2;
    }
  }

  const std::vector<uint8_t> source = random_bytes(static_cast<size_t>(mib) << 20, kDataSeed);
  printf("%ld MiB per mode between initiator ID %u and target ID %u, %u KiB per TRANSFER; sync offset %u\n", mib,
         kInitiatorId, kTargetId, kChunk / 1024, kSyncOffset);
  printf("time model: ESP32-S3; bulk loop code %u ns between waits; modes run %s; simulator fast path %s\n\n",
         model.bulk_code_ns, serial ? "one after the other" : "on two threads at once", edge_level ? "off" : "on");

  Figures figures[kModeCount];
  int next = 0;
  std::mutex next_lock;
  const auto worker = [&] {
    for (;;) {
      int i;
      {
        std::lock_guard<std::mutex> hold(next_lock);
        if (next >= kModeCount) return;
        i = next++;
      }
      run_mode(kModes[i], source, model, edge_level, &figures[i]);
    }
  };
  if (serial) {
    worker();
  } else {
    std::thread other(worker);
    worker();
    other.join();
  }
  bool all_ok = true;
  for (const Figures& f : figures) all_ok = all_ok && f.ok;
  if (!all_ok) return 1;

  printf("%-8s %-5s %8s %8s %10s %12s %11s %12s %12s %10s %8s\n", "mode", "dir", "wall s", "cpu s", "sim MiB/s",
         "virtual ms", "board MB/s", "bus edges", "steps", "violations", "jumped");
  for (const Figures& f : figures) {
    const double mib_moved = static_cast<double>(f.bytes) / (1024.0 * 1024.0);
    const double virtual_s = static_cast<double>(f.data_virtual_ns) * 1e-9;
    char cpu[16] = "n/a";
    if (f.cpu_s >= 0) snprintf(cpu, sizeof cpu, "%.2f", f.cpu_s);
    printf("%-8s %-5s %8.2f %8s %10.2f %12.2f %11.3f %12llu %12llu %10zu %7.1f%%\n", f.mode.name,
           f.mode.write ? "write" : "read", f.wall_s, cpu, mib_moved / f.wall_s, virtual_s * 1e3,
           static_cast<double>(f.bytes) / virtual_s / 1e6, static_cast<unsigned long long>(f.edges),
           static_cast<unsigned long long>(f.steps), f.violations, 100.0 * static_cast<double>(f.skipped) / f.bytes);
  }
  printf("\nread: DATA IN (READ(12)); write: DATA OUT (WRITE(12)). Each run has a bridge as initiator and one as\n"
         "target. sim MiB/s: SCSI data moved per wall second. virtual ms: the data phase (first data REQ to the\n"
         "last TRANSFER's end) in modelled board time; board MB/s: bytes / virtual seconds (10^6 bytes), modelled.\n"
         "Bus edges and controller steps cover the whole connection. Data verified byte for byte.\n"
         "jumped: bytes the simulator's fast path moved by whole repeating cycles (the same edges and steps are\n"
         "counted as if simulated; --edge-level simulates every one).\n");
  return 0;
}
