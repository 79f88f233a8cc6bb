#include "sb/phase_tracker.h"

#include "sb/lines.h"

namespace sb {
namespace sim {

PhaseEvent PhaseTracker::on_change(uint32_t before, uint32_t after) {
  PhaseEvent ev{false, false, phase_, 0};
  uint8_t next;
  if ((after & kRst) != 0) {
    next = kPhaseReset;
  } else if ((after & (kBsy | kSel)) == 0) {
    next = kPhaseBusFree;
  } else if ((after & kSel) != 0) {
    next = (after & kIo) != 0 ? kPhaseReselection : kPhaseSelection;
  } else if (phase_ == kPhaseBusFree || phase_ == kPhaseArbitration || phase_ == kPhaseReset) {
    next = kPhaseArbitration;  // BSY without SEL, straight from a free bus
  } else {
    next = phase_of(after);
  }
  if (next != phase_) {
    phase_ = next;
    bytes_ = 0;
    ev.entered = true;
    ev.phase = next;
  }
  if (is_information(phase_)) {
    const uint32_t strobe = phase_is_in(phase_) ? kReq : kAck;
    if ((after & strobe) != 0 && (before & strobe) == 0) {
      ev.strobe = true;
      ev.phase = phase_;
      ev.byte_index = bytes_++;
    }
  }
  return ev;
}

}  // namespace sim
}  // namespace sb
