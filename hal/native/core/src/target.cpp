// Target role: being selected, phases, messages, the CDB, and reselection.
#include "sb/controller.h"
#include "sb/timing.h"

namespace sb {

namespace {
uint8_t highest_bit(uint8_t bits) {
  uint8_t id = 0;
  for (uint8_t i = 0; i < 8; ++i) {
    if ((bits & (1u << i)) != 0) id = i;
  }
  return id;
}
bool single_bit(uint8_t bits) { return bits != 0 && (bits & (bits - 1)) == 0; }
}  // namespace

// Answer a selection of any ID in id_mask, then take IDENTIFY (and any further messages the
// initiator sends while ATN stays asserted) and the CDB, all without the firmware.
Co Controller::enable_selection() {
  SB_CO_BEGIN(co_en_);
  for (;;) {
    cancellable_ = true;
    SB_CO_AWAIT(co_en_, await_lines(kSel | kBsy | kIo, kSel));
    if ((((lines_ >> kDataShift) & 0xFFu) & cmd_.id_mask) != 0) {
      // The selection must hold for a bus settle delay before it counts.
      mark_ = be_->now_ns();
      SB_CO_AWAIT(co_en_, await_time(mark_ + timing::kBusSettleDelay));
      {
        const uint8_t ids = static_cast<uint8_t>((lines_ >> kDataShift) & 0xFFu);
        const uint8_t mine = static_cast<uint8_t>(ids & cmd_.id_mask);
        const bool still = (lines_ & (kSel | kBsy | kIo)) == kSel && mine != 0;
        if (still) {
          const uint8_t as = highest_bit(mine);
          const uint8_t others = static_cast<uint8_t>(ids & ~(1u << as));
          const bool two_ids = single_bit(others);
          // SCSI-1 hosts may put only our ID on the bus, and may not drive parity for it.
          const bool parity_good = options_.parity_check == 0 || !two_ids || parity_ok(lines_to_data(lines_));
          if ((others == 0 || two_ids) && parity_good) {
            as_id_ = as;
            peer_ = two_ids ? highest_bit(others) : 0xFF;
            break;
          }
        }
      }
    }
    SB_CO_AWAIT(co_en_, await_lines(kSel, 0));  // someone else's selection, or a bad one
  }
  cancellable_ = false;
  be_->assert_lines(kBsy);
  SB_CO_AWAIT(co_en_, await_lines(kSel, 0));
  conn_ = Conn::kTarget;
  phase_set_ = false;
  done_.own_id = as_id_;
  done_.peer_id = peer_;
  if (peer_ != 0xFF) done_.flags |= SB_CF_INITIATOR_KNOWN;
  if ((lines_ & kAtn) != 0) done_.flags |= SB_CF_ATN;
  if ((done_.flags & SB_CF_ATN) != 0) {
    SB_CO_CALL(co_en_, co_tmsg_, target_receive_messages());
    if (done_.result != SB_OK) SB_CO_RETURN(co_en_);
    if (done_.msg_len > 0 && (done_.msg[0] & 0x80u) != 0) {
      done_.identify = done_.msg[0];
      done_.flags |= SB_CF_IDENTIFY;
    }
    if (msg_taken_ != 1 || (done_.flags & SB_CF_IDENTIFY) == 0) {
      done_.result = SB_INFO_MESSAGES;  // the firmware answers these, then asks for the CDB
      SB_CO_RETURN(co_en_);
    }
  }
  SB_CO_CALL(co_en_, co_tcmd_, target_receive_command());
  SB_CO_END(co_en_);
}

// Drive the phase lines for want_phase_ and let them settle before any REQ. The data bus is
// let go first; the settle delay also covers the initiator's data release delay.
Co Controller::target_set_phase() {
  SB_CO_BEGIN(co_phase_);
  if (phase_set_ && phase_ == want_phase_) SB_CO_RETURN(co_phase_);
  be_->release_data();
  be_->release_lines(kPhaseLines & ~phase_lines(want_phase_));
  be_->assert_lines(phase_lines(want_phase_));
  phase_ = want_phase_;
  phase_set_ = true;
  mark_ = be_->now_ns();
  SB_CO_AWAIT(co_phase_, await_time(mark_ + timing::kBusSettleDelay));
  SB_CO_END(co_phase_);
}

// MESSAGE OUT: whole messages, for as long as the initiator keeps ATN asserted.
Co Controller::target_receive_messages() {
  SB_CO_BEGIN(co_tmsg_);
  parity_bad_ = 0;
  do {
    mode_ = Mode::kMessage;
    want_phase_ = kPhaseMessageOut;
    total_ = 1;
    SB_CO_CALL(co_tmsg_, co_trecv_, target_receive());
    if (parity_bad_ != 0) break;
  } while ((lines_ & kAtn) != 0);
  done_.msg_len = static_cast<uint8_t>(msg_taken_ < kInline ? msg_taken_ : kInline);
  if (parity_bad_ != 0) {
    done_.result = SB_ERR_PARITY;
    done_.parity_index = msg_taken_ - 1;
  }
  SB_CO_END(co_tmsg_);
}

Co Controller::target_receive_command() {
  SB_CO_BEGIN(co_tcmd_);
  mode_ = Mode::kCommand;
  want_phase_ = kPhaseCommand;
  total_ = 1;
  parity_bad_ = 0;
  SB_CO_CALL(co_tcmd_, co_trecv_, target_receive());
  done_.cdb_len = static_cast<uint8_t>(index_ < kInline ? index_ : kInline);
  if (parity_bad_ != 0) {
    done_.result = SB_ERR_PARITY;
    done_.parity_index = parity_bad_ - 1;
  }
  SB_CO_END(co_tcmd_);
}

// After ATN stopped a transfer: take the initiator's messages and hand them to the firmware.
Co Controller::target_attention() {
  SB_CO_BEGIN(co_tatn_);
  SB_CO_CALL(co_tatn_, co_tmsg_, target_receive_messages());
  if (done_.result == SB_OK) done_.result = SB_INFO_ATTENTION;
  SB_CO_END(co_tatn_);
}

Co Controller::reselect_as_target() {
  SB_CO_BEGIN(co_tresel_);
  as_id_ = options_.scsi_id;
  for (uint8_t i = 0; i < 8; ++i) {
    if (cmd_.id_mask == (1u << i)) as_id_ = i;
  }
  done_.arbitration_retries = 0;
  for (;;) {
    cancellable_ = true;
    watch_reselect_ = false;
    SB_CO_CALL(co_tresel_, co_free_, bus_free());
    cancellable_ = false;
    arb_id_ = as_id_;
    SB_CO_CALL(co_tresel_, co_arb_, arbitrate());
    if (!arb_lost_) break;
    if ((cmd_.flags & SB_CMD_NO_RETRY) != 0) {
      done_.result = SB_ERR_ARBITRATION_LOST;
      SB_CO_RETURN(co_tresel_);
    }
    if (done_.arbitration_retries < 255) ++done_.arbitration_retries;
  }
  done_.flags |= SB_CF_ARBITRATED;
  // From the reselection phase on, the target drives data only while it asserts I/O.
  be_->assert_lines(kIo);
  be_->set_data_gate(DataGate::kWhenIoAsserted);
  be_->drive_data(data_with_parity(static_cast<uint8_t>((1u << as_id_) | (1u << cmd_.peer_id))));
  be_->release_lines(id_line(as_id_));
  mark_ = be_->now_ns();
  SB_CO_AWAIT(co_tresel_, await_time(mark_ + timing::kTwoDeskews));
  be_->release_lines(kBsy);
  mark_ = be_->now_ns();
  deadline2_ = mark_ + timing::kSelectionTimeout;
  SB_CO_AWAIT(co_tresel_, await_time(mark_ + timing::kBusSettleDelay));
  SB_CO_AWAIT(co_tresel_, await_lines(kBsy, kBsy, deadline2_));
  if ((lines_ & kBsy) == 0) {
    be_->release_data();
    mark_ = be_->now_ns();
    SB_CO_AWAIT(co_tresel_, await_lines(kBsy, kBsy, mark_ + timing::kSelectionAbortTime));
    if ((lines_ & kBsy) == 0) {
      be_->release_lines(kSel | kIo);
      done_.result = SB_ERR_SELECTION_TIMEOUT;
      SB_CO_RETURN(co_tresel_);
    }
  }
  be_->assert_lines(kBsy);
  mark_ = be_->now_ns();
  SB_CO_AWAIT(co_tresel_, await_time(mark_ + timing::kTwoDeskews));
  be_->release_lines(kSel);
  be_->release_data();
  conn_ = Conn::kTarget;
  peer_ = cmd_.peer_id;
  done_.peer_id = peer_;
  done_.own_id = as_id_;
  phase_ = kPhaseDataIn;  // only I/O is asserted; the firmware's first phase sets the rest
  phase_set_ = false;
  SB_CO_END(co_tresel_);
}

}  // namespace sb
