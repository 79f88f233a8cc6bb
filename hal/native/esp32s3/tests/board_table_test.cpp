// The real board's pin table (sb/board_config.h from the generated board_pins.h, board/pins.csv)
// on the backend: it passes the backend's validation, so a pin map the backend would refuse
// fails here; its wiring (a wired-OR line sensed on one GPIO and driven on another, DATA_OE_N
// and ROLE for the transceivers) acts as the board's does; and a bad drive pin is refused by
// name. The conformance, fault and two-bridge tests run on this table (s3_rig.h).
#include <gtest/gtest.h>

#include <cstring>

#include "s3_rig.h"
#include "sb/board_config.h"

using namespace sbtest;
using namespace s3test;
using sb::s3::PinError;

namespace {

sb::s3::Config real_board() { return real_board_config(); }

}  // namespace

TEST(S3BoardTable, TheGeneratedTablePassesTheBackendsValidation) {
  const sb::s3::Config c = sb::s3::board_config(sb::s3::kBoardRingSlotBytes, sb::s3::kBoardCaptureEntries);
  const sb::s3::Refusal r = sb::s3::validate(c);
  EXPECT_EQ(r.error, PinError::kNone) << sb::s3::pin_error_name(r.error) << " at " << sb::s3::signal_name(r.signal)
                                      << " (GPIO " << int(r.gpio) << "): " << sb::s3::pin_error_message(r.error);
  // The board's wired-OR lines have drive GPIOs of their own, and its transceivers their controls.
  EXPECT_NE(c.board.bsy_drive, sb::s3::kNoPin);
  EXPECT_NE(c.board.sel_drive, sb::s3::kNoPin);
  EXPECT_NE(c.board.rst_drive, sb::s3::kNoPin);
  EXPECT_NE(c.board.bsy_drive, c.pins.gpio[sb::s3::kSigBsy]);
  EXPECT_EQ(c.board.data_oe_n, sb::board::kGpioDataOeN);
  EXPECT_EQ(c.board.role, sb::board::kGpioRole);
  EXPECT_EQ(c.pins.gpio[sb::s3::kSigDb0], sb::board::kDataBundleGpio[0]);
  EXPECT_EQ(c.pins.gpio[sb::s3::kSigReq], sb::board::kLinePins[8].sense_gpio);
}

TEST(S3BoardTable, StartSetsUpSensePadsDrivePadsAndTheTransceiverControls) {
  sb::s3::S3Model model(real_board());
  const sb::s3::Refusal r = model.start();
  ASSERT_EQ(r.error, PinError::kNone) << sb::s3::pin_error_message(r.error);
  // DATA_OE_N and ROLE: a level and an output each (4); DBP and the nine control lines: one pad
  // each, and BSY SEL RST a sense input besides (13); the two dedicated bundles (2); the
  // streams (PCNT, LCD_CAM, GDMA: 1).
  EXPECT_EQ(model.pad_accesses(), 4u + 13u + 2u + 1u);
  EXPECT_TRUE(model.errors().empty());
}

// A one-role line reaches the cable only in the role that drives it: ROLE gates its driver.
TEST(S3BoardTable, RoleGatesTheOneRoleLinesAndDataOeNTheData) {
  SimBus bus;
  S3Bridge s3 = attach_s3(bus, 0, real_board());
  ASSERT_EQ(s3.model->refusal().error, PinError::kNone);
  s3.model->select();
  // Through the contract, so the backend's inline members run as the backend's own copies
  // (the coverage build counts those).
  sb::PinBackend& be = s3.model->backend();
  be.drive_data(0x0FF);
  EXPECT_EQ(bus.wire() & sb::kDataAndParity, 0u) << "DATA_OE_N keeps the transceivers off until a gate is set";
  be.set_data_gate(sb::DataGate::kWhenIoReleased);  // the initiator's role
  EXPECT_NE(bus.wire() & sb::kDataAndParity, 0u) << "the initiator drives data while I/O is released";
  be.release_data();
  be.assert_lines(sb::kReq | sb::kAtn);
  EXPECT_EQ(bus.wire() & (sb::kReq | sb::kAtn), sb::kAtn) << "as initiator, REQ's driver stays off";
  be.set_data_gate(sb::DataGate::kWhenIoAsserted);  // the target's role
  EXPECT_EQ(bus.wire() & (sb::kReq | sb::kAtn), sb::kReq) << "as target, ATN's driver stays off";
  be.release_lines(sb::kReq | sb::kAtn);
  be.assert_lines(sb::kBsy | sb::kRst);
  EXPECT_EQ(bus.wire() & (sb::kBsy | sb::kRst), sb::kBsy | sb::kRst) << "wired-OR lines through their drive GPIOs";
  EXPECT_EQ(be.read_lines() & (sb::kBsy | sb::kRst), sb::kBsy | sb::kRst) << "and read on their sense GPIOs";
  be.release_lines(sb::kBsy | sb::kRst);
  EXPECT_EQ(bus.wire() & (sb::kBsy | sb::kRst), 0u);
  EXPECT_EQ(model_errors(s3), "");
}

