// Target role: the REQ/ACK byte engines for every phase, asynchronous and synchronous.
#include "sb/controller.h"
#include "sb/timing.h"

namespace sb {

// SEND_DATA (DATA IN), SEND_STATUS (STATUS) and SEND_MESSAGE (MESSAGE IN).
Co Controller::target_send() {
  SB_CO_BEGIN(co_tsend_);
  if (cmd_.op == SB_OP_SEND_DATA) {
    mode_ = Mode::kData;
    want_phase_ = kPhaseDataIn;
    out_ = reinterpret_cast<const uint8_t*>(static_cast<uintptr_t>(cmd_.buffer));
    total_ = cmd_.length;
  } else if (cmd_.op == SB_OP_SEND_STATUS) {
    mode_ = Mode::kStatus;
    want_phase_ = kPhaseStatus;
    out_ = &cmd_.status_byte;
    total_ = 1;
  } else {
    mode_ = Mode::kMessage;
    want_phase_ = kPhaseMessageIn;
    out_ = cmd_.bytes;
    total_ = cmd_.byte_count;
  }
  SB_CO_CALL(co_tsend_, co_phase_, target_set_phase());
  if (mode_ == Mode::kData && sync_with_peer()) {
    done_.flags |= SB_CF_SYNC;
    set_sync_timing();
    SB_CO_CALL(co_tsend_, co_tsysend_, target_sync_send());
  } else {
    for (index_ = 0; index_ < total_;) {
      be_->drive_data(data_with_parity(out_[index_]));
      mark_ = be_->now_ns();
      SB_CO_AWAIT(co_tsend_, await_time(mark_ + timing::kDataSetup));
      be_->assert_lines(kReq);
      SB_CO_AWAIT(co_tsend_, await_lines(kAck, kAck));
      be_->release_lines(kReq);
      SB_CO_AWAIT(co_tsend_, await_lines(kAck, 0));
      ++index_;
      // ATN: leave for MESSAGE OUT after this byte (after the whole message in MESSAGE IN,
      // where an initiator raises ATN before accepting the message it wants to reject).
      if ((lines_ & kAtn) != 0 && (mode_ != Mode::kMessage || index_ == total_)) {
        atn_stop_ = true;
        break;
      }
    }
  }
  finish_data_counts();
  if (atn_stop_) SB_CO_CALL(co_tsend_, co_tatn_, target_attention());
  SB_CO_END(co_tsend_);
}

// The out-phase byte engine: mode_, want_phase_, total_ (and data_ for DATA OUT) are set by
// the caller. Messages and CDBs grow total_ once their first bytes tell their length.
Co Controller::target_receive() {
  SB_CO_BEGIN(co_trecv_);
  SB_CO_CALL(co_trecv_, co_phase_, target_set_phase());
  if (mode_ == Mode::kData && sync_with_peer()) {
    done_.flags |= SB_CF_SYNC;
    set_sync_timing();
    SB_CO_CALL(co_trecv_, co_tsyrecv_, target_sync_receive());
    SB_CO_RETURN(co_trecv_);
  }
  for (index_ = 0; index_ < total_;) {
    be_->assert_lines(kReq);
    SB_CO_AWAIT(co_trecv_, await_lines(kAck, kAck));
    {
      const uint16_t nine = lines_to_data(lines_);
      const uint8_t b = static_cast<uint8_t>(nine);
      const bool bad = options_.parity_check != 0 && !parity_ok(nine);
      if (mode_ == Mode::kMessage) {
        if (msg_taken_ < SB_INLINE_BYTES) done_.msg[msg_taken_] = b;
        if (index_ < 2) msg_head_[index_] = b;
        ++msg_taken_;
        if (bad && parity_bad_ == 0) parity_bad_ = msg_taken_;
        if (index_ < 2) total_ = message_length(msg_head_, static_cast<uint8_t>(index_ + 1));
      } else {
        if (bad && parity_bad_ == 0) parity_bad_ = index_ + 1;
        if (mode_ == Mode::kCommand) {
          if (index_ < SB_INLINE_BYTES) done_.cdb[index_] = b;
          if (index_ == 0) total_ = cdb_length(b);
        } else {
          data_[index_] = b;
        }
      }
    }
    be_->release_lines(kReq);
    SB_CO_AWAIT(co_trecv_, await_lines(kAck, 0));
    ++index_;
    if (mode_ == Mode::kData && (lines_ & kAtn) != 0) {
      atn_stop_ = true;
      break;
    }
  }
  SB_CO_END(co_trecv_);
}

// Synchronous DATA IN: REQ pulses run up to the agreed offset ahead of the initiator's ACKs,
// which the capture unit counts. Each byte is put on the bus during the previous REQ's
// negation period (which also covers the data setup), so the pulses come at the agreed period;
// the ACK count is only read when the offset window is full. The phase may only change once
// every REQ is acknowledged.
Co Controller::target_sync_send() {
  SB_CO_BEGIN(co_tsysend_);
  be_->capture_arm(kAck, false);
  acked_ = 0;
  if (total_ > 0) {
    be_->drive_data(data_with_parity(out_[0]));
    mark_ = be_->now_ns();
    SB_CO_AWAIT(co_tsysend_, await_time(mark_ + timing::kDataSetup));
  }
  for (index_ = 0; index_ < total_;) {
    if (index_ - acked_ >= sync_[peer_].offset) {
      acked_ = be_->capture_count();
      if (index_ - acked_ >= sync_[peer_].offset) {
        SB_CO_AWAIT(co_tsysend_, await_capture(index_ + 1 - sync_[peer_].offset, 0, 0));
        acked_ = be_->capture_count();
      }
    }
    if ((lines_ & kAtn) != 0) {
      atn_stop_ = true;
      break;
    }
    be_->assert_lines(kReq);
    mark_ = be_->now_ns();
    SB_CO_AWAIT(co_tsysend_, await_time(mark_ + assert_ns_));
    be_->release_lines(kReq);
    ++index_;
    if (index_ < total_) be_->drive_data(data_with_parity(out_[index_]));  // held past the hold time
    mark_ = be_->now_ns();
    SB_CO_AWAIT(co_tsysend_, await_time(mark_ + negate_ns_));
  }
  if (index_ > 0) SB_CO_AWAIT(co_tsysend_, await_capture(index_, 0, 0));
  // The last ACK pulse must be over before the phase lines may change.
  SB_CO_AWAIT(co_tsysend_, await_lines(kAck, 0));
  be_->capture_disarm();
  SB_CO_END(co_tsysend_);
}

// Synchronous DATA OUT: REQ pulses up to the offset ahead; the capture unit latches each byte
// at its ACK edge.
Co Controller::target_sync_receive() {
  SB_CO_BEGIN(co_tsyrecv_);
  be_->capture_arm(kAck, true);
  sent_ = 0;
  index_ = 0;
  while (index_ < total_) {
    {
      CaptureEntry e;
      while (be_->capture_pop(&e)) {
        const uint16_t nine = lines_to_data(e.lines);
        if (index_ < total_) data_[index_] = static_cast<uint8_t>(nine);
        if (options_.parity_check != 0 && parity_bad_ == 0 && !parity_ok(nine)) parity_bad_ = index_ + 1;
        ++index_;
      }
    }
    if (index_ >= total_) break;
    if (sent_ < total_ && sent_ - index_ < sync_[peer_].offset && !atn_stop_) {
      be_->assert_lines(kReq);
      mark_ = be_->now_ns();
      SB_CO_AWAIT(co_tsyrecv_, await_time(mark_ + assert_ns_));
      be_->release_lines(kReq);
      mark_ = be_->now_ns();
      SB_CO_AWAIT(co_tsyrecv_, await_time(mark_ + negate_ns_));
      ++sent_;
      if ((lines_ & kAtn) != 0) atn_stop_ = true;
      continue;
    }
    if (atn_stop_ && index_ == sent_) break;
    SB_CO_AWAIT(co_tsyrecv_, await_capture(index_ + 1, 0, 0));
  }
  SB_CO_AWAIT(co_tsyrecv_, await_lines(kAck, 0));
  be_->capture_disarm();
  SB_CO_END(co_tsyrecv_);
}

}  // namespace sb
