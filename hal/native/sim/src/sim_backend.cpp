#include "sb/sim_backend.h"

#include "sb/bulk_loops.h"
#include "sb/lines.h"
#include "sb/sim_bus.h"
#include "sb/timing.h"

namespace sb {
namespace sim {

void SimBackend::bind(SimBus* bus, int port, const TimeModel& model) {
  bus_ = bus;
  port_ = port;
  model_ = model;
}

uint32_t SimBackend::read_lines() {
  charge(model_.read_lines_ns);
  return bus_->wire();
}

void SimBackend::assert_lines(uint32_t lines) {
  if (stopped_) return;  // a stopped device drives nothing new
  charge(model_.write_lines_ns);
  const uint32_t before = asserted_;
  asserted_ |= lines & kAllLines;
  if (asserted_ != before) changed();
}

void SimBackend::release_lines(uint32_t lines) {
  if (stopped_) return;  // a stopped device drives nothing new
  charge(model_.write_lines_ns);
  const uint32_t before = asserted_;
  asserted_ &= ~lines;
  if (asserted_ != before) changed();
}

void SimBackend::drive_data(uint16_t nine) {
  if (stopped_) return;  // a stopped device drives nothing new
  charge(model_.data_ns);
  drive_src_.known = false;
  const bool was = data_enabled_;
  const uint16_t old = data_;
  data_ = static_cast<uint16_t>(nine & 0x1FFu);
  data_enabled_ = true;
  if (!was || old != data_) changed();
}

void SimBackend::release_data() {
  if (stopped_) return;  // a stopped device drives nothing new
  charge(model_.data_ns);
  if (data_enabled_) {
    data_enabled_ = false;
    changed();
  }
}

uint64_t SimBackend::now_ns() {
  charge(model_.clock_ns);
  return local_;
}

// Costs of the block since the last wait are paid here. The device may go on without
// yielding only while its clock has not passed the horizon: nothing can change the bus before
// then, so what it reads is exactly what the board would read. A device that had to wait is
// woken one polling turn after the change it waited for (SimBus::propagate), which is the
// board's reaction time.
bool SimBackend::wait(const WaitCond& cond, uint32_t* lines) { return wait_charged(cond, lines, model_.code_ns); }

bool SimBackend::wait_charged(const WaitCond& cond, uint32_t* lines, uint32_t code_ns) {
  if (stopped_) return false;
  local_ += pending_;
  pending_ = 0;
  const uint64_t horizon = bus_->horizon_for(port_);
  if (local_ > horizon) {
    yielded_for_horizon_ = true;
    return false;
  }
  const uint32_t w = bus_->wire();
  // The look itself: reading the lines, or for a pure delay only the cycle counter.
  // A bulk loop watches the control lines on the dedicated GPIO inputs: a cheaper look.
  const uint32_t look = bulk_ ? model_.bulk_look_ns : model_.read_lines_ns;
  pending_ += (cond.mask != 0 || cond.capture_at_least != 0) ? look : model_.clock_ns;
  if (wait_holds(cond, w, cap_count_) || cond.deadline_ns <= local_) {
    pending_ += code_ns;  // the routine runs on until its next wait
    *lines = w;
    return true;
  }
  if (cond.deadline_ns < horizon) {
    local_ = cond.deadline_ns;  // no other event comes first: skip straight to the deadline
    pending_ += code_ns;
    *lines = w;
    return true;
  }
  yielded_for_horizon_ = false;
  last_wait_ = cond;
  waiting_in_bulk_ = bulk_;
  return false;
}

void SimBackend::capture_arm(uint32_t strobe_line, bool latch) {
  charge(model_.capture_ns);
  cap_armed_ = true;
  cap_latch_ = latch;
  cap_strobe_ = strobe_line;
  cap_count_ = cap_head_ = cap_size_ = 0;
  capture_event_ = false;
}

void SimBackend::capture_disarm() {
  charge(model_.capture_ns);
  cap_armed_ = false;
  cap_size_ = 0;
}

uint32_t SimBackend::capture_count() {
  charge(model_.capture_ns);
  return cap_count_;
}

bool SimBackend::capture_pop(CaptureEntry* entry) {
  charge(model_.latched_ns);
  if (cap_size_ == 0) return false;
  *entry = cap_fifo_[cap_head_];
  sampled_src_ = cap_src_[cap_head_];
  ++samples_;
  cap_head_ = (cap_head_ + 1) % kFifo;
  --cap_size_;
  return true;
}

void SimBackend::on_edge(uint32_t rising, uint32_t wire) {
  if (!cap_armed_ || (rising & cap_strobe_) == 0) return;
  ++cap_count_;
  if (cap_latch_ && cap_size_ < kFifo) {
    cap_fifo_[(cap_head_ + cap_size_) % kFifo].lines = wire;
    cap_src_[(cap_head_ + cap_size_) % kFifo] = bus_->data_source();
    ++cap_size_;
  }
  capture_event_ = true;
}

void SimBackend::begin_step(uint64_t t) {
  if (t > local_) local_ = t;
  pending_ = 0;
  yielded_for_horizon_ = false;
  capture_event_ = false;
}

void SimBackend::sync_to(uint64_t t) {
  if (t > local_) local_ = t;
}

bool SimBackend::drives_data(bool io_asserted) const {
  if (!data_enabled_) return false;
  if (gate_ == DataGate::kWhenIoReleased) return !io_asserted;
  if (gate_ == DataGate::kWhenIoAsserted) return io_asserted;
  return true;
}

uint32_t SimBackend::data_lines(bool io_asserted) const {
  return drives_data(io_asserted) ? data_to_lines(data_) : 0u;
}

void SimBackend::stop(bool release) {
  stopped_ = true;
  if (release) {
    asserted_ = 0;
    data_enabled_ = false;
  }
}

void SimBackend::changed_at(uint64_t t) {
  if (!stopped_) bus_->port_changed(port_, t);
}

bool SimBackend::transfer(BulkTransfer& t) {
  if (stopped_) return false;
  if (active_ != &t) {
    // The first call of a transfer. The REQ an initiator's core already took from the capture
    // unit is this transfer's first byte.
    transfer_samples_start_ = samples_ - (t.have_first ? 1u : 0u);
    active_ = &t;
  }
  const bool over = bulk::run(*this, t);
  if (over) active_ = nullptr;
  return over;
}

uint32_t SimBackend::bulk_sample(uint32_t lines) {
  charge(model_.read_data_ns);
  sampled_src_ = bus_->data_source();
  ++samples_;
  return lines;
}

void SimBackend::bulk_drive(const uint8_t* d, uint32_t i) {
  drive_data(bulk::nine_of(d[i]));
  drive_src_ = DataSource{d, i, true};
}

// The generator: pulse k is asserted no earlier than gen_ready_ (data setup after the byte
// went on the bus, or the negation period after the previous pulse) and only once granted.
void SimBackend::strobe_start(uint32_t strobe_line, const uint8_t* data, uint32_t count, uint16_t assert_ns,
                              uint16_t negate_ns) {
  if (stopped_) return;
  charge(model_.strobe_ns);
  gen_on_ = true;
  gen_high_ = false;
  gen_line_ = strobe_line;
  gen_data_ = data;
  gen_count_ = count;
  gen_assert_ = assert_ns;
  gen_negate_ = negate_ns;
  gen_granted_ = gen_done_ = 0;
  gen_next_ = kNever;
  gen_ready_ = local_;
  if (data != nullptr && count > 0) {
    data_ = bulk::nine_of(data[0]);
    data_enabled_ = true;
    drive_src_ = DataSource{data, 0, true};
    // The first byte is set up for the slower of the negation and the normal data setup: no
    // pulse before it tells the receiver that this is a fast transfer.
    gen_ready_ = local_ + (negate_ns > timing::kDataSetup ? negate_ns : timing::kDataSetup);
    changed();
  }
}

void SimBackend::strobe_grant(uint32_t total) {
  if (stopped_ || !gen_on_) return;
  charge(model_.strobe_ns);
  if (total > gen_count_) total = gen_count_;
  if (total > gen_granted_) gen_granted_ = total;
  if (!gen_high_ && gen_next_ == kNever && gen_done_ < gen_granted_) {
    gen_next_ = gen_ready_ > local_ ? gen_ready_ : local_;
  }
}

uint32_t SimBackend::strobe_count() {
  charge(model_.capture_ns);
  return gen_done_;
}

void SimBackend::strobe_stop() {
  if (stopped_) return;
  charge(model_.strobe_ns);
  gen_on_ = false;
  gen_next_ = kNever;
  if (gen_high_) {
    gen_high_ = false;
    asserted_ &= ~gen_line_;
    changed();
  }
}

void SimBackend::hardware_fire(uint64_t t) {
  if (stopped_ || !gen_on_ || gen_next_ > t) return;
  if (!gen_high_) {
    gen_high_ = true;
    asserted_ |= gen_line_;
    gen_next_ = t + gen_assert_;
    bus_->port_changed(-1, t);  // a hardware edge: the CPU may be watching it too
    return;
  }
  gen_high_ = false;
  asserted_ &= ~gen_line_;
  ++gen_done_;
  gen_ready_ = t + gen_negate_;
  gen_next_ = gen_done_ < gen_granted_ ? gen_ready_ : kNever;
  bus_->port_changed(-1, t);  // a hardware edge: the CPU may be watching it too
  // The next byte goes on the bus as the strobe ends: held for the whole assertion, set up
  // for the whole negation.
  if (gen_data_ != nullptr && gen_done_ < gen_count_) {
    const uint16_t nine = bulk::nine_of(gen_data_[gen_done_]);
    drive_src_ = DataSource{gen_data_, gen_done_, true};
    if (nine != data_) {
      data_ = nine;
      bus_->port_changed(-1, t);  // a hardware edge: the CPU may be watching it too
    }
  }
}

}  // namespace sim
}  // namespace sb
