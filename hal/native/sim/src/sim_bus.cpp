#include "sb/sim_bus.h"

namespace sb {
namespace sim {

SimBus::SimBus(const TimeModel& model) : model_(model) {}

int SimBus::attach(const sb_options& options) {
  if (count_ >= SB_SIM_MAX_DEVICES) return SB_SIM_E_FULL;
  Device& d = devices_[count_];
  d.backend.bind(this, count_, model_);
  d.backend.sync_to(now_);
  d.ctrl.init(&d.backend, options);
  schedule(d, now_);  // its idle routine starts watching for a bus reset
  return count_++;
}

int SimBus::submit(int device, const sb_command& command) {
  if (device < 0 || device >= count_) return SB_SIM_E_ARGUMENT;
  Device& d = devices_[device];
  if (d.frozen) return SB_ERR_BUSY;
  d.backend.sync_to(now_);
  const int r = d.ctrl.submit(command);
  if (r == SB_OK) schedule(d, now_);
  return r;
}

int SimBus::cancel(int device) {
  if (device < 0 || device >= count_) return SB_SIM_E_ARGUMENT;
  Device& d = devices_[device];
  d.ctrl.cancel();
  d.backend.sync_to(now_);
  if (!d.frozen) schedule(d, now_);
  return SB_SIM_OK;
}

bool SimBus::has_completion(int device) const {
  return device >= 0 && device < count_ && devices_[device].ctrl.has_completion();
}

bool SimBus::take_completion(int device, sb_completion* out) {
  if (device < 0 || device >= count_) return false;
  return devices_[device].ctrl.take_completion(out);
}

void SimBus::schedule(Device& d, uint64_t t) {
  if (t < d.backend.local_time()) t = d.backend.local_time();
  if (t < d.wake_at) {
    d.wake_at = t;
    d.seq = ++seq_;
  }
}

int SimBus::run(uint32_t device_mask, uint64_t until_ns, int* completed) {
  for (int i = 0; i < count_; ++i) {
    if ((device_mask & (1u << i)) != 0 && devices_[i].ctrl.has_completion()) {
      if (completed != nullptr) *completed = i;
      return SB_RUN_COMPLETED;
    }
  }
  until_ = until_ns;
  for (;;) {
    int best = -1;
    for (int i = 0; i < count_; ++i) {
      const Device& d = devices_[i];
      if (d.frozen || d.wake_at == kNever) continue;
      if (best < 0 || d.wake_at < devices_[best].wake_at ||
          (d.wake_at == devices_[best].wake_at && d.seq < devices_[best].seq)) {
        best = i;
      }
    }
    const uint64_t device_time = best >= 0 ? devices_[best].wake_at : kNever;
    int hw = -1;
    uint64_t hw_time = kNever;
    for (int i = 0; i < count_; ++i) {
      const uint64_t h = devices_[i].backend.hardware_next();
      if (h < hw_time) {
        hw_time = h;
        hw = i;
      }
    }
    const uint64_t fault_time = faults_.next_time();
    uint64_t t = device_time < fault_time ? device_time : fault_time;
    if (hw_time < t) t = hw_time;
    if (t == kNever || t > until_ns) {
      until_ = kNever;
      if (until_ns == kNever) return SB_RUN_IDLE;
      if (until_ns > now_) now_ = until_ns;
      return SB_RUN_TIME_REACHED;
    }
    if (t > now_) now_ = t;
    if (fault_time <= device_time && fault_time <= hw_time) {
      faults_.fire_due(*this, now_);
      continue;
    }
    // Hardware edges (strobe generators) come before code that is due at the same moment.
    if (hw_time <= device_time) {
      devices_[hw].backend.hardware_fire(now_);
      if (fast_.enabled()) fast_.after_event(*this);
      continue;
    }
    step_device(best);
    if (fast_.enabled() && !devices_[best].ctrl.has_completion()) fast_.after_event(*this);
    if ((device_mask & (1u << best)) != 0 && devices_[best].ctrl.has_completion()) {
      // The device may have run ahead to a deadline within its horizon: nothing else can
      // happen before its clock, so the bus clock moves up to it with the completion.
      if (devices_[best].backend.local_time() > now_) now_ = devices_[best].backend.local_time();
      until_ = kNever;
      if (completed != nullptr) *completed = best;
      return SB_RUN_COMPLETED;
    }
  }
}

void SimBus::step_device(int index) {
  Device& d = devices_[index];
  d.wake_at = kNever;
  d.watch = 0;
  d.watch_capture = false;
  d.backend.begin_step(now_);
  const StepResult r = d.ctrl.step();
  ++steps_;
  if (d.frozen) return;
  if (r == StepResult::kCompleted || d.backend.yielded_for_horizon()) {
    schedule(d, d.backend.local_time());
    return;
  }
  const WaitCond& c = d.backend.last_wait();
  d.watch = c.mask | c.any_asserted;
  d.watch_capture = c.capture_at_least != 0;
  if (c.deadline_ns != kNever) schedule(d, c.deadline_ns);
}

uint64_t SimBus::horizon_for(int port) const {
  uint64_t h = until_;
  for (int i = 0; i < count_; ++i) {
    if (i != port && !devices_[i].frozen && devices_[i].wake_at < h) h = devices_[i].wake_at;
    // Every generator's next edge, the device's own included: it changes what the CPU reads.
    const uint64_t hw = devices_[i].backend.hardware_next();
    if (hw < h) h = hw;
  }
  const uint64_t f = faults_.next_time();
  return f < h ? f : h;
}

// Control lines first: the data transceivers' direction follows I/O (DataGate). One pass over
// the devices gives both the wire and how many drive the data bus (the monitor wants both).
uint32_t SimBus::compute_wire(int* drivers) const {
  uint32_t control = faults_.pseudo_lines();
  for (int i = 0; i < count_; ++i) control |= devices_[i].backend.control_lines();
  const bool io = (control & kIo) != 0;
  uint32_t data = 0;
  int n = 0;
  for (int i = 0; i < count_; ++i) {
    if (!devices_[i].backend.drives_data(io)) continue;
    data |= devices_[i].backend.data_lines(io);
    ++n;
  }
  *drivers = n;
  return ((control | data) ^ faults_.overlay_xor()) & kAllLines;
}

void SimBus::port_changed(int port, uint64_t t) { propagate(t, port); }

DataSource SimBus::data_source() const {
  if ((faults_.overlay_xor() & kDataAndParity) != 0) return DataSource{};
  const bool io = (wire_ & kIo) != 0;
  int drivers = 0;
  DataSource source{};
  for (int i = 0; i < count_; ++i) {
    if (!devices_[i].backend.drives_data(io)) continue;
    ++drivers;
    source = devices_[i].backend.drive_source();
  }
  return drivers == 1 ? source : DataSource{};
}

void SimBus::freeze(int device, bool release_lines) {
  if (device < 0 || device >= count_) return;
  Device& d = devices_[device];
  d.frozen = true;
  d.wake_at = kNever;
  d.backend.stop(release_lines);
}

// Brings the wire up to date after a device or a fault changed what it drives, lets the
// tracker, monitor and faults see each change in order (a fault may change the wire again),
// then latches capture units on the settled wire and wakes the devices that watch a line
// that changed.
void SimBus::propagate(uint64_t t, int writer) {
  if (propagating_) return;
  propagating_ = true;
  uint32_t rising = 0;
  uint32_t changed = 0;
  for (int round = 0; round < 16; ++round) {
    int drivers = 0;
    const uint32_t next = compute_wire(&drivers);
    if (next == wire_ && drivers == drivers_) break;
    const uint32_t before = wire_;
    const uint8_t phase_before = tracker_.phase();
    PhaseEvent ev{false, false, phase_before, 0};
    if (next != before) ev = tracker_.on_change(before, next);
    wire_ = next;
    drivers_ = drivers;
    monitor_.on_change(t, before, next, phase_before, tracker_.phase(), drivers);
    if (next != before) {
      ++edges_;
      if (((next ^ before) & ~kDataAndParity) != 0) ++control_edges_;
      trace_.record(t, next);
      rising |= next & ~before;
      changed |= next ^ before;
      faults_.on_change(*this, before, next, ev, t);
    }
  }
  propagating_ = false;
  if (changed == 0) return;
  for (int i = 0; i < count_; ++i) {
    Device& d = devices_[i];
    if (d.frozen) continue;
    if (rising != 0) d.backend.on_edge(rising, wire_);
    if (i == writer) continue;
    if ((changed & d.watch) != 0 || (d.watch_capture && d.backend.capture_event())) schedule(d, t + d.backend.reaction_ns());
  }
}

}  // namespace sim
}  // namespace sb
