// The board's ESP-IDF accessors (esp32s3/board/*_idf.cpp) on the host, against fakes of the
// ESP-IDF calls (fake_idf.h): their own logic only (what they ask of the drivers, how they
// refuse and let go, the i80 clock they choose, the camera ring's count). The chip's
// behaviour is not modelled here; nothing of this ran on an ESP32-S3.
#include <gtest/gtest.h>

#include "fake_idf.h"
#include "s3_board_idf.h"
#include "sb/s3_hw.h"

using sb::s3::PinError;

namespace {

const uint8_t kData[9] = {4, 5, 6, 7, 8, 9, 10, 11, 12};  // DB0-7, DBP
const uint8_t kIn[8] = {13, 14, 15, 16, 17, 18, 21, 38};
const uint8_t kCam[sb::s3::kCamBits] = {4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 39, 21, 38, 18};

class BoardIdf : public ::testing::Test {
 protected:
  void SetUp() override { fake_idf::reset(); }
  void TearDown() override { sb::s3::board_release(); }
  fake_idf::State& idf() { return fake_idf::state(); }
};

}  // namespace

TEST_F(BoardIdf, PadsAreConfiguredByModeWithoutPulls) {
  EXPECT_TRUE(sb::s3::gpio_open_drain(40));
  EXPECT_TRUE(sb::s3::gpio_input(41));
  EXPECT_TRUE(sb::s3::gpio_output(42));
  ASSERT_EQ(idf().od_masks.size(), 1u);
  EXPECT_EQ(idf().od_masks[0], 1ull << 40);
  EXPECT_EQ(idf().input_masks.at(0), 1ull << 41);
  EXPECT_EQ(idf().output_masks.at(0), 1ull << 42);
  idf().refuse_gpio_config = true;
  EXPECT_FALSE(sb::s3::gpio_open_drain(40));
}

TEST_F(BoardIdf, TheOutBundleIsOpenDrainAndReleasedFromChannelZero) {
  ASSERT_EQ(sb::s3::dedic_out_bundle(kData), PinError::kNone);
  EXPECT_EQ(idf().od_masks.size(), 8u) << "each DB pad open drain before the bundle";
  ASSERT_EQ(idf().bundles.size(), 1u);
  EXPECT_TRUE(idf().bundles[0].out);
  EXPECT_EQ(idf().bundles[0].gpios, std::vector<int>(kData, kData + 8)) << "channel k is gpios[k]";
  EXPECT_EQ(idf().bundles[0].written_mask, 0xFFu);
  EXPECT_EQ(idf().bundles[0].written_value, 0xFFu) << "every channel released at once";
  EXPECT_EQ(sb::s3::g_gpio_regs[0x08 >> 2], 1u << kData[7]) << "GPIO_OUT_W1TS: each DB pad's register set high first";
  EXPECT_EQ(sb::s3::dedic_in_bundle(kIn), PinError::kNone);
  EXPECT_FALSE(idf().bundles[1].out);
}

TEST_F(BoardIdf, ABundleOffCoreOneOrNotFromChannelZeroIsRefused) {
  idf().core_id = 0;
  EXPECT_EQ(sb::s3::dedic_out_bundle(kData), PinError::kNotOnBusCore);
  EXPECT_TRUE(idf().bundles.empty()) << "no bundle made on the wrong core";
  idf().core_id = 1;
  idf().bundle_offset = 2;
  EXPECT_EQ(sb::s3::dedic_in_bundle(kIn), PinError::kDedicBundleRefused);
  ASSERT_EQ(idf().bundles.size(), 1u);
  EXPECT_TRUE(idf().bundles[0].deleted) << "a bundle from another channel is given back";
}

