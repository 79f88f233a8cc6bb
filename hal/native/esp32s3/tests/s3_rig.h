// Test rig: ESP32-S3 bridges (the backend through the model of the S3) on the simulated bus
// beside devices on the simulated backend.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "harness.h"
#include "s3_model.h"

namespace s3test {

// A board's table: DB0-7 on GPIO 4-11, DBP 12, MSG 13 (one GPIO_IN read), the rest spread over
// both banks.
inline sb::s3::Config board_config() {
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

inline S3Bridge attach_s3(sbtest::SimBus& bus, uint8_t id, const sb::s3::Config& c = board_config()) {
  S3Bridge b;
  b.model.reset(new sb::s3::S3Model(c));
  b.device = bus.attach_external(sbtest::options(id), *b.model);
  return b;
}

inline std::string model_errors(const S3Bridge& b) {
  std::string s;
  for (const std::string& e : b.model->errors()) s += e + "\n";
  return s;
}

}  // namespace s3test
