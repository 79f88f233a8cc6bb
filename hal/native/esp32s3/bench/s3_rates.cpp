// Modelled board rates with the ESP32-S3 backend (through the model of the S3) on one side and
// the simulated backend on the other: DATA IN and DATA OUT, asynchronous, Fast-5 and Fast-10,
// the S3 bridge as initiator and as target. Virtual time over the data phase of one
// connection moving the image in 64 KiB pieces, on the board's pin table (sb/board_config.h). The S3 side's bulk-loop code is charged from
// its Xtensa count (--s3-bulk-code-ns; esp32s3/xtensa/loop-cost.sh), the other side's from
// the time model.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "harness.h"
#include "s3_model.h"
#include "sb/board_config.h"

using namespace sbtest;

namespace {

struct Result {
  double mb_s;
  bool ok;
};

Result run_one(bool s3_initiator, int mode, bool read, uint32_t total, uint32_t bulk_code_ns) {
  const uint32_t piece = 65536;
  SimBus bus;
  // The real board's pins and wiring (board/pins.csv), with a ring slot of a whole piece.
  const sb::s3::Config c = sb::s3::board_config(piece, 4096);
  sb::s3::S3Model model(c);
  if (bulk_code_ns != 0) model.set_bulk_code_ns(bulk_code_ns);
  Script ini, tgt;
  if (s3_initiator) {
    ini.device = bus.attach_external(options(7), model);
    tgt.device = bus.attach(options(0));
  } else {
    ini.device = bus.attach(options(7));
    tgt.device = bus.attach_external(options(0), model);
  }
  std::vector<uint8_t> src = random_bytes(total, 5), dst(total, 0);
  if (mode != 0) {
    const uint16_t period = mode == 1 ? 200 : 100;
    ini.then(cmd::set_sync(0, period, 15));
    tgt.then(cmd::set_sync(7, period, 15));
  }
  const size_t first = (mode != 0 ? 1 : 0) + 3;
  ini.then(cmd::select(0)).then(cmd::message_out({0xC0})).then(cmd::command_out({0x08, 0, 0, 0, 0, 0}));
  tgt.then(cmd::enable_selection(0x01));
  for (uint32_t at = 0; at < total; at += piece) {
    if (read) {
      ini.then(cmd::transfer_at(dst.data() + at, piece));
      tgt.then(cmd::send_data_at(src.data() + at, piece));
    } else {
      ini.then(cmd::transfer_at(src.data() + at, piece));
      tgt.then(cmd::receive_data_at(dst.data() + at, piece));
    }
  }
  ini.then(cmd::status_in()).then(cmd::message_in()).then(cmd::accept());
  tgt.then(cmd::send_status(0)).then(cmd::send_message({0x00})).then(cmd::disconnect());
  Result r{0, false};
  if (!run(bus, {&ini, &tgt})) return r;
  const uint64_t t0 = ini.at(first - 1).time_ns, t1 = ini.at(first - 1 + total / piece).time_ns;
  r.ok = dst == src && violations_text(bus).empty() && model.errors().empty();
  r.mb_s = static_cast<double>(total) * 1000.0 / static_cast<double>(t1 - t0);
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  uint32_t mib = 2;
  // The S3's byte-loop code between two waits, from its Xtensa count (esp32s3/xtensa/
  // loop-cost.sh) at one instruction a cycle of 4.17 ns: the count less the harness's own part
  // of each look (4 instructions above the one ee.get_gpio_in), less the accesses the model
  // charges on its own, over the waits that charge code. Receiving: 44 - 8 - 5 = 31 over two
  // waits, 65 ns. Sending: 59 - 8 - 4 (the harness's clock reads) - 8 = 39 over three, 55 ns.
  uint32_t receive_code_ns = 65, send_code_ns = 55;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--mib") == 0 && i + 1 < argc) {
      mib = static_cast<uint32_t>(std::atoi(argv[++i]));
    } else if (std::strcmp(argv[i], "--s3-bulk-code-ns") == 0 && i + 1 < argc) {
      receive_code_ns = send_code_ns = static_cast<uint32_t>(std::atoi(argv[++i]));
    } else if (std::strcmp(argv[i], "--s3-receive-code-ns") == 0 && i + 1 < argc) {
      receive_code_ns = static_cast<uint32_t>(std::atoi(argv[++i]));
    } else if (std::strcmp(argv[i], "--s3-send-code-ns") == 0 && i + 1 < argc) {
      send_code_ns = static_cast<uint32_t>(std::atoi(argv[++i]));
    } else {
      std::fprintf(stderr, "usage: sb_s3_rates [--mib N] [--s3-bulk-code-ns NS | --s3-receive-code-ns NS --s3-send-code-ns NS]\n");
      return 2;
    }
  }
  if (mib == 0 || mib > 64) {
    std::fprintf(stderr, "sb_s3_rates: --mib must be 1..64\n");
    return 2;
  }
  std::printf("ESP32-S3 backend on one side, %u MiB in 64 KiB pieces, S3 byte-loop code %u ns a wait receiving, %u sending\n",
              mib, receive_code_ns, send_code_ns);
  std::printf("%-14s %-8s %-9s %10s\n", "S3 role", "mode", "direction", "MB/s");
  const char* const modes[] = {"async", "Fast-5", "Fast-10"};
  bool all_ok = true;
  for (bool s3_initiator : {true, false}) {
    for (int mode = 0; mode < 3; ++mode) {
      for (bool read : {true, false}) {
        const bool s3_sends = s3_initiator != read;
        const Result r = run_one(s3_initiator, mode, read, mib << 20, s3_sends ? send_code_ns : receive_code_ns);
        all_ok = all_ok && r.ok;
        std::printf("%-14s %-8s %-9s %10.3f%s\n", s3_initiator ? "initiator" : "target", modes[mode],
                    read ? "DATA IN" : "DATA OUT", r.mb_s, r.ok ? "" : "  (FAILED: data, violations or model errors)");
        std::fflush(stdout);
      }
    }
  }
  return all_ok ? 0 : 1;
}
