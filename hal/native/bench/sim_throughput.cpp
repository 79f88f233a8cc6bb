// Simulator throughput: one long DATA IN between two controllers on the simulated bus, run
// once asynchronously and once synchronously, the way the firmware images a drive (one READ,
// then the data in 64 KiB TRANSFER / SEND_DATA pieces within the one connection).
//
// It prints what the run cost on this machine (wall time, simulated MiB per wall second,
// bus edges and controller steps) and what it would take on the board according to the time
// model (virtual time of the data phase and the rate that gives). Figures only: nothing here
// is a pass/fail on time. The data is checked byte for byte; a mismatch exits non-zero.
//
// The two modes use separate buses and share nothing, so they run on two threads unless
// --serial is given: the simulator costs most of a microsecond of host time per byte, and a
// 16 MiB run per mode is long enough that doing both at once matters. The cpu s column is
// the mode's own thread time, which stays meaningful when other work competes for the cores.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <chrono>
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
constexpr uint16_t kSyncPeriodNs = 200;  // 5 MB/s: the board's fastest agreement
constexpr uint8_t kSyncOffset = 15;

struct Figures {
  const char* mode = "";
  bool ok = false;
  double wall_s = 0;
  double cpu_s = -1;         // negative where the platform has no per-thread clock
  uint64_t data_virtual_ns = 0;  // from the first DATA IN REQ seen to the last TRANSFER's end
  uint64_t bytes = 0;
  uint64_t edges = 0;
  uint64_t steps = 0;
  size_t violations = 0;
};

double thread_cpu_seconds() {
#ifdef CLOCK_THREAD_CPUTIME_ID
  timespec ts{};
  if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) == 0) return static_cast<double>(ts.tv_sec) + ts.tv_nsec * 1e-9;
#endif
  return -1;
}

// READ(12): a 32-bit block count, so any --mib size fits in one command.
std::vector<uint8_t> read12_cdb(uint32_t blocks) {
  return {0xA8, 0, 0, 0, 0, 0,
          static_cast<uint8_t>(blocks >> 24), static_cast<uint8_t>(blocks >> 16),
          static_cast<uint8_t>(blocks >> 8), static_cast<uint8_t>(blocks), 0, 0};
}

// Runs one mode on its own bus and fills *out; out->ok stays false when the transfer failed,
// the data differs or the bus monitor flagged the run (each reported on stderr).
void run_mode(const char* mode, bool sync, const std::vector<uint8_t>& source, const sb::sim::TimeModel& model,
              Figures* out) {
  out->mode = mode;
  const uint32_t total = static_cast<uint32_t>(source.size());
  std::vector<uint8_t> received(total, 0);
  // SEND_DATA takes a non-const buffer address; the target only reads from it.
  std::vector<uint8_t> outgoing = source;

  SimBus bus(model);
  Script ini, tgt;
  ini.device = bus.attach(options(kInitiatorId));
  tgt.device = bus.attach(options(kTargetId));

  // Both sides record the agreement up front, as if SDTR had been negotiated on an earlier
  // connection; the data phase is what is measured.
  if (sync) {
    ini.then(cmd::set_sync(kTargetId, kSyncPeriodNs, kSyncOffset));
    tgt.then(cmd::set_sync(kInitiatorId, kSyncPeriodNs, kSyncOffset));
  }
  ini.then(cmd::select(kTargetId)).then(cmd::message_out({0xC0})).then(cmd::command_out(read12_cdb(total / kBlockSize)));
  const size_t first_transfer = ini.steps.size();
  tgt.then(cmd::enable_selection(1u << kTargetId));
  for (uint32_t at = 0; at < total; at += kChunk) {
    const uint32_t n = total - at < kChunk ? total - at : kChunk;
    ini.then(cmd::transfer_at(received.data() + at, n));
    tgt.then(cmd::send_data_at(outgoing.data() + at, n));
  }
  const size_t last_transfer = ini.steps.size() - 1;
  ini.then(cmd::status_in()).then(cmd::message_in()).then(cmd::accept());
  tgt.then(cmd::send_status(0x00)).then(cmd::send_message({0x00})).then(cmd::disconnect());

  const double cpu_start = thread_cpu_seconds();
  const auto start = std::chrono::steady_clock::now();
  const bool finished = run(bus, {&ini, &tgt});
  const auto stop = std::chrono::steady_clock::now();
  const double cpu_stop = thread_cpu_seconds();

  if (!finished || ini.done.size() != ini.steps.size() || tgt.done.size() != tgt.steps.size()) {
    fprintf(stderr, "%s: the scripts did not finish (initiator %zu of %zu commands, target %zu of %zu)\n", mode,
            ini.done.size(), ini.steps.size(), tgt.done.size(), tgt.steps.size());
    if (!ini.done.empty()) fprintf(stderr, "  last initiator result %u\n", ini.last().result);
    if (!tgt.done.empty()) fprintf(stderr, "  last target result %u\n", tgt.last().result);
    return;
  }
  for (size_t i = first_transfer; i <= last_transfer; ++i) {
    const sb_completion& c = ini.at(i);
    if (c.result != SB_OK || ((c.flags & SB_CF_SYNC) != 0) != sync) {
      fprintf(stderr, "%s: TRANSFER %zu ended with result %u, flags 0x%02x\n", mode, i - first_transfer, c.result,
              c.flags);
      return;
    }
  }
  if (received != source) {
    size_t first_bad = 0;
    while (first_bad < total && received[first_bad] == source[first_bad]) ++first_bad;
    fprintf(stderr, "%s: data differs, first at byte %zu\n", mode, first_bad);
    return;
  }

  out->wall_s = std::chrono::duration<double>(stop - start).count();
  if (cpu_start >= 0 && cpu_stop >= 0) out->cpu_s = cpu_stop - cpu_start;
  // COMMAND_OUT completes when the target's first DATA IN REQ is seen: the data phase starts there.
  out->data_virtual_ns = ini.at(last_transfer).time_ns - ini.at(first_transfer - 1).time_ns;
  out->bytes = total;
  out->edges = bus.edges();
  out->steps = bus.steps();
  out->violations = bus.monitor().violations().size();
  if (out->violations != 0) fprintf(stderr, "%s: the bus monitor flagged:\n%s", mode, violations_text(bus).c_str());
  out->ok = out->violations == 0;
}

