// The simulated SCSI bus: up to eight devices, each running the controller core on its own
// SimBackend, on a wire-OR model of the 18 lines, in virtual time. A discrete-event scheduler
// steps whichever device is due first (ties go to the device that was scheduled first), so
// the same commands always give the same run, edge for edge.
#pragma once
#include <stdint.h>

#include <memory>

#include "sb/controller.h"
#include "sb/fast_forward.h"
#include "sb/faults.h"
#include "sb/monitor.h"
#include "sb/phase_tracker.h"
#include "sb/sim_backend.h"
#include "sb/time_model.h"
#include "sb/vcd.h"
#include "scsibridge_sim.h"

namespace sb {
namespace sim {

class FastForward;
class ExternalCpu;

class SimBus {
 public:
  explicit SimBus(const TimeModel& model = kEsp32S3Model);

  int attach(const sb_options& options);  // device index, or SB_SIM_E_FULL
  // A device whose controller runs on a backend modelled outside (external_device.h), on this
  // bus through a SimBackend as its pads. Switches the fast path off: it cannot see that
  // backend's state. Defined in external_device.cpp.
  int attach_external(const sb_options& options, ExternalCpu& cpu);
  int device_count() const { return count_; }
  int submit(int device, const sb_command& command);
  int cancel(int device);
  // sb_run_result; *completed is set for SB_RUN_COMPLETED.
  int run(uint32_t device_mask, uint64_t until_ns, int* completed);
  bool take_completion(int device, sb_completion* out);
  bool has_completion(int device) const;

  uint64_t now() const { return now_; }
  uint32_t wire() const { return wire_; }
  uint64_t edges() const { return edges_; }
  uint64_t steps() const { return steps_; }
  // The fast path for long data phases (fast_forward.h); on unless switched off.
  FastForward& fast_forward() { return fast_; }
  // Which buffer byte the data lines carry now (known only when one device drives them from
  // a buffer through a bulk loop or a generator, and no fault alters them).
  DataSource data_source() const;
  int inject(const sb_fault& fault) { return faults_.add(fault); }
  Monitor& monitor() { return monitor_; }
  Trace& trace() { return trace_; }
  std::string vcd() const { return trace_.to_vcd(0); }
  Controller& controller(int device) { return devices_[device].ctrl; }

  // For the backends and the faults.
  void port_changed(int port, uint64_t t);
  uint64_t horizon_for(int port) const;
  void freeze(int device, bool release_lines);
  void faults_changed(uint64_t t) { propagate(t, -1); }

 private:
  friend class FastForward;
  struct Device {
    SimBackend backend;
    Controller ctrl;
    uint64_t wake_at = ~0ull;
    uint64_t seq = 0;
    uint32_t watch = 0;
    bool watch_capture = false;
    bool frozen = false;
  };

  void propagate(uint64_t t, int writer);
  void step_device(int index);
  void schedule(Device& d, uint64_t t);
  uint32_t compute_wire(int* drivers) const;

  TimeModel model_;
  Device devices_[SB_SIM_MAX_DEVICES];
  int count_ = 0;
  uint64_t now_ = 0;
  uint64_t until_ = ~0ull;
  uint64_t seq_ = 0;
  uint64_t edges_ = 0;
  uint64_t steps_ = 0;
  uint64_t control_edges_ = 0;  // edges that changed a line other than DB0-7 and DBP
  uint32_t wire_ = 0;
  int drivers_ = 0;
  bool propagating_ = false;
  PhaseTracker tracker_;
  Monitor monitor_;
  Faults faults_;
  Trace trace_;
  FastForward fast_;
};

}  // namespace sim
}  // namespace sb
