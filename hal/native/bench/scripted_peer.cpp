#include "scripted_peer.h"

#include "sb/bulk_loops.h"

namespace sbbench {

using namespace sb;

ScriptedPeer::ScriptedPeer(uint8_t peer_id, const uint8_t* data, uint32_t length)
    : peer_id_(peer_id), data_(data), length_(length) {}

uint32_t ScriptedPeer::read_lines() {
  react();
  return wire();
}

// The peer reacts at once, so a wait either holds now or can only end at its deadline; the
// clock jumps there because nothing on the bus can change in between.
bool ScriptedPeer::wait(const WaitCond& cond, uint32_t* lines) {
  react();
  const uint32_t w = wire();
  if (!wait_holds(cond, w, 0)) {
    if (cond.deadline_ns == kNever) {
      stuck_ = true;
      return false;
    }
    if (now_ < cond.deadline_ns) now_ = cond.deadline_ns;
  }
  *lines = w;
  return true;
}

uint32_t ScriptedPeer::bulk_wait(const WaitCond& cond) {
  uint32_t lines = 0;
  return wait(cond, &lines) ? lines : kBulkNotYet;
}

void ScriptedPeer::present(uint16_t nine, uint32_t phase) {
  peer_lines_ = kBsy | phase_lines(static_cast<uint8_t>(phase)) | data_to_lines(nine) | kReq;
}

void ScriptedPeer::react() {
  while (react_once()) {
  }
}

// One step of the peer's script; false when nothing the controller drives calls for one.
bool ScriptedPeer::react_once() {
  if (state_ == State::kBusFree) {
    // Selected: SEL and our ID on the bus, and the initiator has let go of BSY.
    const bool selected = (controller_lines_ & kSel) != 0 && (controller_lines_ & kBsy) == 0 &&
                          (wire() & id_line(peer_id_)) != 0;
    if (!selected) return false;
    peer_lines_ = kBsy;
    state_ = State::kSelected;
    return true;
  }
  if (state_ == State::kSelected) {
    // The initiator ends selection by releasing SEL, then its data drivers; only then may the
    // target drive the data bus.
    if ((controller_lines_ & kSel) != 0 || controller_driving_) return false;
    if (length_ > 0) {
      present(data_with_parity(data_[0]), kPhaseDataIn);
      state_ = State::kDataIn;
    } else {
      present(data_with_parity(0x00), kPhaseStatus);
      state_ = State::kStatus;
    }
    return true;
  }
  const bool ack = (controller_lines_ & kAck) != 0;
  if ((peer_lines_ & kReq) != 0) {
    if (!ack) return false;
    peer_lines_ &= ~kReq;  // the byte is taken: the data stays until ACK goes
    return true;
  }
  if (ack || state_ == State::kBusFree) return false;
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
  return true;
}

bool ScriptedPeer::transfer(sb::BulkTransfer& t) { return sb::bulk::run(*this, t); }

}  // namespace sbbench
