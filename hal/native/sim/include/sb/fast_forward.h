// The simulator's fast path for long data phases. A bulk transfer settles into a cycle: after
// each byte the whole simulation (every device's clock, pending cost, wait, generator, capture
// unit and loop position, the wire's control lines, the monitor and the phase tracker) is the
// same as after the byte before it, shifted in time by one period and in every byte counter by
// one byte. The simulation is deterministic and the data values steer nothing (no wait watches
// a data line), so from such a state the next bytes repeat the cycle exactly until something
// outside it comes due: the end of a buffer, a deadline, a fault, the caller's time limit.
//
// FastForward records a signature of that state after each byte of the transfer. When the
// signature repeats, it jumps whole cycles at once: it moves every clock and time stamp on by
// the cycles' time, every byte counter by their bytes, copies the bytes each receiver would have
// latched from its sender's buffer, puts the right bytes on the data lines and in the capture
// FIFOs, and adds the edges and steps the cycles would have cost. It stops a margin short of
// anything that breaks the cycle, so the edge-level simulation takes the end of every transfer.
//
// What it checks, so that it cannot drift from the edge-level simulation:
// - every part of the state that can steer what happens next is in the signature, as a value
//   relative to the current time and to the leading transfer's byte count; two equal
//   signatures one cycle apart are the proof that the cycle repeats;
// - it never runs while a fault is pending, while the trace records edges, while the monitor
//   flagged anything during the cycle, or while any data byte's source is unknown;
// - tests run the same transfers with the fast path on and off and require every completion
//   field, every received byte and every statistic to be identical (fast_forward_test.cpp).
#pragma once
#include <stddef.h>
#include <stdint.h>

#include <vector>

namespace sb {
namespace sim {

class SimBus;
struct DataSource;

class FastForward {
 public:
  void set_enabled(bool on) {
    enabled_ = on;
    forget();
  }
  bool enabled() const { return enabled_; }
  // Called by the bus after every event; returns true when it jumped ahead.
  bool after_event(SimBus& bus);
  uint64_t cycles_skipped() const { return cycles_skipped_; }
  uint64_t bytes_skipped() const { return bytes_skipped_; }

 public:
  enum Kind : uint8_t { kFixed, kTime, kCount };
  struct Field {
    Kind kind;
    uint64_t value;
  };

 private:
  struct Snapshot {
    std::vector<Field> fields;
    uint64_t shape;
    uint64_t now;
    uint32_t leader_moved;
    uint64_t control_edges;
    uint64_t steps;
    size_t violations;
  };
  static bool capture(SimBus& bus, int leader, Snapshot* out);
  template <class V>
  static void visit(SimBus& bus, V& v);
  bool jump(SimBus& bus, const Snapshot& from, const Snapshot& to);
  static bool source_has_room(const SimBus& bus, const DataSource& s, uint32_t advance);

  void forget() { filled_ = 0; }

  // Snapshots kept: a cycle up to this many bytes long is found.
  static constexpr size_t kHistory = 64;
  // Snapshots a transfer gets without finding a cycle before the fast path leaves it alone, so
  // a transfer that never settles costs little.
  static constexpr uint32_t kTriesPerTransfer = 4 * kHistory;

  bool enabled_ = true;
  int leader_ = -1;
  uint32_t last_moved_ = 0;
  uint32_t tries_left_ = kTriesPerTransfer;
  uint64_t epoch_ = 0;
  Snapshot slots_[kHistory];
  size_t next_slot_ = 0;
  size_t filled_ = 0;
  uint64_t cycles_skipped_ = 0;
  uint64_t bytes_skipped_ = 0;
};

}  // namespace sim
}  // namespace sb