void usage(const char* argv0) {
  fprintf(stderr,
          "usage: %s [--mib N] [--code-ns N] [--serial]\n"
          "  --mib N    MiB of DATA IN per mode, 1..1024 (default 16)\n"
          "  --code-ns N  the controller code's cost between two waits (default: the board model's)\n"
          "  --serial   run the async and sync modes one after the other instead of on two threads\n",
          argv0);
}

}  // namespace

int main(int argc, char** argv) {
  long mib = 16;
  bool serial = false;
  sb::sim::TimeModel model = sb::sim::kEsp32S3Model;
  for (int i = 1; i < argc; ++i) {
    if (strcmp(argv[i], "--serial") == 0) {
      serial = true;
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
  printf("DATA IN of %ld MiB, initiator ID %u reads from target ID %u, %u KiB per TRANSFER\n", mib, kInitiatorId,
         kTargetId, kChunk / 1024);
  printf("sync agreement: period %u ns, offset %u; modes run %s\n", kSyncPeriodNs, kSyncOffset,
         serial ? "one after the other" : "on two threads at once");
  printf("time model: ESP32-S3 pin costs, controller code %u ns between waits\n\n", model.code_ns);

  Figures figures[2];
  const auto run_async = [&] { run_mode("async", false, source, model, &figures[0]); };
  const auto run_sync = [&] { run_mode("sync", true, source, model, &figures[1]); };
  if (serial) {
    run_async();
    run_sync();
  } else {
    std::thread other(run_sync);
    run_async();
    other.join();
  }
  if (!figures[0].ok || !figures[1].ok) return 1;

  printf("%-6s %8s %8s %10s %12s %11s %12s %12s %10s\n", "mode", "wall s", "cpu s", "sim MiB/s", "virtual ms",
         "board MB/s", "bus edges", "steps", "violations");
  for (const Figures& f : figures) {
    const double mib_moved = static_cast<double>(f.bytes) / (1024.0 * 1024.0);
    const double virtual_s = static_cast<double>(f.data_virtual_ns) * 1e-9;
    char cpu[16] = "n/a";
    if (f.cpu_s >= 0) snprintf(cpu, sizeof cpu, "%.2f", f.cpu_s);
    printf("%-6s %8.2f %8s %10.2f %12.2f %11.3f %12llu %12llu %10zu\n", f.mode, f.wall_s, cpu, mib_moved / f.wall_s,
           virtual_s * 1e3, static_cast<double>(f.bytes) / virtual_s / 1e6, static_cast<unsigned long long>(f.edges),
           static_cast<unsigned long long>(f.steps), f.violations);
  }
  printf("\nsim MiB/s: SCSI data moved per wall second. virtual ms: the data phase (first DATA IN REQ to the\n"
         "last TRANSFER's end) in modelled board time; board MB/s: bytes / virtual seconds (10^6 bytes).\n"
         "Bus edges and controller steps cover the whole connection. Data verified byte for byte.\n");
  return 0;
}
