// The board's USB link channel over a fake TinyUSB port: reads and writes never block, a port
// nobody opened refuses writes, a hang-up reads as kLinkClosed once, and arrivals wake managed
// code through the runtime's event.
#include <gtest/gtest.h>

#include <vector>

#include "empty_bus.h"
#include "fake_stack_frame.h"
#include "fake_tinyusb.h"
#include "test_platform.h"
#include "sb_nf/interop_layout.h"
#include "sb_nf/usb_cdc_channel.h"

namespace {

namespace nf = sb::nf;

class UsbCdcChannelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sbtest::fake_cdc() = sbtest::FakeCdcPort{};
    ASSERT_EQ(nf::kOk, sbtest::start_runtime(bus_, &channel_));
    ASSERT_EQ(nf::kOk, nf::runtime().link_open());
  }
  void TearDown() override { nf::runtime().reset_for_test(); }

  sbtest::EmptyBus bus_;
  nf::UsbCdcChannel channel_{0};
};

TEST_F(UsbCdcChannelTest, ReadsWhatTheHostSentAndNothingWhenNothingWaits) {
  uint8_t into[8] = {};
  EXPECT_EQ(0, nf::runtime().link_read(into, sizeof into));
  sbtest::fake_cdc().from_host = {1, 2, 3, 4, 5};
  EXPECT_EQ(3, nf::runtime().link_read(into, 3));
  EXPECT_EQ(1, into[0]);
  EXPECT_EQ(3, into[2]);
  EXPECT_EQ(2, nf::runtime().link_read(into, sizeof into));
  EXPECT_EQ(5, into[1]);
}

TEST_F(UsbCdcChannelTest, WritesWhatFitsNowAndFlushesIt) {
  sbtest::fake_cdc().room = 3;
  const uint8_t frame[5] = {9, 8, 7, 6, 5};
  EXPECT_EQ(3, nf::runtime().link_write(frame, sizeof frame));
  EXPECT_EQ(0, nf::runtime().link_write(frame + 3, 2));  // full: nothing now, no error
  EXPECT_EQ(1u, sbtest::fake_cdc().flushes);
  sbtest::fake_cdc().room = 64;
  EXPECT_EQ(2, nf::runtime().link_write(frame + 3, 2));
  EXPECT_EQ((std::vector<uint8_t>{9, 8, 7, 6, 5}), sbtest::fake_cdc().to_host);
  EXPECT_EQ(2u, sbtest::fake_cdc().flushes);
}

TEST_F(UsbCdcChannelTest, APortTheHostHasNotOpenedRefusesWritesAndReadsNothing) {
  sbtest::fake_cdc().dtr = false;
  sbtest::fake_cdc().from_host = {1};
  const uint8_t b = 0x55;
  EXPECT_EQ(nf::kLinkClosed, nf::runtime().link_write(&b, 1));
  uint8_t into[4];
  EXPECT_EQ(0, nf::runtime().link_read(into, sizeof into));
  sbtest::fake_cdc().mounted = false;
  sbtest::fake_cdc().dtr = true;
  EXPECT_EQ(nf::kLinkClosed, nf::runtime().link_write(&b, 1));
  EXPECT_TRUE(sbtest::fake_cdc().to_host.empty());
}

TEST_F(UsbCdcChannelTest, AHangUpReadsAsClosedOnceAndWakesTheReader) {
  channel_.on_line_state(false);
  ASSERT_EQ(1u, posted_events().size());
  EXPECT_EQ(nf::kEventLinkData, posted_events()[0].data1);
  uint8_t into[4];
  EXPECT_EQ(nf::kLinkClosed, nf::runtime().link_read(into, sizeof into));
  EXPECT_EQ(0, nf::runtime().link_read(into, sizeof into));  // the port may be opened again
  channel_.on_line_state(true);                               // opened: nothing to report
  EXPECT_EQ(1u, posted_events().size());
}

TEST_F(UsbCdcChannelTest, ArrivedBytesPostTheLinkEventWithTheCountWaiting) {
  sbtest::fake_cdc().from_host = {1, 2, 3};
  channel_.on_received();
  ASSERT_EQ(1u, posted_events().size());
  EXPECT_EQ(EVENT_CUSTOM, posted_events()[0].category);
  EXPECT_EQ(nf::kEventLinkData, posted_events()[0].data1);
  EXPECT_EQ(3u, posted_events()[0].data2);
}

TEST(UsbCdcChannelClosed, AChannelNeverOpenedReadsAndWritesClosed) {
  sbtest::fake_cdc() = sbtest::FakeCdcPort{};
  nf::UsbCdcChannel channel(0);
  uint8_t b = 0;
  EXPECT_EQ(nf::kLinkClosed, channel.read(&b, 1));
  EXPECT_EQ(nf::kLinkClosed, channel.write(&b, 1));
}

}  // namespace
