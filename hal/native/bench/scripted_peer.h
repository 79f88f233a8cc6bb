// A pin backend in the board's style for measuring the controller's own cost per byte: the
// far end of the cable is a scripted target that reacts combinationally to every pin change,
// so wait() never has to give up its turn, exactly like the board's spinning wait.
//
// The peer answers a selection of its ID with BSY, goes straight to DATA IN (no COMMAND
// phase: the controller under test does not care) and streams bytes from a caller's buffer
// with the asynchronous REQ/ACK handshake: ACK asserted -> REQ released; ACK released -> next
// byte (with odd parity) and REQ. After the last byte it requests STATUS (status GOOD); once
// that byte is taken it leaves the bus.
//
// There is no time model: the clock moves by 1 ns per now_ns() call, so deadlines expire,
// and a wait that can only end at its deadline jumps the clock there (nothing else can change
// the bus in between: the peer moves only when the controller does).
#pragma once
#include <stdint.h>

#include "sb/backend.h"
#include "sb/lines.h"

namespace sbbench {

class ScriptedPeer final : public sb::PinBackend {
 public:
  // The peer answers as target peer_id and sends data[0..length).
  ScriptedPeer(uint8_t peer_id, const uint8_t* data, uint32_t length);

  uint32_t read_lines() override { return wire(); }
  void assert_lines(uint32_t lines) override;
  void release_lines(uint32_t lines) override;
  void drive_data(uint16_t nine) override;
  void release_data() override;
  // The peer has no transceivers to turn around: the gate changes nothing here.
  void set_data_gate(sb::DataGate) override {}
  uint64_t now_ns() override { return now_++; }
  bool wait(const sb::WaitCond& cond, uint32_t* lines) override;
  void capture_arm(uint32_t strobe_line, bool latch) override;
  void capture_disarm() override;
  uint32_t capture_count() override { return capture_count_; }
  bool capture_pop(sb::CaptureEntry* entry) override;
  // The peer scripts only the asynchronous handshake: a generator that sends nothing.
  void strobe_start(uint32_t, const uint8_t*, uint32_t, uint16_t, uint16_t) override {}
  void strobe_grant(uint32_t) override {}
  uint32_t strobe_count() override { return 0; }
  void strobe_stop() override {}
  bool transfer(sb::BulkTransfer& t) override;
  bool bulk_wait(const sb::WaitCond& cond, uint32_t* lines) { return wait(cond, lines); }

  uint32_t bytes_sent() const { return sent_; }
  // true once a wait could never end: a condition no scripted reaction will satisfy, with no
  // deadline. The controller's step then returns kWaiting, and the run has failed.
  bool stuck() const { return stuck_; }

 private:
  enum class State : uint8_t { kBusFree, kSelected, kDataIn, kStatus };

  uint32_t wire() const { return controller_lines_ | controller_data_ | peer_lines_; }
  // The peer's combinational answer to what the controller drives now.
  void react();
  void present(uint16_t nine, uint32_t phase);
  // Counts (and latches) an assertion edge of the armed strobe line between two wire states.
  void watch_strobe(uint32_t before) {
    if (capture_armed_) note_strobe(before);
  }
  void note_strobe(uint32_t before);

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

  // Capture unit: counts assertion edges of one strobe line and, when asked, latches the wire
  // at each edge. Entries beyond the FIFO's size are lost but still counted, as in the
  // simulated bus's capture unit. Only the handshake above is scripted, so with an async
  // agreement (the only one this peer supports) the controller never arms it.
  static constexpr uint32_t kFifo = 32;
  bool capture_armed_ = false;
  bool capture_latch_ = false;
  uint32_t capture_strobe_ = 0;
  uint32_t capture_count_ = 0;
  uint32_t fifo_head_ = 0;
  uint32_t fifo_size_ = 0;
  sb::CaptureEntry fifo_[kFifo]{};
};

}  // namespace sbbench
