// Initiator role: DATA IN and DATA OUT. The core finds the phase and decides; the bytes move
// in the backend's bulk loop (bulk_loops.h), asynchronous or synchronous.
#include "sb/controller.h"
#include "sb/timing.h"

namespace sb {

// Hands the data phase to the backend: everything the loop needs, decided here.
void Controller::prepare_bulk(uint8_t phase, uint8_t* data, uint32_t count) {
  bulk_.data = data;
  bulk_.count = count;
  bulk_.deadline_ns = cmd_deadline_;
  bulk_.phase = phase;
  bulk_.initiator = conn_ == Conn::kInitiator;
  bulk_.parity_check = options_.parity_check != 0;
  bulk_.sync = sync_with_peer();
  bulk_.have_first = false;
  bulk_.first_lines = 0;
  if (bulk_.sync) {
    done_.flags |= SB_CF_SYNC;
    set_sync_timing();
    bulk_.offset = sync_[peer_].offset;
    bulk_.assert_ns = assert_ns_;
    bulk_.negate_ns = negate_ns_;
    // The REQ that opened the phase is already latched: it is the transfer's first.
    if (bulk_.initiator && have_entry_) {
      bulk_.have_first = true;
      bulk_.first_lines = entry_.lines;
      have_entry_ = false;
    }
  }
  bulk_begin(bulk_);
}

// The backend's report turned into the command's outcome. false: a bus reset or the
// command's timeout ended it, and the routine must stop here (abort_ is set).
bool Controller::take_bulk_outcome() {
  index_ = bulk_.moved;
  if (bulk_.parity_bad != 0 && parity_bad_ == 0) parity_bad_ = bulk_.parity_bad;
  lines_ = bulk_.lines;
  switch (bulk_.end) {
    case BulkEnd::kDone:
      break;
    case BulkEnd::kPhaseChanged:
      phase_ = phase_of(bulk_.lines);
      done_.result = SB_ERR_PHASE_MISMATCH;
      if (bulk_.have_pending) {
        entry_.lines = bulk_.pending_lines;
        have_entry_ = true;
      }
      break;
    case BulkEnd::kBusFree:
      release_everything();
      done_.result = SB_ERR_UNEXPECTED_DISCONNECT;
      break;
    case BulkEnd::kAttention:
      atn_stop_ = true;
      break;
    case BulkEnd::kReset:
      abort_ = Abort::kReset;
      return false;
    case BulkEnd::kDeadline:
      abort_ = Abort::kTimeout;
      return false;
    default:
      done_.result = SB_ERR_INVALID;
      break;
  }
  return true;
}

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
  prepare_bulk(want_phase_, data_, total_);
  SB_CO_AWAIT(co_xfer_, be_->transfer(bulk_));
  if (!take_bulk_outcome()) return Co::kPending;
  finish_data_counts();
  if (done_.result == SB_OK) SB_CO_CALL(co_xfer_, co_req_, wait_request());
  if (parity_bad_ != 0 && (done_.result == SB_OK || done_.result == SB_ERR_PHASE_MISMATCH)) {
    done_.result = SB_ERR_PARITY;
    done_.parity_index = parity_bad_ - 1;
  }
  SB_CO_END(co_xfer_);
}

}  // namespace sb
