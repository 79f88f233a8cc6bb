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
  void clear_capture_event() { capture_event_ = false; }

 private:
  void charge(uint32_t ns) { pending_ += ns; }
  void changed();

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

  static constexpr uint32_t kFifo = 64;
  bool cap_armed_ = false;
  bool cap_latch_ = false;
  bool capture_event_ = false;
  uint32_t cap_strobe_ = 0;
  uint32_t cap_count_ = 0;
  uint32_t cap_head_ = 0;
  uint32_t cap_size_ = 0;
  CaptureEntry cap_fifo_[kFifo]{};
};

}  // namespace sim
}  // namespace sb