TEST_F(BoardIdf, StreamsClaimUnitsZeroAndOneAndLetEverythingGo) {
  ASSERT_EQ(sb::s3::streams_open(kData, kCam), PinError::kNone);
  EXPECT_EQ(idf().pcnt_units_live, 2);
  EXPECT_EQ(idf().unit_high_limit[0], static_cast<int>(sb::s3::kPcntHighLimit));
  EXPECT_EQ(idf().unit_high_limit[1], static_cast<int>(sb::s3::kPcntHighLimit));
  EXPECT_EQ(idf().gdma_channels_live, 2);
  EXPECT_EQ(idf().lcd_cam_module_refs, 1);
  sb::s3::board_release();
  EXPECT_EQ(idf().pcnt_units_live, 0);
  EXPECT_EQ(idf().pcnt_channels_live, 0);
  EXPECT_EQ(idf().gdma_channels_live, 0);
  EXPECT_EQ(idf().lcd_cam_module_refs, 0);
}

TEST_F(BoardIdf, UnitsOtherThanZeroAndOneAreRefusedAndGivenBack) {
  idf().first_free_pcnt_unit = 1;  // someone holds unit 0
  EXPECT_EQ(sb::s3::streams_open(kData, kCam), PinError::kPcntUnitTaken);
  sb::s3::board_release();
  EXPECT_EQ(idf().pcnt_units_live, 0);
}

TEST_F(BoardIdf, ARefusedDmaChannelRefusesTheStreamsAndLeavesNothingClaimed) {
  idf().refuse_rx_channel = true;
  EXPECT_EQ(sb::s3::streams_open(kData, kCam), PinError::kStreamRefused);
  sb::s3::board_release();
  EXPECT_EQ(idf().gdma_channels_live, 0);
  EXPECT_EQ(idf().pcnt_units_live, 0);
  EXPECT_EQ(idf().lcd_cam_module_refs, 0);
}

// Each half of WR is (div * prescale / 2) cycles of 240 MHz: never shorter than the longer width
// asked, and the shortest such period the dividers allow below 64 ticks a half.
TEST_F(BoardIdf, TheStrobePeriodCoversBothWidths) {
  ASSERT_EQ(sb::s3::streams_open(kData, kCam), PinError::kNone);
  for (uint32_t a = 1; a <= 2000; a += 7) {
    const uint32_t n = a / 2u + 3u;
    sb::s3::i80_start(20, false, 10, a, n);
    const uint32_t half = static_cast<uint32_t>(idf().lcd_div) * (idf().lcd_prescale / 2u);
    const uint32_t want = a > n ? a : n;
    EXPECT_GE(half, want) << "assert " << a << " negate " << n;
    EXPECT_EQ(idf().lcd_prescale % 2u, 0u);
    EXPECT_LE(idf().lcd_prescale, 64u);
    EXPECT_GE(idf().lcd_div, 2);
    if (idf().lcd_div > 2) {
      EXPECT_GT(2u * ((want + idf().lcd_div - 2u) / (idf().lcd_div - 1u)), 64u) << "a smaller divider would do";
    }
    sb::s3::i80_stop();
  }
  sb::s3::i80_start(20, false, 10, 8, 8);  // Fast-10: 30 ns a half, 8 cycles
  EXPECT_EQ(idf().lcd_div, 2);
  EXPECT_EQ(idf().lcd_prescale, 8u);
  sb::s3::i80_stop();
}

TEST_F(BoardIdf, TheFirstDescriptorStartsTheDmaAndLaterOnesAreLinked) {
  ASSERT_EQ(sb::s3::streams_open(kData, kCam), PinError::kNone);
  sb::s3::GdmaDescriptor d[3] = {};
  sb::s3::i80_start(20, true, 30, 8, 8);
  sb::s3::gdma_out_append(&d[0]);
  EXPECT_EQ(idf().tx_started_at, reinterpret_cast<intptr_t>(&d[0]));
  EXPECT_TRUE(idf().lcd_started);
  EXPECT_EQ(idf().tx_appends, 0);
  sb::s3::gdma_out_append(&d[1]);
  sb::s3::gdma_out_append(&d[2]);
  EXPECT_EQ(d[0].next, &d[1]);
  EXPECT_EQ(d[1].next, &d[2]);
  EXPECT_EQ(idf().tx_appends, 2);
  sb::s3::i80_stop();
  EXPECT_FALSE(idf().lcd_started);
}

