// A TinyUSB CDC port for the host tests: what the host has sent waits in `from_host`, what
// the device wrote lands in `to_host`, the transmit buffer has `room` bytes free, and the
// port is enumerated (`mounted`) and opened by the host (`dtr`) as a test sets.
#pragma once
#include <stdint.h>

#include <vector>

namespace sbtest {

struct FakeCdcPort {
  bool mounted = true;
  bool dtr = true;
  uint32_t room = 4096;
  uint32_t flushes = 0;
  std::vector<uint8_t> from_host, to_host;
};

FakeCdcPort& fake_cdc();  // interface 0; the fake refuses any other

}  // namespace sbtest
