#include "sb/external_device.h"

#include "sb/sim_bus.h"

namespace sb {
namespace sim {

int SimBus::attach_external(const sb_options& options, ExternalCpu& cpu) {
  if (count_ >= SB_SIM_MAX_DEVICES) return SB_SIM_E_FULL;
  Device& d = devices_[count_];
  // The pads cost nothing: the outside model charges every access itself. Only the reaction
  // times stay, as the bus wakes a parked device one polling turn after a change.
  TimeModel pads{};
  pads.poll_ns = model_.poll_ns;
  pads.bulk_poll_ns = model_.bulk_poll_ns;
  d.backend.bind(this, count_, pads);
  d.backend.sync_to(now_);
  d.ctrl.init(cpu.connect(d.backend, *this, model_), options);
  fast_.set_enabled(false);
  schedule(d, now_);
  return count_++;
}

}  // namespace sim
}  // namespace sb
