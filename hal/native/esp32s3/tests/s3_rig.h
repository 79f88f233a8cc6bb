// Test rig: ESP32-S3 bridges (the backend through the model of the S3) on the simulated bus
// beside devices on the simulated backend, on the real board's pin table unless a test says.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "harness.h"
#include "s3_model.h"
#include "sb/board_config.h"

namespace s3test {

// The real board's table (board/pins.csv through sb/board_config.h): wired-OR lines sensed on one
// GPIO and driven on another, DATA_OE_N and ROLE; a ring slot that takes 64 KiB transfers.
inline sb::s3::Config real_board_config() { return sb::s3::board_config(65536, 4096); }

// A table with one open-drain pad a line and no transceiver controls: DB0-7 on GPIO 4-11, DBP
// 12, MSG 13 (one GPIO_IN read), the rest spread over both banks.
inline sb::s3::Config one_pad_config() {
  sb::s3::Config c{};
  const uint8_t pins[sb::s3::kSignals] = {4, 5, 6, 7, 8, 9, 10, 11,  // DB0-7
                                          12,                        // DBP
                                          14, 15, 16, 17, 18,        // BSY SEL ATN ACK RST
                                          13,                        // MSG
                                          21, 38, 39};               // C/D I/O REQ
  for (int i = 0; i < sb::s3::kSignals; ++i) c.pins.gpio[i] = pins[i];
  c.ring_slot_bytes = 65536;
  c.capture_entries = 4096;
  return c;
}

struct S3Bridge {
  std::unique_ptr<sb::s3::S3Model> model;
  int device = -1;
};

inline S3Bridge attach_s3(sbtest::SimBus& bus, uint8_t id, const sb::s3::Config& c = real_board_config()) {
  S3Bridge b;
  b.model.reset(new sb::s3::S3Model(c));
  b.device = bus.attach_external(sbtest::options(id), *b.model);
  return b;
}

// A bus with an initiator (ID 7) and a target (ID 0), one of them the S3 bridge, the other on
// the simulated backend, each with its script.
struct S3Pair {
  sbtest::SimBus bus;
  sbtest::Script ini, tgt;
  S3Bridge s3;
  explicit S3Pair(bool s3_initiator) {
    if (s3_initiator) {
      s3 = attach_s3(bus, 7);
      ini.device = s3.device;
      tgt.device = bus.attach(sbtest::options(0));
    } else {
      ini.device = bus.attach(sbtest::options(7));
      s3 = attach_s3(bus, 0);
      tgt.device = s3.device;
    }
  }
};

inline std::string model_errors(const S3Bridge& b) {
  std::string s;
  for (const std::string& e : b.model->errors()) s += e + "\n";
  return s;
}

}  // namespace s3test
