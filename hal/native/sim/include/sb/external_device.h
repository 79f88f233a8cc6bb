// A bus device whose CPU and peripherals are modelled outside the simulator (the ESP32-S3
// model, hal/native/esp32s3/model/): the controller core runs on the model's PinBackend, and
// the model reaches the wire through a SimBackend used only as its pads and clock.
#pragma once
#include "sb/backend.h"
#include "sb/sim_backend.h"
#include "sb/time_model.h"

namespace sb {
namespace sim {

class SimBus;

class ExternalCpu {
 public:
  // Called once by SimBus::attach_external, before the controller starts: the pads (zero-cost,
  // poll timing only), the bus, and the time model whose figures the model charges. Returns
  // the backend the controller runs on.
  virtual PinBackend* connect(SimBackend& pads, SimBus& bus, const TimeModel& model) = 0;

 protected:
  ~ExternalCpu() = default;
};

}  // namespace sim
}  // namespace sb
