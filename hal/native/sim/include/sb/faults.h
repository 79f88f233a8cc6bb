// Faults injected on demand: a corrupted parity bit, a device that stops answering or
// vanishes, a bus reset, a glitch, a target that breaks the phase rules. Each fires once, at a
// virtual time or when the bus reaches a phase (and a byte of it).
#pragma once
#include <stdint.h>

#include "sb/phase_tracker.h"
#include "scsibridge_sim.h"

namespace sb {
namespace sim {

class FastForward;

class SimBus;

class Faults {
 public:
  static constexpr int kMax = 32;

  int add(const sb_fault& fault);
  // The earliest moment a fault has something to do by the clock (kNever if none).
  uint64_t next_time() const;
  void fire_due(SimBus& bus, uint64_t t);
  // Called for every change of the wire, after the phase tracker has seen it.
  void on_change(SimBus& bus, uint32_t before, uint32_t after, const PhaseEvent& ev, uint64_t t);

  uint32_t overlay_xor() const { return overlay_; }
  uint32_t pseudo_lines() const;
  // Nothing left to fire or to hold: the bus behaves as if there were no faults at all.
  bool idle() const;

 private:
  friend class FastForward;
  struct Slot {
    sb_fault f;
    bool fired;
    bool active;      // holding lines or an overlay until `end` (or the strobe's release)
    uint64_t end;
    uint32_t lines;
  };
  void start(SimBus& bus, Slot& s, uint64_t t, uint32_t wire, bool on_strobe);
  bool matches(const Slot& s, const PhaseEvent& ev) const;
  static bool same_fault(const sb_fault& a, const sb_fault& b);

  Slot slots_[kMax]{};
  int count_ = 0;
  uint32_t overlay_ = 0;
  uint32_t overlay_strobe_ = 0;  // the parity overlay ends when this strobe is released
  uint64_t overlay_end_ = ~0ull; // or at this time (a timed parity fault)
};

}  // namespace sim
}  // namespace sb