// The one-pad-a-line wiring (no drive GPIOs, no transceiver controls) still runs whole commands
// (every other S3 test runs on the real board's table).
class S3OnePadConformance : public ::testing::TestWithParam<bool> {};

TEST_P(S3OnePadConformance, AsyncAndSyncReadsByteExact) {
  for (bool sync : {false, true}) {
    SimBus bus;
    Script ini, tgt;
    S3Bridge s3;
    if (GetParam()) {
      s3 = attach_s3(bus, 7, one_pad_config());
      ini.device = s3.device;
      tgt.device = bus.attach(options(0));
    } else {
      ini.device = bus.attach(options(7));
      s3 = attach_s3(bus, 0, one_pad_config());
      tgt.device = s3.device;
    }
    ASSERT_EQ(s3.model->refusal().error, PinError::kNone);
    if (sync) {
      ini.then(cmd::set_sync(0, 100, 15));
      tgt.then(cmd::set_sync(7, 100, 15));
    }
    std::vector<uint8_t> src = random_bytes(511, 31 + sync), dst(511, 0);
    initiator_command(ini, 0, {0x08, 0, 0, 0, 1, 0}, &dst, 511);
    target_command(tgt, 0x01, &src, 511, true);
    ASSERT_TRUE(run(bus, {&ini, &tgt})) << model_errors(s3);
    EXPECT_EQ(dst, src);
    EXPECT_EQ(sync, (ini.at((sync ? 1 : 0) + 3).flags & SB_CF_SYNC) != 0);
    EXPECT_EQ(violations_text(bus), "");
    EXPECT_EQ(model_errors(s3), "");
  }
}

INSTANTIATE_TEST_SUITE_P(Roles, S3OnePadConformance, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& i) { return i.param ? "S3Initiator" : "S3Target"; });

namespace {
struct BadDrive {
  const char* what;
  void (*spoil)(sb::s3::Config&);
  PinError error;
  uint8_t pin;
};
}  // namespace

TEST(S3BoardTable, BadDrivePinsAreRefusedByName) {
  using namespace sb::s3;
  const BadDrive bad[] = {
      {"BSY's drive on GPIO 23", [](Config& c) { c.board.bsy_drive = 23; }, PinError::kNoSuchGpio, kPinBsyDrive},
      {"SEL's drive on strapping GPIO 0", [](Config& c) { c.board.sel_drive = 0; }, PinError::kReservedPin,
       kPinSelDrive},
      {"RST's drive on flash GPIO 30", [](Config& c) { c.board.rst_drive = 30; }, PinError::kReservedPin,
       kPinRstDrive},
      {"RST's drive on REQ's pin", [](Config& c) { c.board.rst_drive = c.pins.gpio[kSigReq]; },
       PinError::kPinUsedTwice, kPinRstDrive},
      {"SEL's drive on BSY's drive", [](Config& c) { c.board.sel_drive = c.board.bsy_drive; },
       PinError::kPinUsedTwice, kPinSelDrive},
      {"BSY's drive on BSY's sense pin", [](Config& c) { c.board.bsy_drive = c.pins.gpio[kSigBsy]; },
       PinError::kPinUsedTwice, kPinBsyDrive},
      {"BSY's drive on DB0's pin", [](Config& c) { c.board.bsy_drive = c.pins.gpio[kSigDb0]; },
       PinError::kPinUsedTwice, kPinBsyDrive},
      {"ROLE on DATA_OE_N", [](Config& c) { c.board.role = c.board.data_oe_n; }, PinError::kPinUsedTwice, kPinRole},
      {"DATA_OE_N on USB GPIO 20", [](Config& c) { c.board.data_oe_n = 20; }, PinError::kReservedPin, kPinDataOeN},
      {"ROLE without DATA_OE_N", [](Config& c) { c.board.data_oe_n = kNoPin; }, PinError::kHalfTransceiver,
       kPinDataOeN},
      {"DATA_OE_N without ROLE", [](Config& c) { c.board.role = kNoPin; }, PinError::kHalfTransceiver, kPinRole},
  };
  for (const BadDrive& b : bad) {
    Config c = real_board();
    b.spoil(c);
    S3Model model(c);
    const Refusal r = model.start();
    EXPECT_EQ(r.error, b.error) << b.what << ": " << pin_error_name(r.error);
    EXPECT_EQ(r.signal, b.pin) << b.what << ": " << signal_name(r.signal);
    EXPECT_EQ(model.pad_accesses(), 0u) << b.what << ": a refused table touches no pad";
    EXPECT_FALSE(model.backend().started());
  }
  EXPECT_STREQ(signal_name(kPinRstDrive), "RST_DRV");
  EXPECT_STREQ(signal_name(kPinRole), "ROLE");
  EXPECT_STREQ(signal_name(kPinsEnd), "none");
}
