// Initiator role: selection, reselection, and the non-data information phases.
#include "sb/controller.h"
#include "sb/timing.h"

namespace sb {

Co Controller::select() {
  SB_CO_BEGIN(co_sel_);
  done_.arbitration_retries = 0;
  for (;;) {
    cancellable_ = true;
    watch_reselect_ = true;
    SB_CO_CALL(co_sel_, co_free_, bus_free());
    watch_reselect_ = false;
    cancellable_ = false;
    if (reselected_seen_) {
      // A target we had let disconnect came back first: serve it; the firmware selects later.
      SB_CO_CALL(co_sel_, co_wresel_, wait_reselect());
      done_.result = SB_INFO_RESELECTED;
      SB_CO_RETURN(co_sel_);
    }
    if ((cmd_.flags & SB_CMD_NO_ARBITRATION) != 0) break;
    arb_id_ = options_.scsi_id;
    SB_CO_CALL(co_sel_, co_arb_, arbitrate());
    if (!arb_lost_) break;
    if ((cmd_.flags & SB_CMD_NO_RETRY) != 0) {
      done_.result = SB_ERR_ARBITRATION_LOST;
      SB_CO_RETURN(co_sel_);
    }
    if (done_.arbitration_retries < 255) ++done_.arbitration_retries;
  }

  if ((cmd_.flags & SB_CMD_NO_ARBITRATION) != 0) {
    // SCSI-1 single-initiator selection: only the target's ID, then SEL.
    be_->drive_data(data_with_parity(static_cast<uint8_t>(1u << cmd_.peer_id)));
    if ((cmd_.flags & SB_CMD_ATN) != 0) {
      be_->assert_lines(kAtn);
      atn_ = true;
    }
    mark_ = be_->now_ns();
    SB_CO_AWAIT(co_sel_, await_time(mark_ + timing::kTwoDeskews));
    be_->assert_lines(kSel);
  } else {
    done_.flags |= SB_CF_ARBITRATED;
    be_->drive_data(data_with_parity(static_cast<uint8_t>((1u << options_.scsi_id) | (1u << cmd_.peer_id))));
    be_->release_lines(id_line(options_.scsi_id));  // now carried by the data drivers
    if ((cmd_.flags & SB_CMD_ATN) != 0) {
      be_->assert_lines(kAtn);
      atn_ = true;
    }
    mark_ = be_->now_ns();
    SB_CO_AWAIT(co_sel_, await_time(mark_ + timing::kTwoDeskews));
    be_->release_lines(kBsy);
  }
  mark_ = be_->now_ns();
  deadline2_ = mark_ + timing::kSelectionTimeout;
  SB_CO_AWAIT(co_sel_, await_time(mark_ + timing::kBusSettleDelay));
  SB_CO_AWAIT(co_sel_, await_lines(kBsy, kBsy, deadline2_));
  if ((lines_ & kBsy) == 0) {
    // Selection timeout: take the IDs off the bus, give the target one selection abort time.
    be_->release_data();
    mark_ = be_->now_ns();
    SB_CO_AWAIT(co_sel_, await_lines(kBsy, kBsy, mark_ + timing::kSelectionAbortTime));
    if ((lines_ & kBsy) == 0) {
      be_->release_lines(kSel | kAtn);
      atn_ = false;
      done_.result = SB_ERR_SELECTION_TIMEOUT;
      SB_CO_RETURN(co_sel_);
    }
  }
  mark_ = be_->now_ns();
  SB_CO_AWAIT(co_sel_, await_time(mark_ + timing::kTwoDeskews));
  be_->release_lines(kSel);
  be_->release_data();
  conn_ = Conn::kInitiator;
  peer_ = cmd_.peer_id;
  done_.peer_id = peer_;
  arm_initiator_capture();
  SB_CO_CALL(co_sel_, co_req_, wait_request());
  SB_CO_END(co_sel_);
}

// Answer a reselection: SEL, I/O and our ID with BSY released for a bus settle delay.
Co Controller::wait_reselect() {
  SB_CO_BEGIN(co_wresel_);
  for (;;) {
    cancellable_ = cmd_.op == SB_OP_WAIT_RESELECT;
    SB_CO_AWAIT(co_wresel_, await_lines(kSel | kBsy | kIo | id_line(options_.scsi_id),
                                        kSel | kIo | id_line(options_.scsi_id)));
    mark_ = be_->now_ns();
    SB_CO_AWAIT(co_wresel_, await_time(mark_ + timing::kBusSettleDelay));
    {
      const uint32_t want = kSel | kIo | id_line(options_.scsi_id);
      const uint8_t ids = static_cast<uint8_t>((lines_ >> kDataShift) & 0xFFu);
      const uint8_t other = static_cast<uint8_t>(ids & ~(1u << options_.scsi_id));
      const bool one_other = other != 0 && (other & (other - 1)) == 0;
      const bool parity_good = options_.parity_check == 0 || parity_ok(lines_to_data(lines_));
      if ((lines_ & (want | kBsy)) == want && one_other && parity_good) {
        for (uint8_t i = 0; i < 8; ++i) {
          if (other == (1u << i)) peer_ = i;
        }
        break;
      }
    }
    SB_CO_AWAIT(co_wresel_, await_lines(kSel, 0));  // not for us, or malformed: let it pass
  }
  cancellable_ = false;
  be_->assert_lines(kBsy);
  SB_CO_AWAIT(co_wresel_, await_lines(kSel, 0));
  be_->release_lines(kBsy);  // the target holds BSY from here on
  conn_ = Conn::kInitiator;
  done_.peer_id = peer_;
  arm_initiator_capture();
  SB_CO_CALL(co_wresel_, co_req_, wait_request());
  SB_CO_END(co_wresel_);
}

// Wait until the target requests the next phase (phase_ = that phase) or leaves the bus.
// The REQ is left for the next command to handle.
Co Controller::wait_request() {
  SB_CO_BEGIN(co_req_);
  SB_CO_AWAIT(co_req_, await_req());
  if ((req_lines_ & kBsy) == 0) {
    release_everything();
  } else {
    phase_ = phase_of(req_lines_);
  }
  SB_CO_END(co_req_);
}

// MESSAGE OUT or COMMAND: the inline bytes of the command.
Co Controller::initiator_out_bytes() {
  SB_CO_BEGIN(co_out_);
  want_phase_ = cmd_.op == SB_OP_MESSAGE_OUT ? kPhaseMessageOut : kPhaseCommand;
  total_ = cmd_.byte_count;
  for (index_ = 0; index_ < total_;) {
    SB_CO_AWAIT(co_out_, await_req());
    if ((req_lines_ & kBsy) == 0) {
      release_everything();
      done_.result = SB_ERR_UNEXPECTED_DISCONNECT;
      break;
    }
    phase_ = phase_of(req_lines_);
    if (phase_ != want_phase_) {
      done_.result = SB_ERR_PHASE_MISMATCH;
      break;
    }
    consume_req();
    if (want_phase_ == kPhaseMessageOut && index_ + 1 == total_ && atn_) {
      // ATN goes before the ACK of the last message byte, so the target knows it is the last.
      be_->release_lines(kAtn);
      atn_ = false;
      mark_ = be_->now_ns();
      SB_CO_AWAIT(co_out_, await_time(mark_ + timing::kTwoDeskews));
    }
    be_->drive_data(data_with_parity(cmd_.bytes[index_]));
    driving_ = true;
    mark_ = be_->now_ns();
    SB_CO_AWAIT(co_out_, await_time(mark_ + timing::kDataSetup));
    be_->assert_lines(kAck);
    SB_CO_AWAIT(co_out_, await_lines(kReq, 0));
    be_->release_lines(kAck);
    ++index_;
  }
  be_->release_data();
  driving_ = false;
  done_.bytes_moved = index_;
  done_.residual = total_ - index_;
  if (done_.result == SB_OK) SB_CO_CALL(co_out_, co_req_, wait_request());
  SB_CO_END(co_out_);
}

// One whole message. ACK stays asserted on its last byte so that the firmware can raise ATN
// before accepting it (to reject it); a parity error stops at the bad byte for the same reason.
Co Controller::initiator_message_in() {
  SB_CO_BEGIN(co_min_);
  total_ = 1;
  for (index_ = 0; index_ < total_;) {
    SB_CO_AWAIT(co_min_, await_req());
    if ((req_lines_ & kBsy) == 0) {
      release_everything();
      done_.result = SB_ERR_UNEXPECTED_DISCONNECT;
      break;
    }
    phase_ = phase_of(req_lines_);
    if (phase_ != kPhaseMessageIn) {
      done_.result = SB_ERR_PHASE_MISMATCH;
      break;
    }
    consume_req();
    {
      const uint16_t nine = lines_to_data(req_lines_);
      if (index_ < SB_INLINE_BYTES) done_.msg[index_] = static_cast<uint8_t>(nine);
      if (options_.parity_check != 0 && !parity_ok(nine) && parity_bad_ == 0) parity_bad_ = index_ + 1;
      ++index_;
      if (index_ <= 2) total_ = message_length(done_.msg, static_cast<uint8_t>(index_));
    }
    be_->assert_lines(kAck);
    SB_CO_AWAIT(co_min_, await_lines(kReq, 0));
    if (parity_bad_ != 0 || index_ == total_) {
      ack_held_ = true;
      done_.flags |= SB_CF_ACK_HELD;
      break;
    }
    be_->release_lines(kAck);
  }
  done_.msg_len = static_cast<uint8_t>(index_ < kInline ? index_ : kInline);
  done_.bytes_moved = index_;
  if (parity_bad_ != 0 && done_.result == SB_OK) {
    done_.result = SB_ERR_PARITY;
    done_.parity_index = parity_bad_ - 1;
  }
  SB_CO_END(co_min_);
}

Co Controller::initiator_status_in() {
  SB_CO_BEGIN(co_sin_);
  SB_CO_AWAIT(co_sin_, await_req());
  if ((req_lines_ & kBsy) == 0) {
    release_everything();
    done_.result = SB_ERR_UNEXPECTED_DISCONNECT;
    SB_CO_RETURN(co_sin_);
  }
  phase_ = phase_of(req_lines_);
  if (phase_ != kPhaseStatus) {
    done_.result = SB_ERR_PHASE_MISMATCH;
    SB_CO_RETURN(co_sin_);
  }
  consume_req();
  {
    const uint16_t nine = lines_to_data(req_lines_);
    done_.status_byte = static_cast<uint8_t>(nine);
    if (options_.parity_check != 0 && !parity_ok(nine)) parity_bad_ = 1;
  }
  done_.bytes_moved = 1;
  be_->assert_lines(kAck);
  SB_CO_AWAIT(co_sin_, await_lines(kReq, 0));
  be_->release_lines(kAck);
  SB_CO_CALL(co_sin_, co_req_, wait_request());
  if (parity_bad_ != 0) {
    done_.result = SB_ERR_PARITY;
    done_.parity_index = 0;
  }
  SB_CO_END(co_sin_);
}

Co Controller::accept_message() {
  SB_CO_BEGIN(co_acc_);
  be_->release_lines(kAck);
  ack_held_ = false;
  SB_CO_CALL(co_acc_, co_req_, wait_request());
  SB_CO_END(co_acc_);
}

}  // namespace sb
