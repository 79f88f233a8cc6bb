// SimBackend's side of an externally modelled device (sb/external_device.h).
#include "sb/bulk_loops.h"
#include "sb/sim_backend.h"
#include "sb/sim_bus.h"
#include "sb/timing.h"

namespace sb {
namespace sim {

// wait_charged() without its charges: the outside model has charged its look and charges its
// code itself. true: the device goes on (the condition holds now, or its deadline came before
// anything else can happen, in which case the clock moves to it); false: it yields, parked on
// cond or because its clock passed the horizon.
bool SimBackend::park_unless(const WaitCond& cond, bool bulk) {
  if (stopped_) return false;
  local_ += pending_;
  pending_ = 0;
  const uint64_t horizon = bus_->horizon_for(port_);
  if (local_ > horizon) {
    yielded_for_horizon_ = true;
    return false;
  }
  if (wait_holds(cond, bus_->wire(), cap_count_) || cond.deadline_ns <= local_) return true;
  if (cond.deadline_ns < horizon) {
    local_ = cond.deadline_ns;
    return true;
  }
  yielded_for_horizon_ = false;
  last_wait_ = cond;
  waiting_in_bulk_ = bulk;
  return false;
}

// The generator puts byte k on the bus as pulse k-1 ends; an outside generator whose data for
// byte k arrives later (appended with the grant) puts it there now, set up before its pulse as
// a first byte is (the slower of the negation and the normal data setup: the pulse before it
// may be too long ago to count as fast).
void SimBackend::generator_data_arrived() {
  if (stopped_ || !gen_on_ || gen_high_ || gen_data_ == nullptr || gen_done_ >= gen_count_) return;
  const uint16_t nine = bulk::nine_of(gen_data_[gen_done_]);
  drive_src_ = DataSource{gen_data_, gen_done_, true};
  if (nine == data_ && data_enabled_) return;
  data_ = nine;
  data_enabled_ = true;
  const uint64_t ready = local_ + (gen_negate_ > timing::kDataSetup ? gen_negate_ : timing::kDataSetup);
  if (ready > gen_ready_) gen_ready_ = ready;
  if (gen_next_ != kNever && gen_next_ < gen_ready_) gen_next_ = gen_ready_;
  changed();
}

}  // namespace sim
}  // namespace sb
