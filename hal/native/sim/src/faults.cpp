#include "sb/faults.h"

#include "sb/backend.h"
#include "sb/lines.h"
#include "sb/sim_bus.h"
#include "sb/timing.h"

namespace sb {
namespace sim {

namespace {
constexpr uint64_t kDefaultDuration = 100;
uint64_t duration_of(const sb_fault& f) { return f.duration_ns != 0 ? f.duration_ns : kDefaultDuration; }
}  // namespace

int Faults::add(const sb_fault& f) {
  if (f.kind < SB_FAULT_PARITY || f.kind > SB_FAULT_PHASE_VIOLATION) return SB_SIM_E_ARGUMENT;
  if (f.phase != SB_TRIGGER_AT_TIME && f.phase > kPhaseReselection) return SB_SIM_E_ARGUMENT;
  if ((f.kind == SB_FAULT_STOP_RESPONDING || f.kind == SB_FAULT_VANISH) && f.device >= SB_SIM_MAX_DEVICES) {
    return SB_SIM_E_ARGUMENT;
  }
  if (f.kind == SB_FAULT_GLITCH && f.line >= kLineCount) return SB_SIM_E_ARGUMENT;
  if (count_ >= kMax) return SB_SIM_E_FULL;
  slots_[count_++] = Slot{f, false, false, kNever, 0};
  return SB_SIM_OK;
}

uint64_t Faults::next_time() const {
  uint64_t t = overlay_ != 0 ? overlay_end_ : kNever;
  for (int i = 0; i < count_; ++i) {
    const Slot& s = slots_[i];
    if (!s.fired && s.f.phase == SB_TRIGGER_AT_TIME && s.f.time_ns < t) t = s.f.time_ns;
    if (s.active && s.end < t) t = s.end;
  }
  return t;
}

bool Faults::idle() const {
  if (overlay_ != 0) return false;
  for (int i = 0; i < count_; ++i) {
    if (!slots_[i].fired || slots_[i].active) return false;
  }
  return true;
}

uint32_t Faults::pseudo_lines() const {
  uint32_t lines = 0;
  for (int i = 0; i < count_; ++i) {
    if (slots_[i].active) lines |= slots_[i].lines;
  }
  return lines;
}

void Faults::fire_due(SimBus& bus, uint64_t t) {
  for (int i = 0; i < count_; ++i) {
    Slot& s = slots_[i];
    if (s.active && s.end <= t) {
      s.active = false;
      s.lines = 0;
    }
  }
  if (overlay_ != 0 && overlay_end_ <= t) {
    overlay_ = 0;
    overlay_end_ = kNever;
  }
  for (int i = 0; i < count_; ++i) {
    Slot& s = slots_[i];
    if (!s.fired && s.f.phase == SB_TRIGGER_AT_TIME && s.f.time_ns <= t) start(bus, s, t, bus.wire(), false);
  }
  bus.faults_changed(t);
}

bool Faults::matches(const Slot& s, const PhaseEvent& ev) const {
  if (s.fired || s.f.phase == SB_TRIGGER_AT_TIME) return false;
  if (!PhaseTracker::is_information(s.f.phase)) return ev.entered && ev.phase == s.f.phase;
  return ev.strobe && ev.phase == s.f.phase && ev.byte_index == s.f.byte_index;
}

void Faults::on_change(SimBus& bus, uint32_t before, uint32_t after, const PhaseEvent& ev, uint64_t t) {
  if (overlay_ != 0 && overlay_strobe_ != 0 && (before & overlay_strobe_) != 0 && (after & overlay_strobe_) == 0) {
    overlay_ = 0;
    overlay_strobe_ = 0;
  }
  // Identical faults fire on successive occurrences of their trigger, one per occurrence, so
  // that "a parity error at byte 10, three times" hits the retries too.
  bool fired_here[kMax] = {};
  for (int i = 0; i < count_; ++i) {
    if (!matches(slots_[i], ev)) continue;
    bool twin = false;
    for (int j = 0; j < i && !twin; ++j) twin = fired_here[j] && same_fault(slots_[j].f, slots_[i].f);
    if (twin) continue;
    start(bus, slots_[i], t, after, ev.strobe);
    fired_here[i] = true;
  }
}

bool Faults::same_fault(const sb_fault& a, const sb_fault& b) {
  return a.kind == b.kind && a.phase == b.phase && a.byte_index == b.byte_index && a.device == b.device &&
         a.line == b.line && a.duration_ns == b.duration_ns;
}

void Faults::start(SimBus& bus, Slot& s, uint64_t t, uint32_t wire, bool on_strobe) {
  s.fired = true;
  switch (s.f.kind) {
    case SB_FAULT_PARITY:
      overlay_ = kDbp;
      if (on_strobe) {
        // Wrong from the sender's strobe until its release: exactly one byte is corrupted.
        overlay_strobe_ = phase_is_in(s.f.phase) ? kReq : kAck;
        overlay_end_ = kNever;
      } else {
        overlay_strobe_ = 0;
        overlay_end_ = t + duration_of(s.f);
      }
      break;
    case SB_FAULT_STOP_RESPONDING:
      bus.freeze(s.f.device, false);
      break;
    case SB_FAULT_VANISH:
      bus.freeze(s.f.device, true);
      break;
    case SB_FAULT_RESET:
      s.active = true;
      s.lines = kRst;
      s.end = t + timing::kResetHoldTime;
      break;
    case SB_FAULT_GLITCH:
      s.active = true;
      s.lines = 1u << s.f.line;
      s.end = t + duration_of(s.f);
      break;
    case SB_FAULT_PHASE_VIOLATION:
      // Wire-OR can only add: assert the phase lines that are off, which moves the bus to
      // another phase while the handshake is under way.
      s.active = true;
      s.lines = kPhaseLines & ~wire;
      if (s.lines == 0) s.lines = kAtn;  // MESSAGE IN has all three: disturb with ATN instead
      s.end = t + duration_of(s.f);
      break;
    default:
      break;
  }
}

}  // namespace sim
}  // namespace sb
