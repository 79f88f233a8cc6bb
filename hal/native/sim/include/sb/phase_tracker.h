// Follows the bus through its phases from the line changes alone, and counts the bytes of
// each information phase by the sender's strobe (REQ when the target sends, ACK when the
// initiator sends). Shared by the monitor and the fault triggers.
#pragma once
#include <stdint.h>

namespace sb {
namespace sim {

class FastForward;

struct PhaseEvent {
  bool entered;         // the bus phase changed to `phase`
  bool strobe;          // the sender strobed byte `byte_index` of `phase`
  uint8_t phase;
  uint32_t byte_index;
};

class PhaseTracker {
 public:
  PhaseEvent on_change(uint32_t before, uint32_t after);
  uint8_t phase() const { return phase_; }
  uint32_t bytes() const { return bytes_; }
  static bool is_information(uint8_t phase) { return phase <= 7; }

 private:
  friend class FastForward;
  uint8_t phase_ = 8;  // bus free
  uint32_t bytes_ = 0;
};

}  // namespace sim
}  // namespace sb
