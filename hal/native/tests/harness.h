// Test harness: each simulated device follows a script of controller commands; the harness
// submits the next one whenever the previous completes, in virtual time, and records every
// completion. Deterministic by construction (one thread, the bus scheduler decides order).
#pragma once
#include <stdint.h>

#include <initializer_list>
#include <random>
#include <string>
#include <vector>

#include "sb/sim_bus.h"

namespace sbtest {

using sb::sim::SimBus;

struct Script {
  int device = -1;
  std::vector<sb_command> steps;
  std::vector<sb_completion> done;
  bool stop_on_error = true;   // stop at the first completion that is not OK or INFO_*
  size_t next = 0;
  Script& then(const sb_command& c) {
    steps.push_back(c);
    return *this;
  }
  const sb_completion& at(size_t i) const { return done.at(i); }
  const sb_completion& last() const { return done.back(); }
};

// Runs the scripts until all are finished (or stopped), or nothing can happen any more.
// Returns false when a script could not finish (IDLE or a refused submit).
bool run(SimBus& bus, std::vector<Script*> scripts, uint64_t until = sb::kNever);

std::string violations_text(SimBus& bus);

// Command builders.
namespace cmd {
sb_command select(uint8_t target, bool atn = true, uint8_t flags = 0);
sb_command message_out(std::initializer_list<uint8_t> bytes);
sb_command command_out(const std::vector<uint8_t>& cdb);
sb_command transfer(std::vector<uint8_t>& buffer, uint32_t length);
sb_command transfer_at(uint8_t* data, uint32_t length);
sb_command status_in();
sb_command message_in();
sb_command accept();
sb_command set_atn();
sb_command set_sync(uint8_t peer, uint16_t period_ns, uint8_t offset);
sb_command wait_reselect(uint64_t timeout_ns = 0);
sb_command reset_bus();
sb_command enable_selection(uint8_t id_mask);
sb_command receive_command();
sb_command send_data(std::vector<uint8_t>& buffer, uint32_t length);
sb_command send_data_at(uint8_t* data, uint32_t length);
sb_command receive_data_at(uint8_t* data, uint32_t length);
sb_command receive_data(std::vector<uint8_t>& buffer, uint32_t length);
sb_command send_status(uint8_t status);
sb_command send_message(std::initializer_list<uint8_t> bytes);
sb_command receive_message();
sb_command disconnect();
sb_command reselect(uint8_t initiator);
}  // namespace cmd

sb_options options(uint8_t id, bool parity = true);
std::vector<uint8_t> random_bytes(size_t n, uint32_t seed);

// The whole initiator side of one command without disconnection, for scripts.
void initiator_command(Script& s, uint8_t target, const std::vector<uint8_t>& cdb, std::vector<uint8_t>* data,
                       uint32_t length);
// The whole target side of one command that sends (data_in) or takes data.
void target_command(Script& s, uint8_t id_mask, std::vector<uint8_t>* data, uint32_t length, bool data_in);

}  // namespace sbtest
