// Waiting on the bus, bus free detection, arbitration and bus reset: the parts both roles share.
#include "sb/controller.h"
#include "sb/timing.h"

namespace sb {

bool Controller::await_raw(const WaitCond& cond) { return be_->wait(cond, &lines_); }

// Every wait of a command goes through here, so a bus reset, the command's timeout and a
// cancel are noticed at any wait without each routine checking for them.
bool Controller::guard(WaitCond c) {
  if (cancel_requested_ && cancellable_ && running_) {
    abort_ = Abort::kCancel;
    return false;
  }
  const bool command_deadline_first = running_ && cmd_deadline_ < c.deadline_ns;
  if (command_deadline_first) c.deadline_ns = cmd_deadline_;
  if (!self_reset_) c.any_asserted |= kRst;
  if (!be_->wait(c, &lines_)) return false;
  if (!self_reset_ && (lines_ & kRst) != 0) {
    abort_ = Abort::kReset;
    return false;
  }
  if (command_deadline_first && be_->now_ns() >= cmd_deadline_ &&
      !wait_holds(c, lines_, c.capture_at_least != 0 ? be_->capture_count() : 0)) {
    abort_ = Abort::kTimeout;
    return false;
  }
  return true;
}

bool Controller::await_lines(uint32_t mask, uint32_t value, uint64_t deadline) {
  return guard(WaitCond{mask, value, 0, 0, deadline, false});
}

bool Controller::await_change(uint32_t mask, uint32_t value, uint64_t deadline) {
  return guard(WaitCond{mask, value, 0, 0, deadline, true});
}

bool Controller::await_capture(uint32_t count, uint32_t mask, uint32_t value) {
  return guard(WaitCond{mask, value, 0, count, kNever, true});
}

bool Controller::await_time(uint64_t deadline) { return guard(WaitCond{0, 0, 0, 0, deadline, false}); }

void Controller::arm_initiator_capture() {
  if (conn_ != Conn::kInitiator) return;
  have_entry_ = false;
  if (!sync_with_peer()) {
    be_->capture_disarm();
    capture_armed_ = false;
    return;
  }
  be_->capture_arm(kReq, true);
  capture_armed_ = true;
  // A REQ already up was asserted before the capture unit watched: take it as latched now.
  const uint32_t now_lines = be_->read_lines();
  if ((now_lines & kReq) != 0) {
    entry_.lines = now_lines;
    have_entry_ = true;
  }
}

// Initiator: true once a REQ is there to be handled (req_lines_ holds the lines it came with)
// or the target has left the bus (req_lines_ without BSY). With a synchronous agreement every
// REQ edge is latched by the capture unit, so none is missed however short the pulse.
bool Controller::await_req() {
  for (;;) {
    if (have_entry_) {
      req_lines_ = entry_.lines;
      return true;
    }
    const uint32_t io_watch = driving_ ? kIo : 0u;
    if (capture_armed_) {
      if (be_->capture_pop(&entry_)) {
        have_entry_ = true;
        continue;
      }
      if (!guard(WaitCond{kBsy | io_watch, kBsy, 0, be_->capture_count() + 1, kNever, true})) return false;
      if (be_->capture_pop(&entry_)) {
        have_entry_ = true;
        continue;
      }
    } else {
      if (!guard(WaitCond{kReq | kBsy | io_watch, kBsy, 0, 0, kNever, true})) return false;
    }
    if (driving_ && (lines_ & kIo) != 0) {
      // The target turned the bus around: our drivers must be off within the data release delay.
      be_->release_data();
      driving_ = false;
      if ((lines_ & kReq) == 0 || capture_armed_) continue;
    }
    if ((lines_ & kBsy) == 0 || (!capture_armed_ && (lines_ & kReq) != 0)) {
      req_lines_ = lines_;
      return true;
    }
  }
}

// Bus free: BSY and SEL both released for at least a bus free delay. With watch_reselect_
// (an initiator in SELECT) a reselection of us ends the wait too: the target comes first.
Co Controller::bus_free() {
  SB_CO_BEGIN(co_free_);
  reselected_seen_ = false;
  lines_ = be_->read_lines();
  for (;;) {
    {
      const uint32_t me = id_line(options_.scsi_id);
      if (watch_reselect_ && (lines_ & (kSel | kBsy | kIo | me)) == (kSel | kIo | me)) {
        reselected_seen_ = true;
        break;
      }
    }
    if ((lines_ & (kBsy | kSel)) == 0) {
      mark_ = be_->now_ns();
      SB_CO_AWAIT(co_free_, await_change(kBsy | kSel, 0, mark_ + timing::kBusFreeDelay));
      // Free for the whole delay; BSY that appears at that very instant is another device
      // that saw the same bus free, and both may arbitrate (within the bus set delay).
      if ((lines_ & kSel) == 0 && ((lines_ & kBsy) == 0 || be_->now_ns() >= mark_ + timing::kBusFreeDelay)) break;
      continue;
    }
    watched_ = lines_ & (kBsy | kSel | kIo | id_line(options_.scsi_id));
    SB_CO_AWAIT(co_free_, await_change(kBsy | kSel | kIo | id_line(options_.scsi_id), watched_));
  }
  SB_CO_END(co_free_);
}

// Arbitration for arb_id_ right after bus free. Sets arb_lost_; on a win SEL is asserted and
// the bus clear plus bus settle delays have passed, BSY and the ID bit still asserted.
Co Controller::arbitrate() {
  SB_CO_BEGIN(co_arb_);
  arb_lost_ = false;
  be_->assert_lines(kBsy | id_line(arb_id_));
  mark_ = be_->now_ns();
  SB_CO_AWAIT(co_arb_, await_time(mark_ + timing::kArbitrationDelay));
  {
    const uint32_t ids = (lines_ >> kDataShift) & 0xFFu;
    const uint32_t higher = 0xFFu & ~((2u << arb_id_) - 1u);
    if ((lines_ & kSel) != 0 || (ids & higher) != 0) {
      be_->release_lines(kBsy | id_line(arb_id_));
      arb_lost_ = true;
      SB_CO_RETURN(co_arb_);
    }
  }
  be_->assert_lines(kSel);
  mark_ = be_->now_ns();
  SB_CO_AWAIT(co_arb_, await_time(mark_ + timing::kSelectionSettle));
  SB_CO_END(co_arb_);
}

Co Controller::reset_bus() {
  SB_CO_BEGIN(co_rst_);
  self_reset_ = true;
  release_everything();
  be_->assert_lines(kRst);
  mark_ = be_->now_ns();
  SB_CO_AWAIT(co_rst_, await_time(mark_ + timing::kResetHoldTime));
  be_->release_lines(kRst);
  self_reset_ = false;
  ++resets_seen_;
  SB_CO_END(co_rst_);
}

}  // namespace sb