TEST_F(BoardIdf, AFailedAppendStopsTheInterfaceAndIsCounted) {
  ASSERT_EQ(sb::s3::streams_open(kData, kCam), PinError::kNone);
  sb::s3::GdmaDescriptor d[3] = {};
  const uint32_t errors = sb::s3::board::stream_errors();
  sb::s3::i80_start(20, true, 30, 8, 8);
  sb::s3::gdma_out_append(&d[0]);
  idf().fail_gdma_append = true;
  sb::s3::gdma_out_append(&d[1]);
  EXPECT_FALSE(idf().lcd_started) << "no pulse beyond those the DMA already has";
  EXPECT_EQ(sb::s3::board::stream_errors(), errors + 1u);
  idf().fail_gdma_append = false;
  sb::s3::gdma_out_append(&d[2]);
  EXPECT_EQ(idf().tx_appends, 0) << "the stream stays stopped until the next i80_start";
  sb::s3::i80_stop();
}

TEST_F(BoardIdf, TheStrobeCountIsUnitOnesRegister) {
  ASSERT_EQ(sb::s3::streams_open(kData, kCam), PinError::kNone);
  idf().unit_count[1] = 32766;
  EXPECT_EQ(sb::s3::i80_pulses_done(), 32766u);
  idf().unit_count[0] = 5;
  EXPECT_EQ(sb::s3::i80_pulses_done(), 32766u) << "unit 1, not unit 0";
}

// The DMA's writes simulated: entries with their top two bits 0 land in the ring in order; the
// count follows them exactly however the writes and the looks interleave, round the ring many
// times, as long as the look comes within half a ring.
TEST_F(BoardIdf, TheCameraCountFollowsTheDmaRoundTheRing) {
  ASSERT_EQ(sb::s3::streams_open(kData, kCam), PinError::kNone);
  static uint16_t ring[4096];
  sb::s3::cam_start(21, ring, 4096);
  EXPECT_EQ(idf().cam_bytelen, 2047u) << "EOF after each 2048-byte descriptor";
  for (uint16_t v : ring) ASSERT_EQ(v, 0xFFFFu);
  EXPECT_EQ(sb::s3::cam_written(), 0u);
  uint32_t written = 0, seed = 7;
  for (int round = 0; round < 2000; ++round) {
    seed = seed * 1103515245u + 12345u;
    const uint32_t burst = (seed >> 16) % 16u;  // at most the offset between looks
    for (uint32_t k = 0; k < burst; ++k, ++written) ring[written & 4095u] = static_cast<uint16_t>(written & 0x3FFFu);
    ASSERT_EQ(sb::s3::cam_written(), written) << "round " << round;
    if (written > 0) {
      EXPECT_EQ(ring[(written - 1u) & 4095u], (written - 1u) & 0x3FFFu) << "the newest entry is still there";
    }
  }
  EXPECT_GT(written, 4096u * 3u);
  sb::s3::cam_stop();
}

TEST_F(BoardIdf, ASmallRingIsOneCircularDescriptor) {
  ASSERT_EQ(sb::s3::streams_open(kData, kCam), PinError::kNone);
  static uint16_t ring[64];
  sb::s3::cam_start(21, ring, 64);
  EXPECT_EQ(idf().cam_bytelen, 127u);
  const auto* d = reinterpret_cast<const sb::s3::GdmaDescriptor*>(idf().rx_started_at);
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->size, 128u);
  EXPECT_EQ(d->owner, 1u);
  EXPECT_EQ(d->buffer, ring);
  EXPECT_EQ(d->next, d) << "circular";
  sb::s3::cam_stop();
}
