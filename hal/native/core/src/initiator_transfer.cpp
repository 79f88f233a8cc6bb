// Initiator role: DATA IN and DATA OUT, asynchronous or synchronous. This is the hot loop of
// imaging a drive, so each byte costs a handful of backend calls and nothing else.
#include "sb/controller.h"
#include "sb/timing.h"

namespace sb {

Co Controller::initiator_transfer() {
  SB_CO_BEGIN(co_xfer_);
  data_ = reinterpret_cast<uint8_t*>(static_cast<uintptr_t>(cmd_.buffer));
  total_ = cmd_.length;
  index_ = 0;
  SB_CO_AWAIT(co_xfer_, await_req());
  if ((req_lines_ & kBsy) == 0) {
    release_everything();
    done_.result = total_ == 0 ? SB_OK : SB_ERR_UNEXPECTED_DISCONNECT;
    finish_data_counts();
    SB_CO_RETURN(co_xfer_);
  }
  phase_ = phase_of(req_lines_);
  if (phase_ != kPhaseDataIn && phase_ != kPhaseDataOut) {
    done_.result = total_ == 0 ? SB_OK : SB_ERR_PHASE_MISMATCH;
    finish_data_counts();
    SB_CO_RETURN(co_xfer_);
  }
  want_phase_ = phase_;
  if (sync_with_peer()) {
    done_.flags |= SB_CF_SYNC;
    set_sync_timing();
  }
  if (want_phase_ == kPhaseDataIn) {
    SB_CO_CALL(co_xfer_, co_din_, initiator_data_in());
  } else {
    SB_CO_CALL(co_xfer_, co_dout_, initiator_data_out());
  }
  finish_data_counts();
  if (done_.result == SB_OK) SB_CO_CALL(co_xfer_, co_req_, wait_request());
  if (parity_bad_ != 0 && (done_.result == SB_OK || done_.result == SB_ERR_PHASE_MISMATCH)) {
    done_.result = SB_ERR_PARITY;
    done_.parity_index = parity_bad_ - 1;
  }
  SB_CO_END(co_xfer_);
}

Co Controller::initiator_data_in() {
  SB_CO_BEGIN(co_din_);
  while (index_ < total_) {
    SB_CO_AWAIT(co_din_, await_req());
    if ((req_lines_ & kBsy) == 0) {
      release_everything();
      done_.result = SB_ERR_UNEXPECTED_DISCONNECT;
      SB_CO_RETURN(co_din_);
    }
    if (phase_of(req_lines_) != kPhaseDataIn) {
      phase_ = phase_of(req_lines_);
      done_.result = SB_ERR_PHASE_MISMATCH;
      SB_CO_RETURN(co_din_);
    }
    consume_req();
    {
      const uint16_t nine = lines_to_data(req_lines_);
      data_[index_] = static_cast<uint8_t>(nine);
      if (options_.parity_check != 0 && parity_bad_ == 0 && !parity_ok(nine)) parity_bad_ = index_ + 1;
    }
    ++index_;
    be_->assert_lines(kAck);
    if (capture_armed_) {
      mark_ = be_->now_ns();
      SB_CO_AWAIT(co_din_, await_time(mark_ + assert_ns_));
      be_->release_lines(kAck);
      mark_ = be_->now_ns();
      SB_CO_AWAIT(co_din_, await_time(mark_ + negate_ns_));
    } else {
      SB_CO_AWAIT(co_din_, await_lines(kReq, 0));
      be_->release_lines(kAck);
    }
  }
  SB_CO_END(co_din_);
}

Co Controller::initiator_data_out() {
  SB_CO_BEGIN(co_dout_);
  while (index_ < total_) {
    SB_CO_AWAIT(co_dout_, await_req());
    if ((req_lines_ & kBsy) == 0) {
      release_everything();
      done_.result = SB_ERR_UNEXPECTED_DISCONNECT;
      break;
    }
    if (phase_of(req_lines_) != kPhaseDataOut) {
      phase_ = phase_of(req_lines_);
      done_.result = SB_ERR_PHASE_MISMATCH;
      break;
    }
    consume_req();
    be_->drive_data(data_with_parity(data_[index_]));
    driving_ = true;
    mark_ = be_->now_ns();
    SB_CO_AWAIT(co_dout_, await_time(mark_ + timing::kDataSetup));
    be_->assert_lines(kAck);
    if (capture_armed_) {
      mark_ = be_->now_ns();
      SB_CO_AWAIT(co_dout_, await_time(mark_ + assert_ns_));
      be_->release_lines(kAck);
      if (index_ + 1 == total_) {
        // The target may turn the bus around as soon as it sees this ACK go: let go of the
        // data now (the hold time has passed), not after the negation period.
        be_->release_data();
        driving_ = false;
      }
      mark_ = be_->now_ns();
      SB_CO_AWAIT(co_dout_, await_time(mark_ + negate_ns_));
    } else {
      SB_CO_AWAIT(co_dout_, await_lines(kReq, 0));
      be_->release_lines(kAck);
    }
    ++index_;
  }
  be_->release_data();
  driving_ = false;
  SB_CO_END(co_dout_);
}

}  // namespace sb
