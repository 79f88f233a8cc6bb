// The C ABI over SimBus: argument checks and nothing else.
#include <stdio.h>

#include <new>
#include <string>

#include "sb/sim_bus.h"
#include "scsibridge_sim.h"

struct sb_sim {
  sb::sim::SimBus bus;
};

namespace {
bool valid_device(sb_sim* sim, int device) {
  return sim != nullptr && device >= 0 && device < sim->bus.device_count();
}
}  // namespace

extern "C" {

SB_API int sb_sim_abi_version(void) { return SB_SIM_ABI_VERSION; }

SB_API sb_sim* sb_sim_create(void) { return new (std::nothrow) sb_sim(); }

SB_API void sb_sim_destroy(sb_sim* sim) { delete sim; }

SB_API int sb_sim_attach(sb_sim* sim, const sb_options* options) {
  if (sim == nullptr || options == nullptr || options->scsi_id > 7) return SB_SIM_E_ARGUMENT;
  return sim->bus.attach(*options);
}

SB_API int sb_sim_submit(sb_sim* sim, int device, const sb_command* command) {
  if (!valid_device(sim, device) || command == nullptr) return SB_SIM_E_ARGUMENT;
  return sim->bus.submit(device, *command);
}

SB_API int sb_sim_cancel(sb_sim* sim, int device) {
  if (!valid_device(sim, device)) return SB_SIM_E_ARGUMENT;
  return sim->bus.cancel(device);
}

SB_API int sb_sim_run(sb_sim* sim, uint32_t device_mask, uint64_t until_ns, int* completed_device) {
  if (sim == nullptr) return SB_RUN_BAD_ARGUMENT;
  return sim->bus.run(device_mask, until_ns, completed_device);
}

SB_API int sb_sim_take_completion(sb_sim* sim, int device, sb_completion* out) {
  if (!valid_device(sim, device) || out == nullptr) return SB_SIM_E_ARGUMENT;
  return sim->bus.take_completion(device, out) ? 1 : 0;
}

SB_API uint64_t sb_sim_now(sb_sim* sim) { return sim != nullptr ? sim->bus.now() : 0; }

SB_API uint32_t sb_sim_lines(sb_sim* sim) { return sim != nullptr ? sim->bus.wire() : 0; }

SB_API int sb_sim_inject(sb_sim* sim, const sb_fault* fault) {
  if (sim == nullptr || fault == nullptr) return SB_SIM_E_ARGUMENT;
  if ((fault->kind == SB_FAULT_STOP_RESPONDING || fault->kind == SB_FAULT_VANISH) &&
      fault->device >= sim->bus.device_count()) {
    return SB_SIM_E_ARGUMENT;
  }
  return sim->bus.inject(*fault);
}

SB_API int sb_sim_set_trace(sb_sim* sim, int enabled) {
  if (sim == nullptr) return SB_SIM_E_ARGUMENT;
  sim->bus.trace().set_enabled(enabled != 0);
  return SB_SIM_OK;
}

SB_API int sb_sim_export_vcd(sb_sim* sim, const char* path) {
  if (sim == nullptr || path == nullptr) return SB_SIM_E_ARGUMENT;
  const std::string text = sim->bus.vcd();
  FILE* f = fopen(path, "wb");
  if (f == nullptr) return SB_SIM_E_IO;
  const size_t written = fwrite(text.data(), 1, text.size(), f);
  const int closed = fclose(f);
  return (written == text.size() && closed == 0) ? SB_SIM_OK : SB_SIM_E_IO;
}

SB_API int64_t sb_sim_vcd_bytes(sb_sim* sim, char* buf, int64_t size) {
  if (sim == nullptr || size < 0 || (size > 0 && buf == nullptr)) return SB_SIM_E_ARGUMENT;
  const std::string text = sim->bus.vcd();
  const int64_t n = static_cast<int64_t>(text.size());
  if (size > 0) text.copy(buf, static_cast<size_t>(size < n ? size : n));
  return n;
}

SB_API int sb_sim_violation_count(sb_sim* sim) {
  if (sim == nullptr) return SB_SIM_E_ARGUMENT;
  return static_cast<int>(sim->bus.monitor().violations().size());
}

SB_API int sb_sim_get_violation(sb_sim* sim, int index, sb_violation* out) {
  if (sim == nullptr || out == nullptr || index < 0 ||
      index >= static_cast<int>(sim->bus.monitor().violations().size())) {
    return SB_SIM_E_ARGUMENT;
  }
  *out = sim->bus.monitor().violations()[static_cast<size_t>(index)];
  return SB_SIM_OK;
}

SB_API int sb_sim_get_stats(sb_sim* sim, sb_sim_stats* out) {
  if (sim == nullptr || out == nullptr) return SB_SIM_E_ARGUMENT;
  out->now_ns = sim->bus.now();
  out->edges = sim->bus.edges();
  out->steps = sim->bus.steps();
  out->violations = static_cast<uint32_t>(sim->bus.monitor().violations().size());
  out->devices = static_cast<uint32_t>(sim->bus.device_count());
  return SB_SIM_OK;
}

}  // extern "C"
