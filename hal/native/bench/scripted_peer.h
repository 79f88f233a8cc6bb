// A pin backend in the board's style for measuring the byte loop's own cost: pin operations
// are inline stores into "output registers" (as the board's are stores to GPIO registers), and
// the far end of the cable, a scripted target, answers when the controller looks at the bus
// (read_lines and wait are out of line, so the peer's work is counted apart from the loop's).
// Like the board's spinning wait, wait() never has to give up its turn.
//
// The peer answers a selection of its ID with BSY, goes straight to DATA IN (no COMMAND
// phase: the controller under test does not care) and streams bytes from a caller's buffer
// with the asynchronous REQ/ACK handshake: ACK asserted -> REQ released; ACK released -> next
// byte (with odd parity) and REQ. After the last byte it requests STATUS (status GOOD); once
// that byte is taken it leaves the bus. It scripts only the asynchronous handshake: its
// capture unit and strobe generator never see a strobe.
//
// There is no time model: the clock moves by 1 ns per now_ns() call, so deadlines expire,
// and a wait that can only end at its deadline jumps the clock there (nothing else can change
// the bus in between: the peer moves only when the controller does).
#pragma once
#include <stdint.h>

#include "sb/backend.h"
#include "sb/bulk_loops.h"
#include "sb/lines.h"

#define SB_PEER_LOOK __attribute__((noinline))

namespace sbbench {

class ScriptedPeer final : public sb::PinBackend {
 public:
  // The peer answers as target peer_id and sends data[0..length).
  ScriptedPeer(uint8_t peer_id, const uint8_t* data, uint32_t length);

  SB_PEER_LOOK uint32_t read_lines() override;
  void assert_lines(uint32_t lines) override { controller_lines_ |= lines & sb::kAllLines; }
  void release_lines(uint32_t lines) override { controller_lines_ &= ~lines; }
  void drive_data(uint16_t nine) override {
    controller_data_ = sb::data_to_lines(nine);
    controller_driving_ = true;
  }
  void release_data() override {
    controller_data_ = 0;
    controller_driving_ = false;
  }
  // The peer has no transceivers to turn around: the gate changes nothing here.
  void set_data_gate(sb::DataGate) override {}
  uint64_t now_ns() override { return now_++; }
  SB_PEER_LOOK bool wait(const sb::WaitCond& cond, uint32_t* lines) override;
  uint32_t bulk_sample(uint32_t lines) { return lines; }  // the look saw the data lines too
  void bulk_drive(const uint8_t* d, uint32_t i) { drive_data(sb::bulk::nine_of(d[i])); }
  SB_PEER_LOOK uint32_t bulk_wait(const sb::WaitCond& cond);
  void capture_arm(uint32_t, bool) override {}
  void capture_disarm() override {}
  uint32_t capture_count() override { return 0; }
  bool capture_pop(sb::CaptureEntry*) override { return false; }
  void strobe_start(uint32_t, const uint8_t*, uint32_t, uint16_t, uint16_t) override {}
  void strobe_grant(uint32_t) override {}
  uint32_t strobe_count() override { return 0; }
  void strobe_stop() override {}
  bool transfer(sb::BulkTransfer& t) override;

  uint32_t bytes_sent() const { return sent_; }
  // true once a wait could never end: a condition no scripted reaction will satisfy, with no
  // deadline. The controller's step then returns kWaiting, and the run has failed.
  bool stuck() const { return stuck_; }

 private:
  enum class State : uint8_t { kBusFree, kSelected, kDataIn, kStatus };

  uint32_t wire() const { return controller_lines_ | controller_data_ | peer_lines_; }
  // The peer's answer to what the controller drives now, as many steps as apply.
  void react();
  bool react_once();
  void present(uint16_t nine, uint32_t phase);

  const uint8_t peer_id_;
  const uint8_t* const data_;
  const uint32_t length_;
  uint32_t sent_ = 0;  // bytes acknowledged by the controller
  State state_ = State::kBusFree;
  uint32_t controller_lines_ = 0;  // what the controller asserts, data drivers apart
  uint32_t controller_data_ = 0;   // its data drivers, as lines (0 when released)
  bool controller_driving_ = false;
  uint32_t peer_lines_ = 0;        // everything the peer asserts, data included
  uint64_t now_ = 0;
  bool stuck_ = false;
};

}  // namespace sbbench
