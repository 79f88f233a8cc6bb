// Target role: the REQ/ACK byte engine for STATUS, MESSAGE and COMMAND; the data phases go to
// the backend's bulk loops.
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
  if (mode_ == Mode::kData) {
    // The initiator only reads from the buffer the core passes on.
    prepare_bulk(kPhaseDataIn, const_cast<uint8_t*>(out_), total_);
    SB_CO_AWAIT(co_tsend_, be_->transfer(bulk_));
    if (!take_bulk_outcome()) return Co::kPending;
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
  if (mode_ == Mode::kData) {
    prepare_bulk(kPhaseDataOut, data_, total_);
    SB_CO_AWAIT(co_trecv_, be_->transfer(bulk_));
    if (!take_bulk_outcome()) return Co::kPending;
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
        }
      }
    }
    be_->release_lines(kReq);
    SB_CO_AWAIT(co_trecv_, await_lines(kAck, 0));
    ++index_;
  }
  SB_CO_END(co_trecv_);
}

}  // namespace sb
