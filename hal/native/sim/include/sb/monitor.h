// The bus monitor: checks every line change against the SCSI-2 protocol and timing rules and
// records each violation with its time and the lines. Tests that inject no fault require none.
#pragma once
#include <stdint.h>

#include <vector>

#include "scsibridge_sim.h"

namespace sb {
namespace sim {

class FastForward;

class Monitor {
 public:
  // before/after: the wire; phase_before/phase_after: the tracker's view around the change;
  // data_drivers: devices with data drivers on after the change.
  void on_change(uint64_t t, uint32_t before, uint32_t after, uint8_t phase_before, uint8_t phase_after,
                 int data_drivers);
  const std::vector<sb_violation>& violations() const { return violations_; }

 private:
  friend class FastForward;
  void flag(uint64_t t, uint32_t lines, uint32_t rule, const char* text);
  static uint32_t setup_for(uint64_t t, uint64_t previous_strobe);

  std::vector<sb_violation> violations_;
  uint64_t bus_free_since_ = 0;
  uint64_t arbitration_start_ = 0;
  uint64_t selection_start_ = 0;
  uint64_t phase_change_ = 0;
  uint64_t data_change_ = 0;
  uint64_t reset_start_ = 0;
  bool reset_flagged_ = false;
  uint32_t reqs_ = 0;
  uint32_t acks_ = 0;
  uint64_t last_req_ = 0;  // assertion of the phase's previous REQ (0: none yet)
  uint64_t last_ack_ = 0;
};

}  // namespace sim
}  // namespace sb
