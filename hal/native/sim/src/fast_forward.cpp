#include <stdio.h>
#include <stdlib.h>
#include "sb/fast_forward.h"

#include "sb/bulk_loops.h"
#include "sb/lines.h"
#include "sb/sim_bus.h"

namespace sb {
namespace sim {

namespace {

// Bytes left to every transfer and every source buffer after a jump: the end of a transfer,
// its last grants and the offset's worth of strobes ahead are always simulated edge by edge.
constexpr uint32_t kMarginBytes = 64;


}  // namespace

// Every part of the state that can steer what happens next, in a fixed order: times (moved by
// a whole cycle's time, or not at all), byte counters (moved by the cycle's bytes, or not at
// all) and fixed values (equal). The same walk records a snapshot and applies a jump.
template <class V>
void FastForward::visit(SimBus& bus, V& v) {
  v.fixed(static_cast<uint64_t>(bus.count_));
  v.fixed(bus.wire_ & ~kDataAndParity);
  v.fixed(static_cast<uint64_t>(bus.drivers_));
  v.fixed(bus.tracker_.phase_);
  v.count(bus.tracker_.bytes_);
  Monitor& m = bus.monitor_;
  v.time(m.bus_free_since_);
  v.time(m.arbitration_start_);
  v.time(m.selection_start_);
  v.time(m.phase_change_);
  v.time(m.data_change_);
  v.time(m.reset_start_);
  v.fixed(m.reset_flagged_);
  v.count(m.reqs_);
  v.count(m.acks_);
  v.time(m.last_req_);
  v.time(m.last_ack_);
  for (int i = 0; i < bus.count_; ++i) {
    SimBus::Device& d = bus.devices_[i];
    SimBackend& b = d.backend;
    v.fixed(d.frozen);
    v.time(d.wake_at);
    // The order in which devices due at the same moment run.
    uint64_t rank = 0;
    for (int j = 0; j < bus.count_; ++j) {
      if (j != i && bus.devices_[j].wake_at != kNever && bus.devices_[j].seq < d.seq) ++rank;
    }
    v.fixed(d.wake_at == kNever ? ~0ull : rank);
    v.fixed(d.watch);
    v.fixed(d.watch_capture);
    v.fixed(b.stopped_);
    v.time(b.local_);
    v.fixed(b.pending_);
    v.fixed(b.asserted_);
    v.fixed(b.data_enabled_);
    v.fixed(static_cast<uint64_t>(b.gate_));
    v.fixed(b.yielded_for_horizon_);
    v.fixed(b.bulk_);
    v.fixed(b.waiting_in_bulk_);
    v.fixed(b.capture_event_);
    WaitCond& c = b.last_wait_;
    v.fixed(c.mask);
    v.fixed(c.value);
    v.fixed(c.any_asserted);
    v.fixed(c.until_different);
    v.count(c.capture_at_least);
    v.time(c.deadline_ns);
    v.fixed(b.cap_armed_);
    v.fixed(b.cap_latch_);
    v.fixed(b.cap_strobe_);
    v.count(b.cap_count_);
    v.fixed(b.cap_size_);
    for (uint32_t k = 0; k < b.cap_size_; ++k) {
      const uint32_t at = (b.cap_head_ + k) % SimBackend::kFifo;
      v.fixed(b.cap_fifo_[at].lines & ~kDataAndParity);
      v.source(b.cap_src_[at]);
    }
    v.fixed(b.gen_on_);
    v.fixed(b.gen_high_);
    v.fixed(b.gen_line_);
    v.fixed(b.gen_data_ != nullptr);
    v.fixed(b.gen_assert_);
    v.fixed(b.gen_negate_);
    v.count(b.gen_granted_);
    v.count(b.gen_done_);
    v.time(b.gen_ready_);
    v.time(b.gen_next_);
    v.source(b.drive_src_);
    v.source(b.sampled_src_);
    v.count(b.samples_);
    v.count(b.transfer_samples_start_);
    BulkTransfer* t = b.active_;
    v.fixed(t != nullptr);
    if (t != nullptr) {
      v.fixed(t->state);
      v.fixed(t->phase);
      v.fixed(t->initiator);
      v.fixed(t->sync);
      v.fixed(t->atn_seen);
      v.fixed(t->have_first);
      v.fixed(t->have_pending);
      v.fixed(static_cast<uint64_t>(t->end));
      v.count(t->moved);
      v.count(t->granted);
      v.count(t->wait_count);
      v.time(t->mark_ns);
      v.time(t->deadline_ns);
    }
  }
}

namespace {

// Records the walk.
struct Recorder {
  std::vector<FastForward::Field>& out;
  void fixed(uint64_t x) { out.push_back(FastForward::Field{FastForward::kFixed, x}); }
  void time(uint64_t& t) { out.push_back(FastForward::Field{FastForward::kTime, t}); }
  void count(uint32_t& c) { out.push_back(FastForward::Field{FastForward::kCount, c}); }
  void source(DataSource& s) {
    fixed(s.known);
    fixed(reinterpret_cast<uintptr_t>(s.buffer));
    count(s.index);
  }
};

// Applies a jump of `cycles` to every field that moved during the matched cycle.
struct Jumper {
  const std::vector<bool>& moved;
  uint64_t dt;
  uint32_t db;
  size_t at = 0;
  void fixed(uint64_t) { ++at; }
  void time(uint64_t& t) {
    if (moved[at++]) t += dt;
  }
  void count(uint32_t& c) {
    if (moved[at++]) c += db;
  }
  void source(DataSource& s) {
    fixed(0);
    fixed(0);
    count(s.index);
  }
};

}  // namespace

bool FastForward::capture(SimBus& bus, int leader, Snapshot* out) {
  const BulkTransfer* lead_t = bus.devices_[leader].backend.active_transfer();
  out->fields.clear();
  out->now = bus.now_;
  out->leader_moved = lead_t->moved;
  out->control_edges = bus.control_edges_;
  out->steps = bus.steps_;
  out->violations = bus.monitor_.violations().size();
  for (int i = 0; i < bus.count_; ++i) {
    const SimBackend& b = bus.devices_[i].backend;
    if (b.data_enabled_ && !b.drive_src_.known) return false;
    for (uint32_t k = 0; k < b.cap_size_; ++k) {
      if (!b.cap_src_[(b.cap_head_ + k) % SimBackend::kFifo].known) return false;
    }
  }
  Recorder r{out->fields};
  visit(bus, r);
  // A hash of the fixed fields: snapshots that differ in one cannot match.
  uint64_t h = 1469598103934665603ull;
  for (const Field& f : out->fields) {
    if (f.kind == kFixed) h = (h ^ f.value) * 1099511628211ull;
  }
  out->shape = h;
  return true;
}

bool FastForward::after_event(SimBus& bus) {
  if (!enabled_) return false;
  if (bus.trace_.enabled() || !bus.faults_.idle()) {
    forget();
    return false;
  }
  int leader = -1;
  for (int i = 0; i < bus.count_; ++i) {
    if (bus.devices_[i].backend.active_transfer() != nullptr) {
      leader = i;
      break;
    }
  }
  if (leader < 0) {
    forget();
    leader_ = -1;
    return false;
  }
  // Which transfers are running: a new one anywhere starts the search afresh.
  uint64_t epoch = 1469598103934665603ull;
  for (int i = 0; i < bus.count_; ++i) {
    const BulkTransfer* t = bus.devices_[i].backend.active_transfer();
    epoch = (epoch ^ reinterpret_cast<uintptr_t>(t)) * 1099511628211ull;
    epoch = (epoch ^ (t != nullptr ? t->count : 0u)) * 1099511628211ull;
  }
  const uint32_t moved = bus.devices_[leader].backend.active_transfer()->moved;
  if (leader != leader_ || moved < last_moved_ || epoch != epoch_) {
    forget();
    leader_ = leader;
    epoch_ = epoch;
    last_moved_ = moved;
    tries_left_ = kTriesPerTransfer;
    return false;
  }
  if (moved == last_moved_ || tries_left_ == 0) return false;
  last_moved_ = moved;
  --tries_left_;

  Snapshot& now_snap = slots_[next_slot_];
  if (!capture(bus, leader, &now_snap)) {
    forget();
    return false;
  }
  for (size_t k = 1; k <= filled_; ++k) {
    const Snapshot& old = slots_[(next_slot_ + kHistory - k) % kHistory];
    if (old.shape != now_snap.shape) continue;
    if (jump(bus, old, now_snap)) {
      forget();
      last_moved_ = bus.devices_[leader].backend.active_transfer()->moved;
      tries_left_ = kTriesPerTransfer;
      return true;
    }
  }
  next_slot_ = (next_slot_ + 1) % kHistory;
  if (filled_ < kHistory) ++filled_;
  return false;
}

bool FastForward::jump(SimBus& bus, const Snapshot& from, const Snapshot& to) {
  const uint64_t period = to.now - from.now;
  const uint32_t bytes = to.leader_moved - from.leader_moved;
  if (period == 0 || bytes == 0 || to.violations != from.violations) return false;
  if (from.fields.size() != to.fields.size()) return false;
  // The cycle repeats when every field is unchanged or moved by exactly the cycle.
  std::vector<bool> moved(to.fields.size(), false);
  uint64_t fixed_future = kNever;  // the earliest future time that stays where it is
  for (size_t k = 0; k < to.fields.size(); ++k) {
    const Field& a = from.fields[k];
    const Field& b = to.fields[k];
    if (a.kind != b.kind) return false;
    if (a.value == b.value) {
      if (b.kind == kTime && b.value != kNever && b.value > to.now && b.value < fixed_future) fixed_future = b.value;
      continue;
    }
    if (b.kind == kTime && b.value - a.value == period) {
      moved[k] = true;
    } else if (b.kind == kCount && static_cast<uint32_t>(b.value - a.value) == bytes) {
      moved[k] = true;
    } else {
      return false;
    }
  }
  const uint64_t dedges = to.control_edges - from.control_edges;
  const uint64_t dsteps = to.steps - from.steps;

  // How many cycles fit: every transfer keeps its margin, every fixed future time stays ahead
  // of the jump by a cycle.
  uint64_t cycles = ~0ull;
  // The caller's time limit for this run is a fixed point too, whatever it was before.
  if (bus.until_ < fixed_future) fixed_future = bus.until_;
  if (fixed_future != kNever) {
    if (fixed_future <= bus.now_ + 2 * period) return false;
    cycles = (fixed_future - bus.now_ - 2 * period) / period;
  }
  for (int i = 0; i < bus.count_; ++i) {
    const BulkTransfer* t = bus.devices_[i].backend.active_transfer();
    if (t == nullptr) continue;
    const uint32_t used = t->moved > t->granted ? t->moved : t->granted;
    if (used + kMarginBytes >= t->count) return false;
    const uint64_t c = (t->count - used - kMarginBytes) / bytes;
    if (c < cycles) cycles = c;
  }
  if (cycles == 0 || cycles == ~0ull) return false;
  const uint32_t advance = static_cast<uint32_t>(cycles * bytes);
  for (int i = 0; i < bus.count_; ++i) {
    const SimBackend& b = bus.devices_[i].backend;
    if (b.drive_src_.known && !source_has_room(bus, b.drive_src_, advance)) return false;
    if (b.sampled_src_.known && b.active_ != nullptr && !source_has_room(bus, b.sampled_src_, advance)) return false;
    for (uint32_t k = 0; k < b.cap_size_; ++k) {
      if (!source_has_room(bus, b.cap_src_[(b.cap_head_ + k) % SimBackend::kFifo], advance)) return false;
    }
  }

  // Receivers first: the bytes they would have latched, from their senders' buffers.
  for (int i = 0; i < bus.count_; ++i) {
    SimBackend& b = bus.devices_[i].backend;
    BulkTransfer* t = b.active_;
    if (t == nullptr) continue;
    const bool receives = t->initiator == (t->phase == kPhaseDataIn);
    if (!receives) continue;
    if (!b.sampled_src_.known) return false;
    const uint32_t stored = b.samples_ - b.transfer_samples_start_;  // bytes stored so far
    const uint8_t* src = b.sampled_src_.buffer + b.sampled_src_.index + 1;
    for (uint32_t k = 0; k < advance; ++k) t->data[stored + k] = src[k];
  }
  // Edges on the data lines: one for every byte that differs from the one before it.
  uint64_t data_edges = 0;
  for (int i = 0; i < bus.count_; ++i) {
    const SimBackend& b = bus.devices_[i].backend;
    if (!b.data_enabled_ || !b.drive_src_.known) continue;
    const uint8_t* s = b.drive_src_.buffer + b.drive_src_.index;
    for (uint32_t k = 1; k <= advance; ++k) {
      if (bulk::nine_of(s[k]) != bulk::nine_of(s[k - 1])) ++data_edges;
    }
  }
  Jumper j{moved, cycles * period, advance};
  visit(bus, j);
  // The data the cycles leave on the drivers and in the capture FIFOs.
  for (int i = 0; i < bus.count_; ++i) {
    SimBackend& b = bus.devices_[i].backend;
    if (b.drive_src_.known && b.data_enabled_) b.data_ = bulk::nine_of(b.drive_src_.buffer[b.drive_src_.index]);
    for (uint32_t k = 0; k < b.cap_size_; ++k) {
      const uint32_t at = (b.cap_head_ + k) % SimBackend::kFifo;
      const DataSource& s = b.cap_src_[at];
      b.cap_fifo_[at].lines = (b.cap_fifo_[at].lines & ~kDataAndParity) | data_to_lines(bulk::nine_of(s.buffer[s.index]));
    }
  }
  bus.now_ += cycles * period;
  int drivers = 0;
  bus.wire_ = bus.compute_wire(&drivers);
  bus.drivers_ = drivers;
  bus.edges_ += cycles * dedges + data_edges;
  bus.control_edges_ += cycles * dedges;
  bus.steps_ += cycles * dsteps;
  cycles_skipped_ += cycles;
  bytes_skipped_ += advance;
  return true;
}

// A data source must lie in some active transfer's buffer, with room for the jump.
bool FastForward::source_has_room(const SimBus& bus, const DataSource& s, uint32_t advance) {
  if (!s.known) return false;
  for (int i = 0; i < bus.device_count(); ++i) {
    const BulkTransfer* t = bus.devices_[i].backend.active_transfer();
    if (t == nullptr || t->data == nullptr) continue;
    if (s.buffer == t->data && static_cast<uint64_t>(s.index) + advance + kMarginBytes < t->count) return true;
  }
  return false;
}

}  // namespace sim
}  // namespace sb
