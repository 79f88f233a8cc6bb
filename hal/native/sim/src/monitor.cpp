#include "sb/monitor.h"

#include <stdio.h>
#include <string.h>

#include "sb/lines.h"
#include "sb/phase_tracker.h"
#include "sb/timing.h"

namespace sb {
namespace sim {

namespace {
constexpr size_t kMaxRecorded = 10000;  // a broken run should not eat the memory
}

void Monitor::flag(uint64_t t, uint32_t lines, uint32_t rule, const char* text) {
  if (violations_.size() >= kMaxRecorded) return;
  sb_violation v{};
  v.time_ns = t;
  v.lines = lines;
  v.rule = rule;
  snprintf(v.text, sizeof v.text, "%llu ns: %s", static_cast<unsigned long long>(t), text);
  violations_.push_back(v);
}

// The bus does not say what period was agreed; strobes of one phase closer together than the
// fast limit can only be a fast synchronous transfer, which has the shorter fast data setup.
uint32_t Monitor::setup_for(uint64_t t, uint64_t previous_strobe) {
  const bool fast = previous_strobe != 0 && t - previous_strobe < timing::kFastPeriodBelow;
  return fast ? timing::kFastDataSetup : timing::kDataSetup;
}

void Monitor::on_change(uint64_t t, uint32_t before, uint32_t after, uint8_t phase_before,
                        uint8_t phase_after, int data_drivers) {
  using namespace timing;
  const uint32_t changed = before ^ after;
  const uint32_t rose = after & ~before;
  const uint32_t fell = before & ~after;

  // Reset: every device must let go within a bus clear delay; nothing else is checked then.
  if ((rose & kRst) != 0) {
    reset_start_ = t;
    reset_flagged_ = false;
  }
  if (((before | after) & kRst) != 0) {
    const uint32_t held = ((after & kRst) != 0 ? after : before) & ~kRst;
    if (!reset_flagged_ && held != 0 && t >= reset_start_ + kBusClearDelay) {
      flag(t, after, SB_RULE_RESET_NOT_RELEASED, "a line is still asserted a bus clear delay after RST");
      reset_flagged_ = true;
    }
    if ((fell & kRst) != 0) bus_free_since_ = t;
    return;
  }

  if (phase_after == kPhaseBusFree && phase_before != kPhaseBusFree) bus_free_since_ = t;
  if (phase_before == kPhaseBusFree && (rose & (kBsy | kSel)) != 0) {
    if (t - bus_free_since_ < kBusFreeDelay) {
      flag(t, after, SB_RULE_BUS_FREE_DELAY, "arbitration or selection began within a bus free delay of bus free");
    }
    arbitration_start_ = t;
  }
  if ((rose & kSel) != 0 && phase_before == kPhaseArbitration && t - arbitration_start_ < kArbitrationDelay) {
    flag(t, after, SB_RULE_ARBITRATION_DELAY, "SEL asserted less than an arbitration delay after BSY");
  }
  if (phase_after == kPhaseSelection || phase_after == kPhaseReselection) {
    if ((fell & kBsy) != 0 || ((rose & kSel) != 0 && (after & kBsy) == 0)) selection_start_ = t;
    if ((rose & kBsy) != 0 && t - selection_start_ > kSelectionAbortTime) {
      flag(t, after, SB_RULE_SELECTION_TOO_LATE, "BSY answered a selection after the selection abort time");
    }
  }

  const bool info_before = PhaseTracker::is_information(phase_before);
  const bool info_after = PhaseTracker::is_information(phase_after);
  if (info_after && !info_before) {
    phase_change_ = t;
    reqs_ = acks_ = 0;
    last_req_ = last_ack_ = 0;
  }
  if (info_before && info_after && (changed & kPhaseLines) != 0) {
    if ((before & (kReq | kAck)) != 0) {
      flag(t, after, SB_RULE_PHASE_CHANGED_DURING_HANDSHAKE, "phase lines changed while REQ or ACK was asserted");
    }
    phase_change_ = t;
    reqs_ = acks_ = 0;
    last_req_ = last_ack_ = 0;
  }
  if (!info_after) {
    if ((changed & kDataAndParity) != 0) data_change_ = t;
    return;
  }
  const bool in = phase_is_in(phase_after);
  if ((changed & kDataAndParity) != 0) {
    // The receiver samples while the sender's strobe is up and not yet answered.
    const bool sampling = in ? ((before & kReq) != 0 && (before & kAck) == 0) : (before & kAck) != 0;
    if (sampling) flag(t, after, SB_RULE_DATA_CHANGED_IN_WINDOW, "data lines changed while the receiver could be sampling them");
    data_change_ = t;
  }
  if ((rose & kReq) != 0) {
    ++reqs_;
    if (t - phase_change_ < kBusSettleDelay) {
      flag(t, after, SB_RULE_PHASE_SETTLE, "REQ asserted less than a bus settle delay after the phase changed");
    }
    if (in && t - data_change_ < setup_for(t, last_req_)) {
      flag(t, after, SB_RULE_DATA_SETUP, "REQ asserted less than deskew plus cable skew after the data changed");
    }
    last_req_ = t;
  }
  if ((rose & kAck) != 0) {
    if (acks_ >= reqs_) flag(t, after, SB_RULE_ACK_WITHOUT_REQ, "ACK asserted with no REQ outstanding");
    ++acks_;
    if (!in && t - data_change_ < setup_for(t, last_ack_)) {
      flag(t, after, SB_RULE_DATA_SETUP, "ACK asserted less than deskew plus cable skew after the data changed");
    }
    last_ack_ = t;
  }
  if ((fell & kAtn) != 0 && phase_after == kPhaseMessageOut && (before & kAck) != 0) {
    flag(t, after, SB_RULE_ATN_RELEASED_DURING_ACK, "ATN released while ACK was asserted in MESSAGE OUT");
  }
  if (data_drivers > 1) flag(t, after, SB_RULE_TWO_DATA_DRIVERS, "two devices drive the data bus in an information phase");
}

}  // namespace sim
}  // namespace sb
