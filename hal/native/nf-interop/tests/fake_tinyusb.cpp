#include "fake_tinyusb.h"

#include <gtest/gtest.h>

#include "sb_nf/tinyusb_cdc.h"

namespace sbtest {

FakeCdcPort& fake_cdc() {
  static FakeCdcPort port;
  return port;
}

}  // namespace sbtest

using sbtest::fake_cdc;

extern "C" {
bool tud_mounted(void) { return fake_cdc().mounted; }
bool tud_cdc_n_connected(uint8_t itf) {
  EXPECT_EQ(0, itf);
  return fake_cdc().mounted && fake_cdc().dtr;
}
uint32_t tud_cdc_n_available(uint8_t itf) {
  EXPECT_EQ(0, itf);
  return static_cast<uint32_t>(fake_cdc().from_host.size());
}
uint32_t tud_cdc_n_read(uint8_t itf, void* buffer, uint32_t bufsize) {
  EXPECT_EQ(0, itf);
  auto& in = fake_cdc().from_host;
  const uint32_t n = bufsize < in.size() ? bufsize : static_cast<uint32_t>(in.size());
  uint8_t* to = static_cast<uint8_t*>(buffer);
  for (uint32_t i = 0; i < n; ++i) to[i] = in[i];
  in.erase(in.begin(), in.begin() + n);
  return n;
}
uint32_t tud_cdc_n_write_available(uint8_t itf) {
  EXPECT_EQ(0, itf);
  return fake_cdc().room;
}
uint32_t tud_cdc_n_write(uint8_t itf, void const* buffer, uint32_t bufsize) {
  EXPECT_EQ(0, itf);
  const uint32_t n = bufsize < fake_cdc().room ? bufsize : fake_cdc().room;
  const uint8_t* from = static_cast<const uint8_t*>(buffer);
  fake_cdc().to_host.insert(fake_cdc().to_host.end(), from, from + n);
  fake_cdc().room -= n;
  return n;
}
uint32_t tud_cdc_n_write_flush(uint8_t itf) {
  EXPECT_EQ(0, itf);
  ++fake_cdc().flushes;
  return 0;
}
}
