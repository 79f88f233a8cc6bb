// The simulated bus seen through one device's pins: a PinBackend whose waits never block.
// Every operation is charged its board cost (TimeModel) on the device's own clock; a wait
// that holds at once lets the device go on without giving up its turn, as long as no other
// device or fault could act before that moment (the horizon).
#pragma once
#include <stdint.h>

#include "sb/backend.h"
#include "sb/time_model.h"

namespace sb {
namespace sim {

class SimBus;
class FastForward;

// Which byte of which buffer a device's data drivers (or a latched entry) carry, where known:
// the simulator's fast path moves data by index instead of edge by edge.
struct DataSource {
  const uint8_t* buffer = nullptr;
  uint32_t index = 0;
  bool known = false;
};

class SimBackend final : public PinBackend {
 public:
  SimBackend() = default;
  void bind(SimBus* bus, int port, const TimeModel& model);

  uint32_t read_lines() override;
  void assert_lines(uint32_t lines) override;
  void release_lines(uint32_t lines) override;
  void drive_data(uint16_t nine) override;
  void release_data() override;
  void set_data_gate(DataGate gate) override { gate_ = gate; }
  uint64_t now_ns() override;
  bool wait(const WaitCond& cond, uint32_t* lines) override;
  void capture_arm(uint32_t strobe_line, bool latch) override;
  void capture_disarm() override;
  uint32_t capture_count() override;
  bool capture_pop(CaptureEntry* entry) override;
  void strobe_start(uint32_t strobe_line, const uint8_t* data, uint32_t count, uint16_t assert_ns,
                    uint16_t negate_ns) override;
  void strobe_grant(uint32_t total) override;
  uint32_t strobe_count() override;
  void strobe_stop() override;
  bool transfer(BulkTransfer& t) override;
  // The bulk loops' wait: wait(), charging the bulk loop's code instead of the general routines'.
  uint32_t bulk_wait(const WaitCond& cond) {
    uint32_t lines = 0;
    bulk_ = true;
    const bool held = wait_charged(cond, &lines, model_.bulk_code_ns);
    bulk_ = false;
    return held ? lines : kBulkNotYet;
  }
  // The data lines as a receiving bulk loop reads them (the control lines came from its look).
  uint32_t bulk_sample(uint32_t lines);
  // drive_data(nine_of(d[i])), remembering which byte of which buffer is on the data lines.
  void bulk_drive(const uint8_t* d, uint32_t i);
  // How soon this device sees a change it waits for: one turn of the loop it waits in.
  uint32_t reaction_ns() const { return waiting_in_bulk_ ? model_.bulk_poll_ns : model_.poll_ns; }

  // For the bus.
  void begin_step(uint64_t t);
  uint64_t local_time() const { return local_; }
  // What this device puts on the wire, given the I/O line as the other devices drive it.
  uint32_t control_lines() const { return asserted_; }
  uint32_t data_lines(bool io_asserted) const;
  bool drives_data(bool io_asserted) const;
  void sync_to(uint64_t t);        // time passed while the device waited
  void stop(bool release);         // stops responding; with release, lets go of every line
  bool stopped() const { return stopped_; }
  void on_edge(uint32_t rising, uint32_t wire);  // the capture unit watching its strobe
  // What the device waits for after a step that ended in a wait.
  bool yielded_for_horizon() const { return yielded_for_horizon_; }
  const WaitCond& last_wait() const { return last_wait_; }
  bool capture_event() const { return capture_event_; }
  // The strobe generator is hardware: its next edge is an event of its own on the bus.
  uint64_t hardware_next() const { return stopped_ ? kNever : gen_next_; }
  void hardware_fire(uint64_t t);
  const DataSource& drive_source() const { return drive_src_; }
  // The transfer a bulk loop of this device is in, or null.
  const BulkTransfer* active_transfer() const { return active_; }
  void clear_capture_event() { capture_event_ = false; }

  // For a device whose CPU is modelled outside the simulator (sb/external_device.h): these
  // pads then cost nothing themselves; the outside model charges its own accesses, parks the
  // device as wait() would (without charging a look or code), and tells the generator when
  // its data arrived after the generator had moved to that byte (external_pads.cpp).
  void charge_ns(uint32_t ns) { charge(ns); }
  bool park_unless(const WaitCond& cond, bool bulk);
  // A busy delay that looks at nothing (an outside backend spinning on its cycle counter):
  // a wait for its end alone, so what was driven before it changes the wire before what is
  // driven after it. False when the device must yield first, as park_unless.
  bool park_for(uint32_t ns, bool bulk) {
    if (stopped_) return false;
    return park_unless(WaitCond{0, 0, 0, 0, local_ + pending_ + ns, false}, bulk);
  }
  void generator_data_arrived();

 private:
  friend class FastForward;
  void charge(uint32_t ns) { pending_ += ns; }
  void changed() { changed_at(local_); }
  void changed_at(uint64_t t);
  bool wait_charged(const WaitCond& cond, uint32_t* lines, uint32_t code_ns);

  SimBus* bus_ = nullptr;
  int port_ = 0;
  TimeModel model_{};
  uint64_t local_ = 0;
  uint64_t pending_ = 0;
  uint32_t asserted_ = 0;
  uint16_t data_ = 0;
  bool data_enabled_ = false;
  DataGate gate_ = DataGate::kAlways;
  bool yielded_for_horizon_ = false;
  bool stopped_ = false;
  WaitCond last_wait_{};

  // The capture unit writes into a DMA ring in RAM on the board: deep enough that the loop
  // never lets it overflow (an overflow is counted and the entry lost, as the hardware would).
  static constexpr uint32_t kFifo = 4096;
  bool cap_armed_ = false;
  bool cap_latch_ = false;
  bool capture_event_ = false;
  uint32_t cap_strobe_ = 0;
  uint32_t cap_count_ = 0;
  uint32_t cap_head_ = 0;
  uint32_t cap_size_ = 0;
  CaptureEntry cap_fifo_[kFifo]{};
  DataSource cap_src_[kFifo]{};  // where each latched entry's data came from

  BulkTransfer* active_ = nullptr;
  DataSource drive_src_{};       // what this device's data drivers carry
  DataSource sampled_src_{};     // the byte the bulk loop read last
  uint32_t samples_ = 0;         // bytes a bulk loop read (sampled or popped) in all
  uint32_t transfer_samples_start_ = 0;  // samples_ when the active transfer began

  bool bulk_ = false;             // the wait being run is a bulk loop's
  bool waiting_in_bulk_ = false;  // the device is suspended in a bulk loop's wait
  bool gen_on_ = false;
  bool gen_high_ = false;
  uint32_t gen_line_ = 0;
  const uint8_t* gen_data_ = nullptr;
  uint32_t gen_count_ = 0;
  uint16_t gen_assert_ = 0;
  uint16_t gen_negate_ = 0;
  uint32_t gen_granted_ = 0;
  uint32_t gen_done_ = 0;
  uint64_t gen_ready_ = 0;      // earliest moment the next pulse may begin
  uint64_t gen_next_ = kNever;  // the generator's next edge
};

}  // namespace sim
}  // namespace sb
