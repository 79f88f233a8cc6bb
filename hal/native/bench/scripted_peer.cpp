#include "scripted_peer.h"

#include "sb/bulk_loops.h"

namespace sbbench {

using namespace sb;

ScriptedPeer::ScriptedPeer(uint8_t peer_id, const uint8_t* data, uint32_t length)
    : peer_id_(peer_id), data_(data), length_(length) {}

void ScriptedPeer::assert_lines(uint32_t lines) {
  const uint32_t before = wire();
  controller_lines_ |= lines & kAllLines;
  react();
  watch_strobe(before);
}

void ScriptedPeer::release_lines(uint32_t lines) {
  const uint32_t before = wire();
  controller_lines_ &= ~lines;
  react();
  watch_strobe(before);
}

void ScriptedPeer::drive_data(uint16_t nine) {
  const uint32_t before = wire();
  controller_data_ = data_to_lines(nine);
  controller_driving_ = true;
  react();
  watch_strobe(before);
}

void ScriptedPeer::release_data() {
  const uint32_t before = wire();
  controller_data_ = 0;
  controller_driving_ = false;
  react();
  watch_strobe(before);
}

// The peer reacts at once, so a wait either holds now or can only end at its deadline; the
// clock jumps there because nothing on the bus can change in between.
bool ScriptedPeer::wait(const WaitCond& cond, uint32_t* lines) {
  const uint32_t w = wire();
  if (!wait_holds(cond, w, capture_count_)) {
    if (cond.deadline_ns == kNever) {
      stuck_ = true;
      return false;
    }
    if (now_ < cond.deadline_ns) now_ = cond.deadline_ns;
  }
  *lines = w;
  return true;
}

void ScriptedPeer::present(uint16_t nine, uint32_t phase) {
  peer_lines_ = kBsy | phase_lines(static_cast<uint8_t>(phase)) | data_to_lines(nine) | kReq;
}

void ScriptedPeer::react() {
  if (state_ == State::kBusFree) {
    // Selected: SEL and our ID on the bus, and the initiator has let go of BSY.
    const bool selected = (controller_lines_ & kSel) != 0 && (controller_lines_ & kBsy) == 0 &&
                          (wire() & id_line(peer_id_)) != 0;
    if (selected) {
      peer_lines_ = kBsy;
      state_ = State::kSelected;
    }
    return;
  }
  if (state_ == State::kSelected) {
    // The initiator ends selection by releasing SEL, then its data drivers; only then may the
    // target drive the data bus.
    if ((controller_lines_ & kSel) == 0 && !controller_driving_) {
      if (length_ > 0) {
        present(data_with_parity(data_[0]), kPhaseDataIn);
        state_ = State::kDataIn;
      } else {
        present(data_with_parity(0x00), kPhaseStatus);
        state_ = State::kStatus;
      }
    }
    return;
  }
  const bool ack = (controller_lines_ & kAck) != 0;
  if ((peer_lines_ & kReq) != 0) {
    if (ack) peer_lines_ &= ~kReq;  // the byte is taken: the data stays until ACK goes
    return;
  }
  if (ack) return;
  // REQ already released and ACK now released: that byte's handshake is over.
  if (state_ == State::kDataIn) {
    ++sent_;
    if (sent_ < length_) {
      present(data_with_parity(data_[sent_]), kPhaseDataIn);
    } else {
      present(data_with_parity(0x00), kPhaseStatus);  // GOOD
      state_ = State::kStatus;
    }
  } else {
    // The status byte was taken: this peer ends the connection here (no MESSAGE IN).
    peer_lines_ = 0;
    state_ = State::kBusFree;
  }
}

void ScriptedPeer::note_strobe(uint32_t before) {
  const uint32_t rising = wire() & ~before;
  if ((rising & capture_strobe_) == 0) return;
  ++capture_count_;
  if (capture_latch_ && fifo_size_ < kFifo) {
    fifo_[(fifo_head_ + fifo_size_) % kFifo].lines = wire();
    ++fifo_size_;
  }
}

void ScriptedPeer::capture_arm(uint32_t strobe_line, bool latch) {
  capture_armed_ = true;
  capture_latch_ = latch;
  capture_strobe_ = strobe_line;
  capture_count_ = 0;
  fifo_head_ = 0;
  fifo_size_ = 0;
}

void ScriptedPeer::capture_disarm() {
  capture_armed_ = false;
  fifo_size_ = 0;
}

bool ScriptedPeer::capture_pop(CaptureEntry* entry) {
  if (fifo_size_ == 0) return false;
  *entry = fifo_[fifo_head_];
  fifo_head_ = (fifo_head_ + 1) % kFifo;
  --fifo_size_;
  return true;
}

}  // namespace sbbench

namespace sbbench {
bool ScriptedPeer::transfer(sb::BulkTransfer& t) { return sb::bulk::run(*this, t); }
}  // namespace sbbench
